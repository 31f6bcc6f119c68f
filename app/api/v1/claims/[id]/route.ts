import { apiRoute, unsupportedMethods } from "@/lib/api/route";
import { parseIfMatch, readJsonBody, withJsonBody } from "@/lib/api/request";
import { claimResponse } from "@/lib/api/responses";
import { isClaimError } from "@/lib/claims/errors";
import { findVisibleClaim } from "@/lib/claims/find-visible-claim";
import { discardClaim, updateClaim } from "@/lib/claims/service";
import { problem } from "@/lib/http/problem";

export const runtime = "nodejs";

type Params = { id: string };

/** GET /claims/{id}, with ETag: "<version>". */
export const GET = apiRoute<Params>(async ({ params, db, actor }) => claimResponse(await findVisibleClaim(db, actor, params.id)));

const IF_MATCH_FORMAT = 'If-Match must be the claim\'s version from its ETag, e.g. If-Match: "3" (or 3).';

/** PATCH /claims/{id} with If-Match: replaces whole top-level fields, all or nothing. */
export const PATCH = apiRoute<Params>(async ({ request, params, db, actor }) => {
  const ifMatch = parseIfMatch(request);
  const body = await readJsonBody(request);
  // Without a usable If-Match the service still runs its checks in api-v1's order (404 → 403 → 422) and
  // stops at the version step, where a NaN version never matches; that CONFLICT is then reported as the
  // missing (428) or malformed (422) precondition it really is.
  const version = ifMatch.kind === "version" ? ifMatch.version : Number.NaN;
  try {
    return claimResponse(await withJsonBody(body, (input) => updateClaim(db, actor, params.id, version, input)));
  } catch (error) {
    if (!isClaimError(error) || error.code !== "CONFLICT" || ifMatch.kind === "version") throw error;
    return ifMatch.kind === "missing"
      ? problem("PRECONDITION_REQUIRED", `Send If-Match with the version of the claim you edited. ${IF_MATCH_FORMAT}`)
      : problem("VALIDATION", IF_MATCH_FORMAT, { errors: [{ path: "If-Match", message: IF_MATCH_FORMAT }] });
  }
});

/** DELETE /claims/{id} (optional If-Match): discards a draft with its files and history → 204. */
export const DELETE = apiRoute<Params>(async ({ request, params, db, actor }) => {
  const ifMatch = parseIfMatch(request);
  // A malformed If-Match is a body-level problem (422), checked after visibility and role by the service order:
  // NaN never matches, so the service stops at the version step and the CONFLICT is reported as what it is.
  const version = ifMatch.kind === "version" ? ifMatch.version : ifMatch.kind === "invalid" ? Number.NaN : undefined;
  try {
    await discardClaim(db, actor, params.id, version);
  } catch (error) {
    if (!isClaimError(error) || error.code !== "CONFLICT" || ifMatch.kind !== "invalid") throw error;
    return problem("VALIDATION", IF_MATCH_FORMAT, { errors: [{ path: "If-Match", message: IF_MATCH_FORMAT }] });
  }
  return new Response(null, { status: 204 });
});

export const { POST, PUT } = unsupportedMethods(["GET", "PATCH", "DELETE"]);
