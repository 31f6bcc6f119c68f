// The dashboard's "Export CSV" for the browser: the session's user, the page's filters (every status a
// tab link can carry), the same visibility rules and the same streamed export as GET /api/v1/claims/export.csv.
import { NextResponse, type NextRequest } from "next/server";
import { actorOf, getCurrentUser } from "@/lib/auth/session";
import { exportClaimsCsv } from "@/lib/claims/export";
import { listFiltersFromSearchParams } from "@/lib/claims/list-params";
import { RateLimitedError } from "@/lib/claims/errors";
import { pageReadDb } from "@/lib/page-read-db";
import { exportBusyResponse, exportUnderLease } from "@/lib/security/export-lease";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// A byte order mark first: spreadsheet programs then read the file as UTF-8 (accented customer names).
const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.redirect(new URL("/login", request.url), 303);
  const { page: _page, pageSize: _pageSize, ...filters } = listFiltersFromSearchParams(
    Object.fromEntries(request.nextUrl.searchParams),
  );
  const now = new Date();
  let body: ReadableStream<Uint8Array>;
  try {
    // The mark goes out first through the lease's own relay: no TransformStream between (each would queue a page).
    body = await exportUnderLease(user.id, exportClaimsCsv(await pageReadDb(), actorOf(user), filters, now), UTF8_BOM);
  } catch (error) {
    if (error instanceof RateLimitedError) return exportBusyResponse(error);
    throw error;
  }
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="claims-${now.toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

