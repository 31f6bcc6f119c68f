// The claim lifecycle's use cases. Every one: validate the input (zod) → find the claim the actor may
// see (else NOT_FOUND, the same answer as a missing claim) → ask the pure core (lifecycle/policy/sla) →
// one transaction holding the guarded update (`where id + version + status`: zero rows means somebody
// else won → CONFLICT) and the history event(s). Pages' server actions, the HTTP API, the sweep and the
// seed all call these functions; none re-implements a rule. Status changes share run-transition.ts.
//
// The read-side names re-exported at the bottom live in read-side modules (reads must not import this
// write module); they are re-exported so existing `@/lib/claims/service` imports keep working.
export { approveClaim } from "./approve-claim";
export { addComment } from "./comments";
export { createClaim } from "./create-claim";
export { denyConsent } from "./deny-consent";
export { discardClaim } from "./discard-claim";
export { duplicateClaim } from "./duplicate-claim";
export { checkImport, dryRunImport, importClaims, type ImportDryRun, type ImportCreated, type ImportRowResult } from "./import-claims";
export { openDispute, resolveDispute } from "./disputes";
export { resubmitClaim, submitClaim, withdrawClaim } from "./partner-transitions";
export { recordPoeFile, type PoeFileRecord } from "./record-poe-file";
export { resendConsent } from "./resend-consent";
export { rejectClaim, requestPartnerInfo, startReview } from "./review-transitions";
export { addNote } from "./notes";
export { takeOverClaim, takeOverClaimWithHolder, type TakeOverResult } from "./take-over";
export type { ServiceOptions, Tx } from "./steps";
export { updateClaim } from "./update-claim";

export { claimDetailInclude, claimStateOf, claimValuesOf, fieldValues, type ClaimDetail } from "../claim-detail";
export { findConsentRequest, hashConsentToken } from "../consent-request";
export { findVisibleClaim } from "../find-visible-claim";
