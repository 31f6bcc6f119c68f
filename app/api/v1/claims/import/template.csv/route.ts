import { apiRoute, unsupportedMethods } from "@/lib/api/route";
import { importTemplateCsv } from "@/lib/claims/import/import-format";
import { requirePartner } from "@/lib/claims/service/steps";

export const runtime = "nodejs";

/** GET /claims/import/template.csv: the header row and one example row of the import format. */
export const GET = apiRoute(async ({ actor }) => {
  requirePartner(actor);
  return new Response(importTemplateCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="claims-import-template.csv"',
      "Cache-Control": "no-store",
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = unsupportedMethods(["GET"]);
