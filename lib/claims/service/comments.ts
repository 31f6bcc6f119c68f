// Comments: the comment use case and the step that posts an action's comment in the action's transaction.
import type { Db } from "../../db";
import { claimStateOf } from "../claim-detail";
import { ClaimError } from "../errors";
import { findVisibleClaim } from "../find-visible-claim";
import type { Actor } from "../lifecycle";
import { checkComment, isPartner } from "../policy";
import { commentBodySchema } from "../schemas";
import { tellComment } from "./notify-steps";
import { actorName, appendEvents, parseInput, raise, transaction, userActor, type ServiceOptions, type Tx, type UserActor } from "./steps";

export async function insertComment(tx: Tx, claimId: string, actor: UserActor, body: string, now: Date) {
  const name = await actorName(tx, actor);
  const comment = await tx.comment.create({
    data: { claimId, authorId: actor.userId, authorRole: actor.role, authorName: name, body, createdAt: now },
  });
  await appendEvents(tx, claimId, actor, now, [{ type: "COMMENT_ADDED", data: { commentId: comment.id, body } }]);
  return comment;
}

/** A comment given to an action is also posted to the claim's comments, where the other side reads it. */
export function postComment(actor: Actor, claimId: string, comment: string | undefined, now: Date) {
  return async (tx: Tx) => {
    if (comment) await insertComment(tx, claimId, userActor(actor), comment, now);
  };
}

/**
 * A comment does not bump the claim's version: it changes no field, and a partner's comment must not
 * make a reviewer's pending decision stale. It does record the partner's response time (resubmit guard).
 * "Comments close when the claim is final" is checked again on the claim row locked in the comment's own
 * transaction: a status change committed between the first read and the insert cannot be missed.
 */
export async function addComment(db: Db, actor: Actor, claimId: string, input: unknown, options: ServiceOptions = {}) {
  const now = options.now ?? new Date();
  const claim = await findVisibleClaim(db, actor, claimId);
  const refused = checkComment(actor, claimStateOf(claim), now);
  if (refused?.code === "FORBIDDEN") raise(refused);
  if (actor.kind !== "user") throw new ClaimError("FORBIDDEN", "Only signed-in users can comment.");
  // api-v1 order: body (422) before status (409: comments closed on a final claim).
  const { body } = parseInput(commentBodySchema, input);
  if (refused) raise(refused);
  return transaction(db, async (tx) => {
    // Every status change updates this row, so holding its lock orders the comment before or after it.
    await tx.$executeRaw`SELECT 1 FROM "Claim" WHERE "id" = ${claimId} FOR UPDATE`;
    const current = await findVisibleClaim(tx, actor, claimId);
    const refusedNow = checkComment(actor, claimStateOf(current), now);
    if (refusedNow) raise(refusedNow);
    const comment = await insertComment(tx, claimId, actor, body, now);
    await tx.claim.update({
      where: { id: claimId },
      data: { updatedAt: now, ...(isPartner(actor) ? { partnerRespondedAt: now } : {}) },
    });
    await tellComment(actor, claim, now, body, isPartner(actor))(tx);
    return comment;
  });
}
