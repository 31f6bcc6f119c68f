// The partner's status changes: submit, resubmit after an information request, withdraw.
import type { Db } from "../../db";
import type { Actor } from "../lifecycle";
import { resubmitBodySchema, submitBodySchema, withdrawBodySchema } from "../schemas";
import { calendarOf, partnerActionSeconds, resumeReviewClock, stageDueAt } from "../sla";
import { postComment } from "./comments";
import { steps, tellResubmitted } from "./notify-steps";
import { runTransition } from "./run-transition";
import type { ServiceOptions } from "./steps";

export function submitClaim(db: Db, actor: Actor, claimId: string, input: unknown = {}, options: ServiceOptions = {}) {
  return runTransition(db, actor, claimId, "submit", submitBodySchema, input, options, ({ body, now, settings }) => ({
    data: { submittedAt: now, dueAt: stageDueAt("SUBMITTED", now, settings), overdue: false },
    also: postComment(actor, claimId, body.comment, now),
  }));
}

export function resubmitClaim(db: Db, actor: Actor, claimId: string, input: unknown = {}, options: ServiceOptions = {}) {
  return runTransition(
    db,
    actor,
    claimId,
    "resubmit",
    resubmitBodySchema,
    input,
    options,
    ({ claim, body, now, settings }) => ({
      data: {
        reasonCodes: [],
        dueAt: resumeReviewClock(now, claim.reviewDaysRemaining ?? settings.underReviewBusinessDays, calendarOf(settings)),
        reviewDaysRemaining: null,
        overdue: false,
        partnerActionSeconds: {
          increment: partnerActionSeconds(claim.infoRequestedAt, now),
        },
        ...(body.comment ? { partnerRespondedAt: now } : {}),
      },
      // Posted in the same transaction as the status change: a refused or failed resubmit leaves no comment.
      also: steps(postComment(actor, claimId, body.comment, now), tellResubmitted(actor, claim, now, body.comment)),
    }),
    // The resubmit's own comment counts as the partner's response (api-v1).
    (state, body) => (body.comment ? { ...state, partnerRespondedSinceInfoRequest: true } : state),
  );
}

export function withdrawClaim(db: Db, actor: Actor, claimId: string, input: unknown, options: ServiceOptions = {}) {
  return runTransition(db, actor, claimId, "withdraw", withdrawBodySchema, input, options, ({ body, now }) => ({
    data: {
      rejectionReason: "PARTNER_REQUEST",
      rejectionComment: body.comment,
      withdrawReason: body.withdrawReason ?? null,
      rejectedAt: now,
      decidedAt: now,
      dueAt: null,
      overdue: false,
    },
    also: postComment(actor, claimId, body.comment, now),
  }));
}
