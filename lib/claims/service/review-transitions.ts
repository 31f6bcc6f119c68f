// The reviewer's status changes other than approval: start review, request information, reject.
import type { Db } from "../../db";
import type { Actor } from "../lifecycle";
import { rejectBodySchema, requestInfoBodySchema, startReviewBodySchema } from "../schemas";
import { calendarOf, pauseReviewClock, stageDueAt } from "../sla";
import { postComment } from "./comments";
import { runTransition } from "./run-transition";
import { userActor, type ServiceOptions } from "./steps";

export function startReview(db: Db, actor: Actor, claimId: string, input: unknown = {}, options: ServiceOptions = {}) {
  const reviewer = userActor(actor);
  return runTransition(db, actor, claimId, "start-review", startReviewBodySchema, input, options, ({ body, now, settings }) => ({
    data: {
      reviewerId: reviewer.userId,
      reviewStartedAt: now,
      dueAt: stageDueAt("UNDER_REVIEW", now, settings),
      overdue: false,
    },
    events: [{ type: "REVIEWER_ASSIGNED", data: { reviewerId: reviewer.userId } }],
    also: postComment(actor, claimId, body.comment, now),
  }));
}

export function requestPartnerInfo(db: Db, actor: Actor, claimId: string, input: unknown, options: ServiceOptions = {}) {
  return runTransition(db, actor, claimId, "request-info", requestInfoBodySchema, input, options, ({ claim, body, now, settings }) => ({
    data: {
      reasonCodes: body.reasonCodes,
      infoRequestedAt: now,
      // The review clock pauses while the partner works; resubmit resumes it with what was left.
      reviewDaysRemaining: claim.dueAt ? pauseReviewClock(now, claim.dueAt, calendarOf(settings)) : settings.underReviewBusinessDays,
      dueAt: stageDueAt("PARTNER_ACTION_REQUIRED", now, settings),
      overdue: false,
    },
    also: postComment(actor, claimId, body.comment, now),
  }));
}

export function rejectClaim(db: Db, actor: Actor, claimId: string, input: unknown, options: ServiceOptions = {}) {
  return runTransition(db, actor, claimId, "reject", rejectBodySchema, input, options, ({ body, now }) => ({
    data: {
      rejectionReason: body.reason,
      rejectionComment: body.comment ?? null,
      rejectedAt: now,
      decidedAt: now,
      dueAt: null,
      overdue: false,
    },
    also: postComment(actor, claimId, body.comment, now),
  }));
}
