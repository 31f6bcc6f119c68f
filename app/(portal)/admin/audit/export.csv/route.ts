// The audit page's "Export CSV" for the browser: the session's admin, the page's filters, the same streamed
// export as GET /api/v1/audit-events/export.csv.
import { NextResponse, type NextRequest } from "next/server";
import { exportAuditEventsCsv } from "@/lib/admin/audit-log";
import { actorOf, getCurrentUser } from "@/lib/auth/session";
import { isClaimError, RateLimitedError } from "@/lib/claims/errors";
import { pageReadDb } from "@/lib/page-read-db";
import { exportBusyResponse, exportUnderLease } from "@/lib/security/export-lease";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.redirect(new URL("/login", request.url), 303);
  if (user.role !== "ADMIN") return new Response("Not found", { status: 404 });
  const query = Object.fromEntries([...request.nextUrl.searchParams].filter(([, value]) => value !== ""));
  try {
    return new Response(await exportUnderLease(user.id, exportAuditEventsCsv(await pageReadDb(), actorOf(user), query)), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (isClaimError(error)) return new Response(error.message, { status: 422 });
    if (error instanceof RateLimitedError) return exportBusyResponse(error);
    throw error;
  }
}
