// A rejected claim's dispute: the partner opens it, a reviewer upholds or overturns it.
import type { Db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { claimValuesOf } from "../claim-detail";
import { ClaimError } from "../errors";
import type { Actor, ClaimAction } from "../lifecycle";
import { checkProducts, disputeBodySchema, resolveDisputeBodySchema } from "../schemas";
import { stageDueAt } from "../sla";
import { visibilityScope, visibilityWhere } from "../visibility";
import { postComment } from "./comments";
import { steps, tellDecision, tellDisputeOpened } from "./notify-steps";
import { runTransition } from "./run-transition";
import { appendEvents, userActor, type ServiceOptions } from "./steps";

export async function openDispute(db: Db, actor: Actor, claimId: string, input: unknown, options: ServiceOptions = {}) {
  let disputeId = "";
  await runTransition(db, actor, claimId, "open-dispute", disputeBodySchema, input, options, ({ claim, body, now }) => {
    // The body does not carry the solution area, so the product kinds are checked against the claim here.
    const problems = body.products ? checkProducts(claim.solutionArea, body.products) : [];
    if (problems.length) throw new ClaimError("VALIDATION", "The disputed products do not match the claim.", problems);
    return {
      data: {},
      also: async (tx) => {
        const user = userActor(actor);
        const dispute = await tx.dispute.create({
          data: {
            claimId,
            details: body.details,
            products: (body.products ?? claimValuesOf(claim).products) as Prisma.InputJsonValue,
            openedById: user.userId,
            createdAt: now,
          },
        });
        disputeId = dispute.id;
        await appendEvents(tx, claimId, actor, now, [
          { type: "DISPUTE_OPENED", data: { disputeId: dispute.id, details: body.details } },
        ]);
        await tellDisputeOpened(actor, claim, now, body.details)(tx);
      },
    };
  });
  return db.dispute.findUniqueOrThrow({ where: { id: disputeId } });
}

export async function resolveDispute(db: Db, actor: Actor, disputeId: string, input: unknown, options: ServiceOptions = {}) {
  // Looked up through the claim's visibility: another organization's dispute answers exactly like a missing
  // one (same 404 body), so that a dispute id reveals nothing about claims the actor cannot see.
  const scope = visibilityWhere(visibilityScope(actor));
  const dispute = scope ? await db.dispute.findFirst({ where: { id: disputeId, claim: scope } }) : null;
  if (!dispute) throw new ClaimError("NOT_FOUND", "Dispute not found.");
  const parsed = resolveDisputeBodySchema.safeParse(input ?? {});
  const action: ClaimAction = parsed.success && parsed.data.outcome === "OVERTURN" ? "overturn-dispute" : "uphold-dispute";
  const reviewer = actor.kind === "user" ? actor.userId : null;
  await runTransition(db, actor, dispute.claimId, action, resolveDisputeBodySchema, input, options, ({ claim, body, now, settings }) => ({
    data:
      body.outcome === "OVERTURN"
        ? {
            reviewerId: reviewer,
            reviewStartedAt: now,
            dueAt: stageDueAt("UNDER_REVIEW", now, settings),
            rejectionReason: null,
            rejectionComment: null,
            withdrawReason: null,
            rejectedAt: null,
            decidedAt: null,
            overdue: false,
            // Back under review from scratch: nothing of an earlier request or approval still applies.
            reasonCodes: [],
            approvedAt: null,
            consentEndsAt: null,
            reviewDaysRemaining: null,
          }
        : {},
    events: [{ type: "DISPUTE_RESOLVED", data: { disputeId, outcome: body.outcome, comment: body.comment } }],
    also: async (tx) => {
      const resolved = await tx.dispute.updateMany({
        where: { id: disputeId, status: "OPEN" },
        data: {
          status: body.outcome === "OVERTURN" ? "OVERTURNED" : "UPHELD",
          resolvedAt: now,
          resolvedById: reviewer,
          comment: body.comment,
        },
      });
      if (resolved.count !== 1) throw new ClaimError("INVALID_TRANSITION", "This dispute was already resolved.");
      await steps(
        postComment(actor, dispute.claimId, body.comment, now),
        tellDecision(actor, claim, now, { outcome: body.outcome === "OVERTURN" ? "DISPUTE_OVERTURNED" : "DISPUTE_UPHELD" }, body.comment),
      )(tx);
    },
  }));
  return db.dispute.findUniqueOrThrow({ where: { id: disputeId } });
}
