// Request bodies of the claim actions (POST /claims/{id}/actions/{action}) and of the other POST endpoints
// (comments, disputes, dispute resolution, consent denial).
import { z } from "zod";
import {
  DISPUTE_OUTCOMES,
  INFO_REQUEST_REASONS,
  REVIEWER_REJECTION_REASONS,
  WITHDRAW_REASONS,
  type RejectionReason,
} from "../catalogue";
import { optionalText, requiredText, version } from "./building-blocks";
import { productsSchema } from "./claim-fields";
import {
  COMMENT_MAX_LENGTH,
  CONSENT_DENY_REASON_MAX_LENGTH,
  DISPUTE_DETAILS_MAX_LENGTH,
} from "./limits";

// ---------------------------------------------------------------------------------------------------------
// Action bodies (POST /claims/{id}/actions/{action})

/** What every action body says of its `comment`: api-v1 posts any action's comment to the claim's thread. */
export const ACTION_COMMENT_DESCRIPTION = "Also posted to the claim's comments (plain text).";

const actionComment = optionalText(
  COMMENT_MAX_LENGTH,
  `Shorten the comment to ${COMMENT_MAX_LENGTH} characters or fewer`,
).meta({ description: ACTION_COMMENT_DESCRIPTION });

export const submitBodySchema = z
  .object({ version, comment: actionComment })
  .meta({ id: "SubmitBody", description: "Body of the submit action." });

export const startReviewBodySchema = z
  .object({ version, comment: actionComment })
  .meta({ id: "StartReviewBody", description: "Body of the start-review action." });

export const requestInfoBodySchema = z
  .object({
    version,
    reasonCodes: z
      .array(z.enum(INFO_REQUEST_REASONS, { error: `Choose reasons from the list: ${INFO_REQUEST_REASONS.join(", ")}` }), {
        error: "Choose at least one reason why more information is needed",
      })
      .min(1, { error: "Choose at least one reason why more information is needed" })
      // A reason ticked twice means the same thing as once; keeping one spares the partner a repeated line.
      .overwrite((codes) => [...new Set(codes)]),
    comment: requiredText(
      "Write a comment telling the partner what to provide",
      COMMENT_MAX_LENGTH,
      `Shorten the comment to ${COMMENT_MAX_LENGTH} characters or fewer`,
    ).meta({ description: ACTION_COMMENT_DESCRIPTION }),
  })
  .meta({ id: "RequestInfoBody", description: "Body of the request-info action." });

export const resubmitBodySchema = z
  .object({ version, comment: actionComment })
  .meta({ id: "ResubmitBody", description: "Body of the resubmit action; a comment counts as the partner's response." });

export const approveBodySchema = z
  .object({ version, comment: actionComment })
  .meta({ id: "ApproveBody", description: "Body of the approve action." });

// Keyed by every rejection reason a reviewer may not give, so a new system-only reason needs its explanation.
const WHY_NOT_REVIEWER: Record<Exclude<RejectionReason, (typeof REVIEWER_REJECTION_REASONS)[number]>, string> = {
  PARTNER_REQUEST: "PARTNER_REQUEST is recorded when the partner withdraws the claim; a reviewer cannot choose it",
  CUSTOMER_DECLINE: "CUSTOMER_DECLINE is recorded when the customer denies consent; a reviewer cannot choose it",
  NO_PARTNER_RESPONSE:
    "NO_PARTNER_RESPONSE is recorded automatically when the partner does not respond in time; a reviewer cannot choose it",
};

export const rejectBodySchema = z
  .object({
    version,
    reason: z.enum(REVIEWER_REJECTION_REASONS, {
      error: (issue) =>
        // The input may be anything a client sent (an object whose toString is not a function): never String() it.
        (typeof issue.input === "string" && Object.hasOwn(WHY_NOT_REVIEWER, issue.input)
          ? WHY_NOT_REVIEWER[issue.input as keyof typeof WHY_NOT_REVIEWER]
          : undefined) ??
        `Choose the rejection reason: ${REVIEWER_REJECTION_REASONS.join(", ")}`,
    }),
    comment: actionComment,
  })
  .meta({ id: "RejectBody", description: "Body of the reject action; reason is one a reviewer may give." });

export const withdrawBodySchema = z
  .object({
    version,
    comment: requiredText(
      "Tell the reviewer why you withdraw the claim, e.g. wrong MPN ID, wrong activity or no longer working with the customer",
      COMMENT_MAX_LENGTH,
      `Shorten the comment to ${COMMENT_MAX_LENGTH} characters or fewer`,
    ).meta({ description: `Why the claim is withdrawn, in the partner's own words; becomes its rejectionComment. ${ACTION_COMMENT_DESCRIPTION}` }),
    withdrawReason: z
      .enum(WITHDRAW_REASONS, { error: `Choose a reason from the list: ${WITHDRAW_REASONS.join(", ")}` })
      .optional()
      .meta({ description: "The reason as a code, stored on the claim and shown translated; the comment stays the partner's own text." }),
  })
  .meta({ id: "WithdrawBody", description: "Body of the withdraw action; the comment says why, an optional reason code classifies it." });

export const takeOverBodySchema = z
  .object({ version, comment: actionComment })
  .meta({ id: "TakeOverBody", description: "Body of the take-over action." });

export const resendConsentBodySchema = z
  .object({
    version,
    email: z.email({ error: "Enter the customer contact's email address" }).max(320).meta({ description: "The corrected address of the customer contact." }),
    comment: actionComment,
  })
  .meta({ id: "ResendConsentBody", description: "Body of the resend-consent action: the customer contact's corrected email." });

/** The action bodies by the action's name in the API path. */
export const actionBodySchema = {
  submit: submitBodySchema,
  "start-review": startReviewBodySchema,
  "request-info": requestInfoBodySchema,
  resubmit: resubmitBodySchema,
  approve: approveBodySchema,
  reject: rejectBodySchema,
  withdraw: withdrawBodySchema,
  "take-over": takeOverBodySchema,
  "resend-consent": resendConsentBodySchema,
} as const;
export type ApiClaimAction = keyof typeof actionBodySchema;

export function isApiClaimAction(value: string): value is ApiClaimAction {
  return Object.hasOwn(actionBodySchema, value);
}

// ---------------------------------------------------------------------------------------------------------
// Other request bodies

export const commentBodySchema = z
  .object({
    body: requiredText(
      "Write the comment",
      COMMENT_MAX_LENGTH,
      `Shorten the comment to ${COMMENT_MAX_LENGTH} characters or fewer`,
    ),
  })
  .meta({ id: "CommentBody", description: "Body of POST /claims/{id}/comments (plain text)." });

export const noteBodySchema = z
  .object({
    body: requiredText(
      "Write the note",
      COMMENT_MAX_LENGTH,
      `Shorten the note to ${COMMENT_MAX_LENGTH} characters or fewer`,
    ),
  })
  .meta({ id: "NoteBody", description: "Body of POST /claims/{id}/notes (plain text, internal to reviewers and admins)." });

export const disputeBodySchema = z
  .object({
    details: requiredText(
      "Describe the issue with the rejection",
      DISPUTE_DETAILS_MAX_LENGTH,
      `Shorten the details to ${DISPUTE_DETAILS_MAX_LENGTH} characters or fewer`,
    ),
    // The seed's support form asks for the products concerned; the claim's solution area is checked by the
    // service with checkProducts, as the body does not carry it.
    products: productsSchema.optional(),
  })
  .meta({ id: "DisputeBody", description: "Body of POST /claims/{id}/disputes." });

export const resolveDisputeBodySchema = z
  .object({
    outcome: z.enum(DISPUTE_OUTCOMES, { error: "Choose the outcome: UPHOLD (rejection stands) or OVERTURN (back to review)" }),
    comment: requiredText(
      "Write a comment explaining the outcome to the partner",
      COMMENT_MAX_LENGTH,
      `Shorten the comment to ${COMMENT_MAX_LENGTH} characters or fewer`,
    ),
  })
  .meta({ id: "ResolveDisputeBody", description: "Body of POST /disputes/{id}/resolve." });

export const consentDenyBodySchema = z
  .object({
    reason: optionalText(
      CONSENT_DENY_REASON_MAX_LENGTH,
      `Shorten the reason to ${CONSENT_DENY_REASON_MAX_LENGTH} characters or fewer`,
    ),
  })
  .meta({ id: "ConsentDenyBody", description: "Body of POST /consent/{token}/deny." });
