// The use cases' messages (docs/domain.md "Notifications", the message table): each returns a step that runs in
// the use case's transaction and goes through lib/notifications/notify.ts, the one writer of notifications and
// outbox rows. A comment given with an action travels in that action's message (no second COMMENT_ADDED).
import type { Decision, MessageData } from "../../mail/templates";
import { claimRefOf, filerLanguage, partnerAudience } from "../../notifications/claim-messages";
import { notify, type Audience } from "../../notifications/notify";
import type { InfoRequestReason } from "../catalogue";
import type { ClaimDetail } from "../claim-detail";
import type { Actor } from "../lifecycle";
import { actorName, type Tx } from "./steps";

type ClaimLike = Pick<ClaimDetail, "id" | "number" | "customerName" | "organizationId" | "partnerContact" | "createdById" | "reviewerId">;
type Step = (tx: Tx) => Promise<void>;

const userIdOf = (actor: Actor) => (actor.kind === "user" ? actor.userId : null);

/** Runs steps one after the other (a plan's `also` is one function). */
export function steps(...all: (Step | undefined)[]): Step {
  return async (tx) => {
    for (const step of all) if (step) await step(tx);
  };
}

function tell(actor: Actor, claim: ClaimLike, now: Date, to: (tx: Tx) => Audience[] | Promise<Audience[]>, data: (by: string) => MessageData): Step {
  return async (tx) => {
    await notify(tx, { data: data(await actorName(tx, actor)), to: await to(tx), now, claimId: claim.id, exceptUserId: userIdOf(actor) });
  };
}

const partnerUsers = (claim: ClaimLike) => (): Audience[] => [{ kind: "partner-users", organizationId: claim.organizationId }];
const claimReviewers = (claim: ClaimLike) => (): Audience[] => [{ kind: "claim-reviewers", reviewerId: claim.reviewerId }];

/** Any decision → the claim's partner users: the new status, why, and what they can do next. */
export function tellDecision(actor: Actor, claim: ClaimLike, now: Date, decision: Decision, comment?: string | null): Step {
  return tell(actor, claim, now, partnerUsers(claim), (by) => ({
    type: "CLAIM_DECIDED",
    claim: claimRefOf(claim),
    decision,
    comment: comment ?? null,
    by,
  }));
}

/** Request info → the claim's partner users and its partner contact: reasons, the reviewer's comment, the deadline. */
export function tellInfoRequested(actor: Actor, claim: ClaimLike, now: Date, reasonCodes: InfoRequestReason[], comment: string, dueAt: Date): Step {
  return tell(
    actor,
    claim,
    now,
    async (tx) => partnerAudience(claim, await filerLanguage(tx, claim.createdById)),
    (by) => ({ type: "INFO_REQUESTED", claim: claimRefOf(claim), reasonCodes, comment, dueAt: dueAt.toISOString(), by }),
  );
}

/** A comment: a reviewer's → the partner users; a partner's → the assigned reviewer, or every reviewer. */
export function tellComment(actor: Actor, claim: ClaimLike, now: Date, comment: string, fromPartner: boolean): Step {
  return tell(actor, claim, now, fromPartner ? claimReviewers(claim) : partnerUsers(claim), (by) => ({
    type: "COMMENT_ADDED",
    claim: claimRefOf(claim),
    comment,
    by,
  }));
}

export function tellResubmitted(actor: Actor, claim: ClaimLike, now: Date, comment: string | undefined): Step {
  return tell(actor, claim, now, claimReviewers(claim), (by) => ({
    type: "CLAIM_RESUBMITTED",
    claim: claimRefOf(claim),
    comment: comment ?? null,
    by,
  }));
}

export function tellDisputeOpened(actor: Actor, claim: ClaimLike, now: Date, details: string): Step {
  return tell(actor, claim, now, claimReviewers(claim), (by) => ({ type: "DISPUTE_OPENED", claim: claimRefOf(claim), details, by }));
}

/** The customer's notice (approval, or a corrected address): sealed token, the filer's language. */
export function tellCustomer(
  claim: ClaimLike & Pick<ClaimDetail, "customerDomain" | "mpnId" | "program" | "products" | "customerContact">,
  now: Date,
  email: string,
  consentToken: string,
  consentEndsAt: Date,
): Step {
  return async (tx) => {
    const organization = await tx.organization.findUniqueOrThrow({ where: { id: claim.organizationId }, select: { name: true } });
    const contact = claim.customerContact as { name?: string } | null;
    await notify(tx, {
      data: {
        type: "CUSTOMER_CONSENT_NOTICE",
        claim: claimRefOf(claim),
        contactName: contact?.name ?? null,
        customerDomain: claim.customerDomain,
        organizationName: organization.name,
        mpnId: claim.mpnId,
        program: claim.program,
        products: claim.products.map((p) => p.name),
        consentEndsAt: consentEndsAt.toISOString(),
      },
      to: [{ kind: "address", email, language: await filerLanguage(tx, claim.createdById) }],
      now,
      claimId: claim.id,
      secret: consentToken,
      dedupeKey: `consent:${claim.id}:${now.toISOString()}`,
    });
  };
}

/** Take-over → the reviewer who held the claim: who took it (nobody is told when nobody held it). */
export function tellTakenOver(actor: Actor, claim: ClaimLike, now: Date, previousHolderId: string | null): Step | undefined {
  if (!previousHolderId) return undefined;
  return tell(actor, claim, now, () => [{ kind: "user", userId: previousHolderId }], (by) => ({
    type: "CLAIM_TAKEN_OVER",
    claim: claimRefOf(claim),
    by,
  }));
}
