// The reviewer's status changes other than approval: start review, request information, reject.
import type { Db } from "../../db";
import type { Actor } from "../lifecycle";
import { rejectBodySchema, requestInfoBodySchema, startReviewBodySchema } from "../schemas";
import { calendarOf, pauseReviewClock, stageDueAt } from "../sla";
import { postComment } from "./comments";
import { rejectionDecision } from "../../notifications/claim-messages";
import { nextReminderAt, reminderClock } from "../../notifications/reminders";
import { steps, tellDecision, tellInfoRequested } from "./notify-steps";
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
  return runTransition(db, actor, claimId, "request-info", requestInfoBodySchema, input, options, ({ claim, body, now, settings }) => {
    const dueAt = stageDueAt("PARTNER_ACTION_REQUIRED", now, settings);
    const calendar = calendarOf(settings);
    return {
      data: {
        reasonCodes: body.reasonCodes,
        infoRequestedAt: now,
        // The review clock pauses while the partner works; resubmit resumes it with what was left.
        reviewDaysRemaining: claim.dueAt ? pauseReviewClock(now, claim.dueAt, calendar) : settings.underReviewBusinessDays,
        dueAt,
        // The first reminder's time: until then the sweep does not read this claim.
        nextReminderAt: nextReminderAt(now, dueAt, reminderClock(calendar)),
        overdue: false,
      },
      also: steps(
        postComment(actor, claimId, body.comment, now),
        tellInfoRequested(actor, claim, now, body.reasonCodes, body.comment, dueAt),
      ),
    };
  });
}

export function rejectClaim(db: Db, actor: Actor, claimId: string, input: unknown, options: ServiceOptions = {}) {
  return runTransition(db, actor, claimId, "reject", rejectBodySchema, input, options, ({ claim, body, now }) => ({
    data: {
      rejectionReason: body.reason,
      rejectionComment: body.comment ?? null,
      rejectedAt: now,
      decidedAt: now,
      dueAt: null,
      overdue: false,
    },
    also: steps(
      postComment(actor, claimId, body.comment, now),
      tellDecision(actor, claim, now, rejectionDecision(body.reason, now), body.comment),
    ),
  }));
}
