import { json, apiRoute, unsupportedMethods } from "@/lib/api/route";
import { parseQuery } from "@/lib/api/request";
import { ClaimError } from "@/lib/claims/errors";
import { importQuerySchema } from "@/lib/claims/schemas";
import { dryRunImport, importClaims } from "@/lib/claims/service";
import { requirePartner } from "@/lib/claims/service/steps";

export const runtime = "nodejs";

const CSV_TYPES = ["text/csv", "application/csv", "text/plain"];

/** POST /claims/import[?dryRun=true]: the CSV body, streamed through the parser (docs/api.md "Import format"). */
export const POST = apiRoute(async ({ request, db, actor }) => {
  // Role before body (docs/api.md "Order of checks"): a reviewer's file is not even read.
  requirePartner(actor);
  const { dryRun } = parseQuery(request, importQuerySchema);
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!CSV_TYPES.includes(type)) throw new ClaimError("UNSUPPORTED_MEDIA_TYPE", "Send the file as Content-Type: text/csv (UTF-8).");
  const body = request.body ?? "";
  if (dryRun === "true") return json(await dryRunImport(db, actor, body));
  return json(await importClaims(db, actor, body), { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = unsupportedMethods(["POST"]);
