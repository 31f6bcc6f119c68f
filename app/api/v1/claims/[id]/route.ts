import { apiRoute, unsupportedMethods } from "@/lib/api/route";
import { parseIfMatch, readJsonBody, withJsonBody } from "@/lib/api/request";
import { claimResponse } from "@/lib/api/responses";
import { isClaimError } from "@/lib/claims/errors";
import { findVisibleClaim } from "@/lib/claims/find-visible-claim";
import { updateClaim } from "@/lib/claims/service";
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

export const { POST, PUT, DELETE } = unsupportedMethods(["GET", "PATCH"]);
