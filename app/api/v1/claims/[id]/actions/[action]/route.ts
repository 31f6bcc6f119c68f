import { apiRoute, unsupportedMethods } from "@/lib/api/route";
import { readJsonBody, withJsonBody } from "@/lib/api/request";
import { claimResponse } from "@/lib/api/responses";
import { ClaimError } from "@/lib/claims/errors";
import type { Actor } from "@/lib/claims/lifecycle";
import { isApiClaimAction, type ApiClaimAction } from "@/lib/claims/schemas";
import {
  approveClaim,
  rejectClaim,
  requestPartnerInfo,
  resendConsent,
  resubmitClaim,
  startReview,
  submitClaim,
  takeOverClaim,
  withdrawClaim,
  type ClaimDetail,
} from "@/lib/claims/service";
import type { Db } from "@/lib/db";

export const runtime = "nodejs";

type Params = { id: string; action: string };

/** The path's action name → its use case (each validates its own body and checks api-v1's order). */
const USE_CASES: Record<ApiClaimAction, (db: Db, actor: Actor, claimId: string, input: unknown) => Promise<ClaimDetail>> = {
  submit: submitClaim,
  "start-review": startReview,
  "request-info": requestPartnerInfo,
  resubmit: resubmitClaim,
  approve: approveClaim,
  reject: rejectClaim,
  withdraw: withdrawClaim,
  "take-over": takeOverClaim,
  "resend-consent": resendConsent,
};

/** POST /claims/{id}/actions/{action}: a status change; the body may carry `version` (409 CONFLICT if stale). */
export const POST = apiRoute<Params>(async ({ request, params, db, actor }) => {
  if (!isApiClaimAction(params.action)) {
    throw new ClaimError("NOT_FOUND", `There is no action "${params.action}". Actions: ${Object.keys(USE_CASES).join(", ")}.`);
  }
  const useCase = USE_CASES[params.action];
  const body = await readJsonBody(request);
  return claimResponse(await withJsonBody(body, (input) => useCase(db, actor, params.id, input)));
});

export const { GET, PUT, PATCH, DELETE } = unsupportedMethods(["POST"]);
