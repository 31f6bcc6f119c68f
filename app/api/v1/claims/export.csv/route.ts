import { apiRoute, unsupportedMethods } from "@/lib/api/route";
import { parseQuery } from "@/lib/api/request";
import { exportClaimsCsv } from "@/lib/claims/export";
import { claimListQuerySchema } from "@/lib/claims/schemas";
import { exportUnderLease } from "@/lib/security/export-lease";
import { getReadDb } from "@/lib/db";

export const runtime = "nodejs";

/**
 * GET /claims/export.csv: every claim matching the list's filters (paging ignored), streamed as it is read; one
 * export at a time per user (429 with Retry-After while another runs).
 */
export const GET = apiRoute(async ({ request, actor }) => {
  const { page: _page, pageSize: _pageSize, ...filters } = parseQuery(request, claimListQuerySchema);
  const now = new Date();
  const body = await exportUnderLease(actor.userId, exportClaimsCsv(getReadDb(), actor, filters, now));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="claims-${now.toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = unsupportedMethods(["GET"]);
