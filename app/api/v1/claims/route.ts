import { json, apiRoute, unsupportedMethods } from "@/lib/api/route";
import { parseQuery, readJsonBody, withJsonBody } from "@/lib/api/request";
import { claimLocation, claimResponse } from "@/lib/api/responses";
import { listClaimDetails } from "@/lib/claims/queries";
import { claimResource } from "@/lib/claims/resource";
import { claimListQuerySchema } from "@/lib/claims/schemas";
import { createClaim } from "@/lib/claims/service";
import { getReadDb } from "@/lib/db";

export const runtime = "nodejs";

/** GET /claims: a page of the claims the caller may see, with per-status counts. */
export const GET = apiRoute(async ({ request, actor }) => {
  const filters = parseQuery(request, claimListQuerySchema);
  const now = new Date();
  const page = await listClaimDetails(getReadDb(), actor, filters, now);
  return json({ ...page, items: page.items.map((claim) => claimResource(claim, now)) });
});

/** POST /claims: a new claim in EDITING (partners). */
export const POST = apiRoute(async ({ request, db, actor }) => {
  const body = await readJsonBody(request);
  const claim = await withJsonBody(body, (input) => createClaim(db, actor, input));
  return claimResponse(claim, { status: 201, headers: { Location: claimLocation(claim.id) } });
});

export const { PUT, PATCH, DELETE } = unsupportedMethods(["GET", "POST"]);
