import { apiRoute, unsupportedMethods } from "@/lib/api/route";
import { parseQuery } from "@/lib/api/request";
import { exportClaimsCsv } from "@/lib/claims/export";
import { claimListQuerySchema } from "@/lib/claims/schemas";

export const runtime = "nodejs";

/** GET /claims/export.csv: every claim matching the list's filters (paging ignored), streamed as it is read. */
export const GET = apiRoute(async ({ request, db, actor }) => {
  const { page: _page, pageSize: _pageSize, ...filters } = parseQuery(request, claimListQuerySchema);
  const now = new Date();
  return new Response(exportClaimsCsv(db, actor, filters, now), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="claims-${now.toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = unsupportedMethods(["GET"]);
