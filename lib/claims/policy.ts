// Who may do what on which claim (role × organization × status × field), as pure data and predicates.
// Status changes themselves are decided by lifecycle.decide; this module covers what surrounds them
// (visibility, field edits, PoE uploads, comments) and derives the UI's buttons from decide, so no rule
// is written twice.
import { CLAIM_FIELDS, PARTNER_ROLES, type ClaimField, type ClaimStatus } from "./catalogue";
import type { FieldError } from "./errors";
import {
  CLAIM_ACTIONS,
  decide,
  isClaimHolder,
  isDisputeWindowOpen,
  type Actor,
  type ClaimAction,
  type ClaimState,
  type DecisionError,
} from "./lifecycle";
import { canSeeClaim, visibilityScope } from "./visibility";

type ClaimScope = { organizationId: string; status: ClaimStatus };

export function isPartner(actor: Actor): boolean {
  return actor.kind === "user" && PARTNER_ROLES.includes(actor.role);
}

/** A partner acting on a claim of their own organization; the one shape of actor that may change a claim's content. */
function isOwningPartner(actor: Actor, claim: { organizationId: string }): boolean {
  const scope = visibilityScope(actor);
  return scope.kind === "organization" && scope.organizationId === claim.organizationId;
}

/** Whether the actor may see the claim at all; the rule itself is visibility.ts's, shared with every SQL filter. */
export function canViewClaim(actor: Actor, claim: ClaimScope): boolean {
  return canSeeClaim(visibilityScope(actor), claim);
}

// "PoE files" are in the seed's editable list too, but PoE is not a claim field: uploads are governed by
// checkPoeUpload (which additionally allows an open dispute).
const CONTENT_FIELDS_AFTER_SUBMIT: readonly ClaimField[] = [
  "mpnId",
  "products",
  "customerContact",
  "partnerContact",
  "commentary",
];

/** Data: which top-level fields may change in each status (domain.md "What may be edited when"). */
export const EDITABLE_FIELDS_BY_STATUS: Readonly<Record<ClaimStatus, readonly ClaimField[]>> = Object.freeze({
  EDITING: CLAIM_FIELDS,
  SUBMITTED: CONTENT_FIELDS_AFTER_SUBMIT,
  // The seed allows edits only in Submitted and Partner action required: a claim under review stays put
  // so the reviewer decides on what they read.
  UNDER_REVIEW: [],
  PARTNER_ACTION_REQUIRED: CONTENT_FIELDS_AFTER_SUBMIT,
  APPROVED: [],
  REJECTED: [],
});

/** [] for non-partners and partners of other organizations. */
export function editableFields(actor: Actor, claim: ClaimScope): readonly ClaimField[] {
  return isOwningPartner(actor, claim) ? EDITABLE_FIELDS_BY_STATUS[claim.status] : [];
}

/**
 * All-or-nothing: null when every field may change, else VALIDATION listing each refused field once
 * (so nothing is partially applied). An empty edit refuses nothing. A partner of another organization
 * gets FORBIDDEN here as a fail-safe; the service is expected to have answered NOT_FOUND already.
 */
export function checkFieldEdit(actor: Actor, claim: ClaimScope, fields: readonly ClaimField[]): DecisionError | null {
  if (!isOwningPartner(actor, claim)) {
    return { code: "FORBIDDEN", message: "Only the claim's partner organization may edit it." };
  }
  const allowed = EDITABLE_FIELDS_BY_STATUS[claim.status];
  const refused = [...new Set(fields)].filter((field) => !allowed.includes(field));
  if (refused.length === 0) return null;
  const errors: FieldError[] = refused.map((field) => ({
    path: field,
    code: "NOT_EDITABLE",
    message: `${field} cannot change in ${claim.status}.`,
  }));
  return { code: "VALIDATION", message: `Some fields cannot change in ${claim.status}; nothing was changed.`, errors };
}

const POE_UPLOAD_STATUSES: readonly ClaimStatus[] = ["EDITING", "SUBMITTED", "PARTNER_ACTION_REQUIRED"];

/** PoE upload: partner of the org, status EDITING/SUBMITTED/PARTNER_ACTION_REQUIRED, or REJECTED with dispute OPEN. */
export function checkPoeUpload(
  actor: Actor,
  claim: Pick<ClaimState, "organizationId" | "status" | "dispute">,
): DecisionError | null {
  if (!isOwningPartner(actor, claim)) {
    return { code: "FORBIDDEN", message: "Only the claim's partner organization may upload proof of execution." };
  }
  if (POE_UPLOAD_STATUSES.includes(claim.status)) return null;
  if (claim.status === "REJECTED" && claim.dispute?.status === "OPEN") return null;
  return {
    code: "INVALID_TRANSITION",
    message: `Proof of execution cannot be added to a claim in status ${claim.status}.`,
  };
}

/** The contract's per-claim PoE quota: files and bytes together, over every file the claim holds. */
export const POE_MAX_FILES_PER_CLAIM = 50;
export const POE_MAX_BYTES_PER_CLAIM = 250 * 1024 * 1024;

/**
 * Whether one more file of `size` bytes fits the claim's quota, given what it holds. VALIDATION with a
 * LIMIT_REACHED error on `file` when not (files cannot be deleted, so the limit is final for the claim).
 */
export function checkPoeQuota(held: { files: number; bytes: number }, size: number): DecisionError | null {
  if (held.files + 1 > POE_MAX_FILES_PER_CLAIM) {
    const message = `A claim holds at most ${POE_MAX_FILES_PER_CLAIM} proof-of-execution files; this one has ${held.files}.`;
    return { code: "VALIDATION", message, errors: [{ path: "file", message, code: "LIMIT_REACHED" }] };
  }
  if (held.bytes + size > POE_MAX_BYTES_PER_CLAIM) {
    const leftMb = Math.max(0, Math.floor((POE_MAX_BYTES_PER_CLAIM - held.bytes) / (1024 * 1024)));
    const message = `A claim's proof-of-execution files total at most ${POE_MAX_BYTES_PER_CLAIM / (1024 * 1024)} MB; ${leftMb} MB are left.`;
    return { code: "VALIDATION", message, errors: [{ path: "file", message, code: "LIMIT_REACHED" }] };
  }
  return null;
}

/**
 * Final = REJECTED with no open dispute and (dispute used or 30-day window over), or APPROVED with
 * sentForIncentiveAssessmentAt set. Shares isDisputeWindowOpen with decide("open-dispute"), so a claim
 * is final exactly when the partner can no longer dispute it.
 */
export function isFinal(
  claim: Pick<ClaimState, "status" | "rejectedAt" | "dispute" | "sentForIncentiveAssessmentAt">,
  now: Date,
): boolean {
  if (claim.status === "APPROVED") return claim.sentForIncentiveAssessmentAt !== null;
  if (claim.status === "REJECTED") {
    return claim.dispute?.status !== "OPEN" && !isDisputeWindowOpen(claim, now);
  }
  return false;
}

/**
 * Comments: partner of the org or REVIEWER; admins read only. A reviewer on EDITING gets FORBIDDEN rather
 * than a status error: the claim is private to the partner organization, not merely in the wrong state
 * (the service answers NOT_FOUND before this). Final claims refuse with INVALID_TRANSITION.
 */
export function checkComment(
  actor: Actor,
  claim: Pick<ClaimState, "organizationId" | "status" | "rejectedAt" | "dispute" | "sentForIncentiveAssessmentAt">,
  now: Date,
): DecisionError | null {
  const isReviewer = actor.kind === "user" && actor.role === "REVIEWER";
  if (!isOwningPartner(actor, claim) && !(isReviewer && canViewClaim(actor, claim))) {
    return { code: "FORBIDDEN", message: "Only the claim's partner organization and reviewers may comment." };
  }
  if (isFinal(claim, now)) {
    return { code: "INVALID_TRANSITION", message: "The claim is final; comments are closed." };
  }
  return null;
}

/**
 * For the UI (which buttons to show): each action decide() allows now, plus those refused only by a
 * VALIDATION guard (so Submit still shows, with its checklist in blockedBy). A signed-in user who may
 * not see the claim gets nothing, since decide does not look at organizations. Order is CLAIM_ACTIONS.
 * Take-over by the holder is allowed but changes nothing, so it is not offered.
 */
export function availableActions(
  actor: Actor,
  claim: ClaimState,
  now: Date,
): { action: ClaimAction; blockedBy?: FieldError[] }[] {
  if (actor.kind === "user" && !canViewClaim(actor, claim)) return [];
  const available: { action: ClaimAction; blockedBy?: FieldError[] }[] = [];
  for (const action of CLAIM_ACTIONS) {
    if (action === "take-over" && isClaimHolder(claim, actor)) continue;
    const decision = decide(claim, action, actor, now);
    if (decision.ok) available.push({ action });
    else if (decision.error.code === "VALIDATION") available.push({ action, blockedBy: decision.error.errors ?? [] });
  }
  return available;
}

/**
 * Internal notes (domain.md "Internal notes"): reviewers read and write, admins read. Partners are told
 * nothing exists (the service answers NOT_FOUND, as for a claim they may not see), so "no notes" and
 * "notes you may not read" look the same to them.
 */
export function canReadNotes(actor: Actor): boolean {
  return actor.kind === "user" && (actor.role === "REVIEWER" || actor.role === "ADMIN");
}

export function canWriteNotes(actor: Actor): boolean {
  return actor.kind === "user" && actor.role === "REVIEWER";
}
