import { apiRoute, unsupportedMethods } from "@/lib/api/route";
import { claimLocation, claimResponse } from "@/lib/api/responses";
import { duplicateClaim } from "@/lib/claims/service";

export const runtime = "nodejs";

type Params = { id: string };

/** POST /claims/{id}/duplicate: a new EDITING claim copied from this one (no commentary, files, comments). */
export const POST = apiRoute<Params>(async ({ params, db, actor }) => {
  const claim = await duplicateClaim(db, actor, params.id);
  return claimResponse(claim, { status: 201, headers: { Location: claimLocation(claim.id) } });
});

export const { GET, PUT, PATCH, DELETE } = unsupportedMethods(["POST"]);
