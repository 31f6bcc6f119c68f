// Time-driven work (domain.md "SLA clock"): auto-reject Partner action required claims past their
// deadline, complete consent windows, flag overdue SUBMITTED / UNDER_REVIEW claims, queue reminders,
// deliver the outbox.
//
// Set-based and safe to run on several nodes at once: each step is ONE SQL statement that updates the
// due claims (an indexed range on (status, dueAt): its cost grows with the number of due claims, not all
// claims) and inserts their history events from the same RETURNING rows, so a claim and its event
// change together or not at all. A second sweep running concurrently blocks on the same rows, re-checks
// the WHERE clause after the first commits, finds the claim no longer due, and changes nothing: running
// it twice, or on two nodes at once, gives exactly the state of running it once.
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { deliverOutbox } from "../mail/deliver";
import { deliverWebhooks } from "../webhooks/deliver";
import type { ClaimStatus } from "./catalogue";
import { TRANSITIONS, type ClaimAction } from "./lifecycle";
import { REVIEW_STAGES } from "./sla";

export interface SweepSummary {
  autoRejected: number;
  consentCompleted: number;
  flaggedOverdue: number;
  remindersQueued: number;
  messagesDelivered: number;
  webhooksDelivered: number;
}

/** The transition table is the one source of truth for what a system action does to a status. */
function systemTransition(from: ClaimStatus, action: ClaimAction) {
  const row = TRANSITIONS.find((t) => t.from === from && t.action === action && t.actors.includes("SYSTEM"));
  if (!row) throw new Error(`No system transition ${from} --${action}-->`);
  return row;
}

// Deadlines are stored as timestamp(3) in UTC; an ISO string cast to timestamp keeps the UTC wall time.
const ts = (date: Date) => date.toISOString();

/** `("a"::"ClaimStatus", …)` from a list of the core's constants, so no status list is retyped in SQL. */
const statusList = (statuses: readonly ClaimStatus[]) =>
  Prisma.sql`(${Prisma.join(statuses.map((status) => Prisma.sql`${status}::"ClaimStatus"`))})`;

/**
 * Claims waiting for the partner whose response deadline has passed → REJECTED (NO_PARTNER_RESPONSE).
 * The WHERE clause is decide()'s rule for the system's expire-partner-action, row by row: the transition's
 * from-status, and its guard isPastDeadline(dueAt, now), i.e. `"dueAt" < now` (NULL never matches, as the
 * guard refuses a claim without a deadline). tests/integration/sweep.test.ts holds the two to the same answer.
 * `partnerActionSeconds` adds sla.partnerActionSeconds(infoRequestedAt, now), the same expression as resubmit:
 * whole seconds, rounded (numeric → int rounds like Math.round for these non-negative values), at least 0.
 */
async function autoRejectExpiredPartnerActions(db: Db, now: Date): Promise<number> {
  const t = systemTransition("PARTNER_ACTION_REQUIRED", "expire-partner-action");
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    WITH changed AS (
      UPDATE "Claim" SET
        "status" = ${t.to}::"ClaimStatus",
        "rejectionReason" = 'NO_PARTNER_RESPONSE',
        "rejectedAt" = ${ts(now)}::timestamp(3),
        "decidedAt" = ${ts(now)}::timestamp(3),
        "partnerActionSeconds" = "partnerActionSeconds"
          + greatest(0, extract(epoch FROM (${ts(now)}::timestamp(3) - coalesce("infoRequestedAt", ${ts(now)}::timestamp(3))))::int),
        "dueAt" = NULL,
        "overdue" = false,
        "version" = "version" + 1,
        "updatedAt" = ${ts(now)}::timestamp(3)
      WHERE "status" = ${t.from}::"ClaimStatus" AND "dueAt" < ${ts(now)}::timestamp(3)
      RETURNING "id"
    ), events AS (
      INSERT INTO "ClaimEvent" ("claimId", "type", "actorId", "actorRole", "actorName", "at", "fromStatus", "toStatus", "data")
      SELECT "id", 'STATUS_CHANGED', NULL, 'SYSTEM', 'System', ${ts(now)}::timestamp(3),
             ${t.from}::"ClaimStatus", ${t.to}::"ClaimStatus",
             jsonb_build_object('action', ${t.action}::text, 'fromStatus', ${t.from}::text, 'toStatus', ${t.to}::text,
                                'rejectionReason', 'NO_PARTNER_RESPONSE')
      FROM changed
      RETURNING 1
    )
    SELECT count(*) AS n FROM events`;
  return Number(rows[0]?.n ?? 0);
}

/**
 * Approved claims whose consent window ended without a denial → sent for incentive assessment. The WHERE
 * clause is decide()'s complete-consent guard: not sent yet and `now >= consentEndsAt` (the very instant at
 * which isConsentWindowOpen closes the customer's window). `"dueAt" <= now` adds nothing to the rule
 * (dueAt is consentEndsAt in APPROVED); it is there so the statement walks the (status, dueAt) index.
 */
async function completeConsentWindows(db: Db, now: Date): Promise<number> {
  const t = systemTransition("APPROVED", "complete-consent");
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    WITH changed AS (
      UPDATE "Claim" SET
        "sentForIncentiveAssessmentAt" = ${ts(now)}::timestamp(3),
        "dueAt" = NULL,
        "version" = "version" + 1,
        "updatedAt" = ${ts(now)}::timestamp(3)
      WHERE "status" = ${t.from}::"ClaimStatus" AND "dueAt" <= ${ts(now)}::timestamp(3)
        AND "consentEndsAt" <= ${ts(now)}::timestamp(3) AND "sentForIncentiveAssessmentAt" IS NULL
      RETURNING "id"
    ), events AS (
      INSERT INTO "ClaimEvent" ("claimId", "type", "actorId", "actorRole", "actorName", "at", "fromStatus", "toStatus", "data")
      SELECT "id", 'SENT_FOR_INCENTIVE_ASSESSMENT', NULL, 'SYSTEM', 'System', ${ts(now)}::timestamp(3),
             ${t.from}::"ClaimStatus", ${t.to}::"ClaimStatus", jsonb_build_object('at', ${ts(now)}::text)
      FROM changed
      RETURNING 1
    )
    SELECT count(*) AS n FROM events`;
  return Number(rows[0]?.n ?? 0);
}

/**
 * Claims in a review stage (REVIEW_STAGES: SUBMITTED, UNDER_REVIEW) past their deadline (sla.isOverdue) get the overdue flag (escalation shown to reviewers
 * and admins). The flag changes no field a user edits, so it does not bump `version`: it must not make
 * a partner's or reviewer's open form stale.
 */
async function flagOverdueReviews(db: Db, now: Date): Promise<number> {
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    WITH changed AS (
      UPDATE "Claim" SET "overdue" = true
      WHERE "status" IN ${statusList(REVIEW_STAGES)} AND "dueAt" < ${ts(now)}::timestamp(3) AND "overdue" = false
      RETURNING "id", "status", "dueAt"
    ), events AS (
      INSERT INTO "ClaimEvent" ("claimId", "type", "actorId", "actorRole", "actorName", "at", "fromStatus", "toStatus", "data")
      SELECT "id", 'SLA_OVERDUE', NULL, 'SYSTEM', 'System', ${ts(now)}::timestamp(3), NULL, NULL,
             jsonb_build_object('stage', "status"::text,
                                'dueAt', to_char("dueAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      FROM changed
      RETURNING 1
    )
    SELECT count(*) AS n FROM events`;
  return Number(rows[0]?.n ?? 0);
}

/**
 * One reminder to the partner contact per Partner action required deadline, queued when less than a
 * day is left. The outbox's unique dedupe key makes a second sweep's insert a no-op.
 */
async function queuePartnerReminders(db: Db, now: Date): Promise<number> {
  const dayLater = new Date(now.getTime() + 24 * 60 * 60 * 1000);
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    WITH due AS (
      SELECT "id", "number", "dueAt", coalesce("partnerContact"->>'email', '') AS "email"
      FROM "Claim"
      WHERE "status" = 'PARTNER_ACTION_REQUIRED'
        AND "dueAt" >= ${ts(now)}::timestamp(3) AND "dueAt" < ${ts(dayLater)}::timestamp(3)
    ), queued AS (
      INSERT INTO "OutboxMessage" ("id", "kind", "dedupeKey", "recipient", "subject", "body", "claimId", "createdAt", "availableAt")
      SELECT gen_random_uuid()::text, 'PARTNER_ACTION_REMINDER',
             'reminder:' || "id" || ':' || to_char("dueAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS'),
             "email",
             'CPOR-' || lpad("number"::text, 6, '0') || ': a reviewer is waiting for your response',
             'A reviewer asked for more information on claim CPOR-' || lpad("number"::text, 6, '0')
               || '. Respond and resubmit before ' || to_char("dueAt", 'YYYY-MM-DD HH24:MI') || ' UTC, or the claim will be rejected.',
             "id", ${ts(now)}::timestamp(3), ${ts(now)}::timestamp(3)
      FROM due
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING "claimId"
    ), events AS (
      INSERT INTO "ClaimEvent" ("claimId", "type", "actorId", "actorRole", "actorName", "at", "fromStatus", "toStatus", "data")
      SELECT due."id", 'REMINDER_QUEUED', NULL, 'SYSTEM', 'System', ${ts(now)}::timestamp(3), NULL, NULL,
             jsonb_build_object('stage', 'PARTNER_ACTION_REQUIRED',
                                'dueAt', to_char(due."dueAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      FROM queued JOIN due ON due."id" = queued."claimId"
      RETURNING 1
    )
    SELECT count(*) AS n FROM events`;
  return Number(rows[0]?.n ?? 0);
}

export async function runSweep(db: Db, now: Date = new Date()): Promise<SweepSummary> {
  const autoRejected = await autoRejectExpiredPartnerActions(db, now);
  const consentCompleted = await completeConsentWindows(db, now);
  const flaggedOverdue = await flagOverdueReviews(db, now);
  const remindersQueued = await queuePartnerReminders(db, now);
  const messagesDelivered = await deliverOutbox(db, now);
  // Last: the steps above enqueue webhook deliveries (the ClaimEvent trigger) that go out in this same run.
  const webhooksDelivered = await deliverWebhooks(db, now);
  return { autoRejected, consentCompleted, flaggedOverdue, remindersQueued, messagesDelivered, webhooksDelivered };
}

export function formatSweepSummary(summary: SweepSummary, now: Date): string {
  return [
    `sweep at ${now.toISOString()}:`,
    `  ${summary.autoRejected} auto-rejected (no partner response)`,
    `  ${summary.consentCompleted} sent for incentive assessment (consent window ended)`,
    `  ${summary.flaggedOverdue} flagged overdue`,
    `  ${summary.remindersQueued} reminders queued`,
    `  ${summary.messagesDelivered} messages delivered`,
    `  ${summary.webhooksDelivered} webhooks delivered`,
  ].join("\n");
}
