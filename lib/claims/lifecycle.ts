// The claim lifecycle: the transition table as data and one pure decision over it.
// Pure on purpose (no Prisma, no Next, no clock): the service, the API, the sweep and the UI all ask the
// same question of the same table, and `now` is a parameter so a back-filled sweep (`--now`) and the tests
// evaluate exactly the instant they name.
// Over ~300 lines on purpose: the table, its guards and decide() are one rule and read best in one place.
import {
  DISPUTE_WINDOW_CALENDAR_DAYS,
  type ClaimStatus,
  type DisputeStatus,
  type RejectionReason,
  type UserRole,
} from "./catalogue";
import type { FieldError } from "./errors";
import { isPastDeadline } from "./sla";

export type Actor =
  | { kind: "user"; userId: string; role: UserRole; organizationId: string | null } // organizationId null for REVIEWER/ADMIN
  | { kind: "customer" } // holder of a consent token
  | { kind: "system" }; // the sweep
export type ActorRole = UserRole | "CUSTOMER" | "SYSTEM";

export function actorRole(actor: Actor): ActorRole {
  switch (actor.kind) {
    case "user":
      return actor.role;
    case "customer":
      return "CUSTOMER";
    case "system":
      return "SYSTEM";
  }
}

export const CLAIM_ACTIONS = [
  "submit",
  "start-review",
  "request-info",
  "resubmit",
  "approve",
  "reject",
  "withdraw",
  "deny-consent",
  "expire-partner-action",
  "complete-consent",
  "resend-consent",
  "open-dispute",
  "uphold-dispute",
  "overturn-dispute",
  "take-over",
] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

/** The transition table AS DATA, one row per (from, action): who may, and where it goes. */
export interface Transition {
  from: ClaimStatus;
  action: ClaimAction;
  actors: readonly ActorRole[];
  to: ClaimStatus;
  /**
   * Only the reviewer who holds the claim (ClaimState.reviewerId) may take it: the holder rule of domain.md
   * "Review workload". Other reviewers get FORBIDDEN, in the role step of the check order, since the rule
   * is about who acts, not about the claim's status.
   */
  holderOnly?: true;
}

// Spelled out rather than imported from PARTNER_ROLES so that the table reads on its own as the spec does.
const PARTNER: readonly ActorRole[] = ["PARTNER_ADMIN", "PARTNER_BILLING"];
const REVIEWER: readonly ActorRole[] = ["REVIEWER"];
const CUSTOMER: readonly ActorRole[] = ["CUSTOMER"];
const SYSTEM: readonly ActorRole[] = ["SYSTEM"];

// ADMIN appears in no row: admins read everything and decide nothing (docs/domain.md, docs/api.md).
// `create` is not here: a claim that does not exist yet has no status to transition from (service.create).
export const TRANSITIONS: readonly Transition[] = Object.freeze([
  { from: "EDITING", action: "submit", actors: PARTNER, to: "SUBMITTED" },
  { from: "SUBMITTED", action: "start-review", actors: REVIEWER, to: "UNDER_REVIEW" },
  { from: "UNDER_REVIEW", action: "request-info", actors: REVIEWER, to: "PARTNER_ACTION_REQUIRED", holderOnly: true },
  { from: "PARTNER_ACTION_REQUIRED", action: "resubmit", actors: PARTNER, to: "UNDER_REVIEW" },
  { from: "UNDER_REVIEW", action: "approve", actors: REVIEWER, to: "APPROVED", holderOnly: true },
  { from: "UNDER_REVIEW", action: "reject", actors: REVIEWER, to: "REJECTED", holderOnly: true },
  // Take-over moves the claim to the caller and nothing else: SUBMITTED stays SUBMITTED (it only assigns),
  // UNDER_REVIEW stays UNDER_REVIEW with its deadline. By the holder it is a no-op (the service's concern).
  { from: "SUBMITTED", action: "take-over", actors: REVIEWER, to: "SUBMITTED" },
  { from: "UNDER_REVIEW", action: "take-over", actors: REVIEWER, to: "UNDER_REVIEW" },
  // Only once the partner's response deadline has passed: the expire-partner-action guard below, which the
  // sweep's SQL (sweep.ts, autoRejectExpiredPartnerActions) spells as `"dueAt" < now`.
  { from: "PARTNER_ACTION_REQUIRED", action: "expire-partner-action", actors: SYSTEM, to: "REJECTED" },
  { from: "APPROVED", action: "deny-consent", actors: CUSTOMER, to: "REJECTED" },
  // Stays APPROVED: the seed says the claim still shows Approved; the effect is sentForIncentiveAssessmentAt.
  { from: "APPROVED", action: "complete-consent", actors: SYSTEM, to: "APPROVED" },
  // A reviewer corrects the customer's address: a new link, the window unchanged; only while it is open.
  { from: "APPROVED", action: "resend-consent", actors: REVIEWER, to: "APPROVED" },
  // Any submitted status, including APPROVED after it was sent for incentive assessment: the seed's partner
  // request covers "no longer working with the customer", which only makes sense after approval. Not EDITING:
  // a draft nobody outside the organization has seen is discarded instead (decideDiscard below), never REJECTED.
  { from: "SUBMITTED", action: "withdraw", actors: PARTNER, to: "REJECTED" },
  { from: "UNDER_REVIEW", action: "withdraw", actors: PARTNER, to: "REJECTED" },
  { from: "PARTNER_ACTION_REQUIRED", action: "withdraw", actors: PARTNER, to: "REJECTED" },
  { from: "APPROVED", action: "withdraw", actors: PARTNER, to: "REJECTED" },
  { from: "REJECTED", action: "open-dispute", actors: PARTNER, to: "REJECTED" },
  { from: "REJECTED", action: "uphold-dispute", actors: REVIEWER, to: "REJECTED" },
  { from: "REJECTED", action: "overturn-dispute", actors: REVIEWER, to: "UNDER_REVIEW" },
] satisfies Transition[]);

/** What decide() needs to know about a claim (the service builds it from the DB row). */
export interface ClaimState {
  status: ClaimStatus;
  organizationId: string;
  rejectedAt: Date | null;
  consentEndsAt: Date | null;
  sentForIncentiveAssessmentAt: Date | null;
  dispute: { status: DisputeStatus } | null; // a claim has at most one dispute, ever
  productCount: number;
  customerContactComplete: boolean;
  partnerContactComplete: boolean;
  poeCount: number;
  partnerRespondedSinceInfoRequest: boolean; // a field edit, a PoE or a partner comment since request-info
  /** Deadline of the current stage; a partner's response after its deadline is refused (the sweep rejects it). */
  dueAt?: Date | null;
  /** The reviewer who holds the claim (start-review, take-over, an overturned dispute), null when nobody does. */
  reviewerId: string | null;
  /** Why a REJECTED claim was rejected; a partner's own withdrawal cannot be disputed. */
  rejectionReason?: RejectionReason | null;
}

export interface DecisionError {
  code: "FORBIDDEN" | "INVALID_TRANSITION" | "VALIDATION" | "GONE";
  message: string;
  errors?: FieldError[];
}
export type Decision = { ok: true; to: ClaimStatus } | { ok: false; error: DecisionError };

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/**
 * Last instant at which a dispute may still be opened. Exactly 30 × 24 h after the rejection, not
 * "end of the 30th day in some zone": the spec says calendar days without naming a zone, and a fixed
 * duration gives every partner the same window whatever the DST or server zone.
 */
export function disputeWindowEndsAt(rejectedAt: Date): Date {
  return new Date(rejectedAt.getTime() + DISPUTE_WINDOW_CALENDAR_DAYS * MS_PER_DAY);
}

/** Whether the partner may still open its one dispute (the claim's status is not considered). */
export function isDisputeWindowOpen(claim: Pick<ClaimState, "rejectedAt" | "dispute">, now: Date): boolean {
  // A REJECTED row without rejectedAt cannot prove it is inside the window, so it fails closed.
  // Comparisons with an invalid `now` (NaN) are false, which also fails closed.
  return claim.dispute === null && claim.rejectedAt !== null && now.getTime() <= disputeWindowEndsAt(claim.rejectedAt).getTime();
}

/**
 * The customer may deny while now < consentEndsAt and nothing was sent; complete-consent needs
 * now >= consentEndsAt, so a denial and a completion are never both valid at the same instant (the
 * service's guarded update settles a race between the two requests).
 */
export function isConsentWindowOpen(
  claim: Pick<ClaimState, "consentEndsAt" | "sentForIncentiveAssessmentAt">,
  now: Date,
): boolean {
  return (
    claim.consentEndsAt !== null &&
    claim.sentForIncentiveAssessmentAt === null &&
    now.getTime() < claim.consentEndsAt.getTime()
  );
}

type Guard = (claim: ClaimState, now: Date) => DecisionError | null;

// Guards run only after the role and the status were accepted (api-v1 check order), so each guard may
// assume its row's from-status. Codes follow api-v1: missing input is VALIDATION (422), a consent link
// used too late is GONE (410), a dispute refused for being late or repeated is INVALID_TRANSITION (409).
const GUARDS: Partial<Record<ClaimAction, Guard>> = {
  submit(claim) {
    const errors: FieldError[] = [];
    if (claim.productCount < 1) errors.push({ path: "products", code: "REQUIRED", message: "Add at least one product or workload." });
    if (!claim.customerContactComplete) errors.push({ path: "customerContact", code: "REQUIRED", message: "Complete the customer contact." });
    if (!claim.partnerContactComplete) errors.push({ path: "partnerContact", code: "REQUIRED", message: "Complete the partner contact." });
    if (claim.poeCount < 1) errors.push({ path: "poe", code: "REQUIRED", message: "Upload at least one proof-of-execution file." });
    return errors.length === 0
      ? null
      : { code: "VALIDATION", message: "The claim is not complete enough to submit.", errors };
  },
  resubmit(claim, now) {
    // Past the response deadline the claim is due for automatic rejection (NO_PARTNER_RESPONSE): the sweep
    // may simply not have run yet, and the rule must not depend on when it runs. Exactly the complement of
    // the expire-partner-action guard, so at every instant one of resubmit and expiry is allowed, never both.
    if (isPastDeadline(claim.dueAt ?? null, now)) {
      return { code: "INVALID_TRANSITION", message: "The response deadline has passed: the claim is rejected for no partner response." };
    }
    if (claim.partnerRespondedSinceInfoRequest) return null;
    // Path "comment": a comment sent with resubmit itself counts as the response (api-v1), so that is
    // the one input the partner can fix right in the resubmit form.
    return {
      code: "VALIDATION",
      message: "Respond to the information request before resubmitting.",
      errors: [
        {
          path: "comment",
          message: "Change a field, upload a proof-of-execution file or add a comment since the request.",
        },
      ],
    };
  },
  "expire-partner-action"(claim, now) {
    // The sweep's SQL selects exactly these claims: PARTNER_ACTION_REQUIRED (the row's from-status) and
    // `"dueAt" < now` (a NULL dueAt matches nothing there, and is refused here).
    return isPastDeadline(claim.dueAt ?? null, now)
      ? null
      : { code: "INVALID_TRANSITION", message: "The partner's response deadline has not passed yet." };
  },
  "deny-consent"(claim, now) {
    return isConsentWindowOpen(claim, now)
      ? null
      : { code: "GONE", message: "The customer consent window has ended." };
  },
  "resend-consent"(claim, now) {
    return isConsentWindowOpen(claim, now)
      ? null
      : { code: "INVALID_TRANSITION", message: "The customer consent window has ended: there is no link to send again." };
  },
  "complete-consent"(claim, now) {
    if (claim.sentForIncentiveAssessmentAt !== null) {
      return { code: "INVALID_TRANSITION", message: "The claim was already sent for incentive assessment." };
    }
    // Written as "now >= end" rather than "window not open" so that an invalid `now` (NaN) fails closed here too.
    if (claim.consentEndsAt === null || !(now.getTime() >= claim.consentEndsAt.getTime())) {
      return { code: "INVALID_TRANSITION", message: "The customer consent window has not ended yet." };
    }
    return null;
  },
  "open-dispute"(claim, now) {
    // A dispute contests a decision the partner lost. Its own withdrawal is no such decision, and an
    // overturned withdrawal would put a never-submitted draft under review.
    if (claim.rejectionReason === "PARTNER_REQUEST") {
      return { code: "INVALID_TRANSITION", message: "A claim you withdrew cannot be disputed; create a new claim instead." };
    }
    if (claim.dispute !== null) {
      return { code: "INVALID_TRANSITION", message: "This claim was already disputed; a claim may be disputed once." };
    }
    if (!isDisputeWindowOpen(claim, now)) {
      return {
        code: "INVALID_TRANSITION",
        message: `A rejection may be disputed only within ${DISPUTE_WINDOW_CALENDAR_DAYS} calendar days.`,
      };
    }
    return null;
  },
  "uphold-dispute": requireOpenDispute,
  "overturn-dispute": requireOpenDispute,
};

function requireOpenDispute(claim: ClaimState): DecisionError | null {
  return claim.dispute?.status === "OPEN"
    ? null
    : { code: "INVALID_TRANSITION", message: "The claim has no open dispute to resolve." };
}

/** The user who holds the claim, as far as a holder-only action is concerned. */
export function isClaimHolder(claim: Pick<ClaimState, "reviewerId">, actor: Actor): boolean {
  return actor.kind === "user" && claim.reviewerId !== null && claim.reviewerId === actor.userId;
}

/**
 * The holder rule, read from the table's holderOnly rows. A claim nobody holds in a status where the
 * action has no row (a SUBMITTED claim before anyone took it) answers with its status instead: there is no
 * holder to protect, and "you cannot approve a submitted claim" is the useful answer. An unheld claim in a
 * deciding status fails closed (FORBIDDEN: take it over first).
 */
function checkHolder(claim: ClaimState, action: ClaimAction, actor: Actor): DecisionError | null {
  if (!TRANSITIONS.some((t) => t.action === action && t.holderOnly)) return null;
  if (isClaimHolder(claim, actor)) return null;
  const hasRowHere = TRANSITIONS.some((t) => t.from === claim.status && t.action === action);
  if (claim.reviewerId === null && !hasRowHere) return null;
  return {
    code: "FORBIDDEN",
    message: `Only the reviewer who holds the claim may ${action} it; take it over first.`,
  };
}

/**
 * Decides one action in the api-v1 order: role (FORBIDDEN when no row in any status lets this role take
 * the action, or when a holder-only action comes from a reviewer who does not hold the claim), then status (INVALID_TRANSITION), then the row's guard. Organization ownership is not
 * checked here: the service answers NOT_FOUND (policy.canViewClaim) before it asks.
 */
export function decide(claim: ClaimState, action: ClaimAction, actor: Actor, now: Date): Decision {
  const role = actorRole(actor);
  if (!TRANSITIONS.some((t) => t.action === action && t.actors.includes(role))) {
    return refuse("FORBIDDEN", `${role} may not ${action} a claim.`);
  }
  const holderError = checkHolder(claim, action, actor);
  if (holderError) return { ok: false, error: holderError };
  const transition = TRANSITIONS.find(
    (t) => t.from === claim.status && t.action === action && t.actors.includes(role),
  );
  if (!transition) {
    return refuse("INVALID_TRANSITION", `Cannot ${action} a claim in status ${claim.status}.`);
  }
  const guardError = GUARDS[action]?.(claim, now) ?? null;
  if (guardError) return { ok: false, error: guardError };
  return { ok: true, to: transition.to };
}

/**
 * Discarding a draft deletes the claim, so it has no "to" status and no row in TRANSITIONS (which the action
 * route serves); it follows the same order: role (partner) → status (EDITING only). docs/domain.md "Partner tools".
 */
export function decideDiscard(claim: Pick<ClaimState, "status">, actor: Actor): { ok: true } | { ok: false; error: DecisionError } {
  const role = actorRole(actor);
  if (role !== "PARTNER_ADMIN" && role !== "PARTNER_BILLING") return { ok: false, error: { code: "FORBIDDEN", message: `${role} may not discard a claim.` } };
  if (claim.status !== "EDITING") {
    return { ok: false, error: { code: "INVALID_TRANSITION", message: `Only a draft can be discarded; this claim is ${claim.status}. Withdraw it instead.` } };
  }
  return { ok: true };
}

function refuse(code: DecisionError["code"], message: string): Decision {
  return { ok: false, error: { code, message } };
}
