// The "Actions" operations of the OpenAPI document (one POST /claims/{id}/actions/<action> per lifecycle step),
// as data; see operations.ts.
import { AUTH_ERRORS, CLAIM_ID, type OperationSpec } from "./operation-spec";
import { actionBodySchema, claimResourceSchema, type ApiClaimAction, type ProblemCode } from "../claims/schemas";

/** Who may take each action and what it does (docs/api.md "Actions"). */
const ACTIONS: Record<ApiClaimAction, { who: string; summary: string; effect: string; errors: ProblemCode[] }> = {
  submit: {
    who: "partner",
    summary: "Submit a claim for review",
    effect:
      "`EDITING` → `SUBMITTED`. 422 `VALIDATION` lists what is missing in `errors` (products, contacts, PoE). " +
      "Run `GET /claims/{id}/conflicts` first to see competing claims (a warning, never a block).",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  "start-review": {
    who: "reviewer",
    summary: "Start the review (assigns the caller)",
    effect: "`SUBMITTED` → `UNDER_REVIEW`, assigned to the caller.",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  "request-info": {
    who: "reviewer",
    summary: "Ask the partner for more information",
    effect:
      "`UNDER_REVIEW` → `PARTNER_ACTION_REQUIRED` with at least one reason code and a comment to the partner; the " +
      "review clock pauses. `reasonCodes` are shown on the claim.",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  resubmit: {
    who: "partner",
    summary: "Resubmit after an information request",
    effect:
      "`PARTNER_ACTION_REQUIRED` → `UNDER_REVIEW`. 422 unless a field, a PoE or a partner comment was added since " +
      "the request (a `comment` sent here counts).",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  approve: {
    who: "reviewer",
    summary: "Approve a claim",
    effect:
      "`UNDER_REVIEW` → `APPROVED`: `consentEndsAt` is set and the customer is sent a single-use link to deny the " +
      "association within the consent window.",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  reject: {
    who: "reviewer",
    summary: "Reject a claim",
    effect:
      "`UNDER_REVIEW` → `REJECTED` with `rejectionReason` = `reason`. `PARTNER_REQUEST`, `CUSTOMER_DECLINE` and " +
      "`NO_PARTNER_RESPONSE` are recorded by the system and refused here (422).",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  withdraw: {
    who: "partner",
    summary: "Withdraw a claim",
    effect:
      "Any status but `REJECTED` → `REJECTED` with `rejectionReason` = `PARTNER_REQUEST` and `rejectionComment` = " +
      "the comment (why: wrong MPN ID, wrong activity, no longer working with the customer).",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  "take-over": {
    who: "reviewer",
    summary: "Take a claim over (assigns the caller)",
    effect:
      "`SUBMITTED` stays `SUBMITTED` (assigned only), `UNDER_REVIEW` stays `UNDER_REVIEW`; `assignedReviewer` becomes " +
      "the caller and the history records it. By the current holder nothing changes (200, same `version`). Only the " +
      "holder may `request-info`, `approve` or `reject` (403 `FORBIDDEN` for other reviewers).",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  "resend-consent": {
    who: "reviewer",
    summary: "Correct the customer's email and send a new consent link",
    effect:
      "Only while the consent window is open (else 409 `INVALID_TRANSITION`): the customer contact's email becomes " +
      "`email`, a new link is sent there, the old link answers 410, `consentEndsAt` does not move. History records " +
      "the old and the new address.",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
};

export const claimActionOperations: OperationSpec[] = (Object.keys(ACTIONS) as ApiClaimAction[]).map((action) => {
  const spec = ACTIONS[action];
  return {
    method: "post",
    path: `/claims/{id}/actions/${action}`,
    operationId: `claimAction${action.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`,
    tag: "Actions",
    summary: spec.summary,
    description:
      `Who: ${spec.who}. ${spec.effect}\n\nThe body may carry \`version\` (the claim's ETag value): a stale one is ` +
      "409 `CONFLICT`. A `comment` given to an action is also posted to the claim's comments.",
    auth: true,
    pathParams: [CLAIM_ID],
    body: { kind: "json", schema: actionBodySchema[action], required: false },
    success: { status: 200, description: "The claim after the action.", content: { kind: "json", schema: claimResourceSchema }, headers: ["ETag"] },
    errors: [...AUTH_ERRORS, ...spec.errors],
  };
});
