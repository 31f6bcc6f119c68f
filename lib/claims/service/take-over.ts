// Take-over (domain.md "Review workload"): a reviewer makes a SUBMITTED or UNDER_REVIEW claim theirs. The
// deadline, the status and everything else stay; only the holder changes, so the holder rule (lifecycle's
// holderOnly rows) then lets the new holder decide and refuses the previous one.
import type { Db } from "../../db";
import type { Actor } from "../lifecycle";
import { takeOverBodySchema } from "../schemas";
import { postComment } from "./comments";
import { steps, tellTakenOver } from "./notify-steps";
import { runTransition } from "./run-transition";
import { actorName, userActor, type ServiceOptions } from "./steps";

/**
 * The reviewer who held the claim before a take-over (null: nobody did): the one person the take-over
 * concerns (docs/domain.md "Notifications": CLAIM_TAKEN_OVER goes to the previous holder, told in the same
 * transaction through the plan's `also` step).
 */
export interface TakeOverResult {
  previousHolder: { id: string; name: string } | null;
}

/**
 * By the current holder it is a no-op (200, same version, no event). Otherwise the guarded update bumps the
 * version, so of two reviewers taking the same claim over at once exactly one wins and the other gets CONFLICT.
 */
export async function takeOverClaim(db: Db, actor: Actor, claimId: string, input: unknown = {}, options: ServiceOptions = {}) {
  const result = await takeOverClaimWithHolder(db, actor, claimId, input, options);
  return result.claim;
}

export async function takeOverClaimWithHolder(db: Db, actor: Actor, claimId: string, input: unknown = {}, options: ServiceOptions = {}) {
  let previousHolder: TakeOverResult["previousHolder"] = null;
  const claim = await runTransition(db, actor, claimId, "take-over", takeOverBodySchema, input, options, async ({ claim, body, now }) => {
    const reviewer = userActor(actor);
    // By the holder nothing happens at all, not even its comment: a no-op must leave the claim as it was.
    if (claim.reviewerId === reviewer.userId) return { data: {}, unchanged: true };
    previousHolder = claim.reviewer ? { id: claim.reviewer.id, name: claim.reviewer.name } : null;
    const to = { id: reviewer.userId, name: await actorName(db, reviewer) };
    return {
      data: { reviewerId: reviewer.userId },
      events: [{ type: "CLAIM_TAKEN_OVER", data: { from: previousHolder, to } }],
      also: steps(postComment(actor, claimId, body.comment, now), tellTakenOver(actor, claim, now, previousHolder?.id ?? null)),
    };
  });
  return { claim, previousHolder: previousHolder as TakeOverResult["previousHolder"] };
}
