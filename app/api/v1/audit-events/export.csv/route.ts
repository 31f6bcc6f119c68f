import { auditQuerySchema, exportAuditEventsCsv } from "@/lib/admin/audit-log";
import { parseQuery } from "@/lib/api/request";
import { apiRoute, unsupportedMethods } from "@/lib/api/route";
import { exportUnderLease } from "@/lib/security/export-lease";
import { getReadDb } from "@/lib/db";

export const runtime = "nodejs";

/** GET /audit-events/export.csv: every event matching the same filters, streamed as CSV; one export at a time per user. */
export const GET = apiRoute(async ({ request, actor }) => {
  const stream = await exportUnderLease(actor.userId, exportAuditEventsCsv(getReadDb(), actor, parseQuery(request, auditQuerySchema)));
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = unsupportedMethods(["GET"]);
