// Time-driven work (domain.md "SLA clock"): auto-reject Partner action required claims past their
// deadline, complete consent windows, flag overdue SUBMITTED / UNDER_REVIEW claims, send reminders and alerts,
// deliver the outbox. Decisions the sweep makes notify the partner users in the same transaction.
//
// Set-based and safe to run on several nodes at once: each step is ONE SQL statement that updates the
// due claims (an indexed range on (status, dueAt): its cost grows with the number of due claims, not all
// claims) and inserts their history events from the same RETURNING rows, so a claim and its event
// change together or not at all. A second sweep running concurrently blocks on the same rows, re-checks
// the WHERE clause after the first commits, finds the claim no longer due, and changes nothing: running
// it twice, or on two nodes at once, gives exactly the state of running it once.
// The events it inserts are signed into each claim's tamper-evident chain by the ClaimEvent INSERT trigger
// (docs/architecture.md "Tamper-evident history"), which locks the claim row it already holds: nothing to do here.
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { deliverOutbox, type MailTransport } from "../mail/deliver";
import { claimRefOf, rejectionDecision } from "../notifications/claim-messages";
import { notifyEach, type NotifyInput } from "../notifications/notify";
import { alertOverdueSubmissions, sendPartnerReminders } from "../notifications/sweep-alerts";
import type { FileStorage } from "../storage/file-storage";
import { removeUnreferencedFiles } from "../storage/remove-unreferenced-files";
import { deliverWebhooks } from "../webhooks/deliver";
import type { ClaimStatus } from "./catalogue";
import { TRANSITIONS, type ClaimAction } from "./lifecycle";
import { REVIEW_STAGES } from "./sla";
import { SweepClock, type BatchTimer, type SweepTimings } from "./sweep-clock";
import { purgeRevokedSessions } from "../auth/revoked-sessions";

export interface SweepSummary {
  autoRejected: number;
  consentCompleted: number;
  flaggedOverdue: number;
  remindersQueued: number;
  reviewersAlerted: number;
  messagesDelivered: number;
  /** Stored files no claim references, removed (only when the sweep is given the storage). */
  filesRemoved: number;
  webhooksDelivered: number;
  /** Signed-out sessions whose absolute end has passed (their JWTs are refused anyway). */
  sessionsPurged: number;
}

/** A decided claim as the sweep's statements return it, for the partner users' message. */
interface DecidedRow {
  id: string;
  number: number;
  customerName: string;
  organizationId: string;
}

/** The transition table is the one source of truth for what a system action does to a status. */
function systemTransition(from: ClaimStatus, action: ClaimAction) {
  const row = TRANSITIONS.find((t) => t.from === from && t.action === action && t.actors.includes("SYSTEM"));
  if (!row) throw new Error(`No system transition ${from} --${action}-->`);
  return row;
}

// Deadlines are stored as timestamp(3) in UTC; an ISO string cast to timestamp keeps the UTC wall time.
const ts = (date: Date) => date.toISOString();

/**
 * `('A', 'B')` from a list of the core's constants, so no status list is retyped in SQL. Literals, not bind
 * parameters: the planner proves a partial index's predicate (`"status" IN ('SUBMITTED', 'UNDER_REVIEW')`, the
 * migration 20261201050000_sweep_overdue_digest) only from constants. The values are the core's enum names.
 */
const statusList = (statuses: readonly ClaimStatus[]) => Prisma.raw(`(${statuses.map((status) => `'${status}'`).join(", ")})`);

// A backlog (an outage of days, a first run on imported data) is worked in bounded batches, each its own short
// transaction, until a batch comes back short: one statement over every due claim, with a notification per claim
// in the same transaction, ran past Prisma's transaction timeout at 250,000 due claims and rolled back — every run
// then retried the same batch. `FOR UPDATE SKIP LOCKED` lets nodes sweeping at once take disjoint batches; the
// lock re-checks the WHERE clause on the row's latest version, so a claim changed meanwhile is left alone.
// 100 claims with their events and partner messages: 200 took up to 1.5 s on the loaded 2-core machine, and the
// bench runs the backlog beside the API under load (no transaction over 2 s, docs/performance-notes.md "Sweep").
const NOTIFYING_BATCH = 100;
// Generous for a loaded machine: a batch normally commits in well under a second.
const BATCH_TRANSACTION = { timeout: 30_000, maxWait: 30_000 };
// Each flag writes a ClaimEvent, which the history chain's trigger signs row by row: 5,000 a batch took 1.4–5.7 s
// on a loaded 2-core machine at 50,000 claims, 1,000 up to 3.3 s at a load average of 17; 500 stays under 2 s.
const FLAG_BATCH = 500;

/** The system's decisions of one batch, told to each claim's partner users in the batch's transaction. */
async function notifyPartnersOfDecisions(
  tx: Parameters<typeof notifyEach>[0],
  rows: DecidedRow[],
  decision: Extract<NotifyInput["data"], { type: "CLAIM_DECIDED" }>["decision"],
  now: Date,
): Promise<void> {
  await notifyEach(
    tx,
    rows.map((row) => ({
      data: { type: "CLAIM_DECIDED", claim: claimRefOf(row), decision, comment: null, by: "System" },
      to: [{ kind: "partner-users", organizationId: row.organizationId }],
      now,
    })),
  );
}

/**
 * Whether a step has anything to do, in one statement outside a transaction: a sweep with nothing due (every
 * minute, on every node) then skips the step's BEGIN … COMMIT. The batch itself re-reads under its locks.
 */
async function anyDue(db: Db, where: Prisma.Sql): Promise<boolean> {
  // Every probe names a status and a deadline bound: ordered by the deadline, the plan is a walk of the
  // (status, dueAt, id) index that stops at the bound. Unordered, with a LIMIT 1 and a few thousand matches in
  // its statistics, PostgreSQL chose a sequential scan, which with nothing due read all 1,000,000 claims (~125 ms).
  const rows = await db.$queryRaw<unknown[]>`SELECT 1 FROM "Claim" WHERE ${where} ORDER BY "dueAt" LIMIT 1`;
  return rows.length > 0;
}

async function inBatches(batch: () => Promise<number>, size: number, timer: BatchTimer): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await timer.batch(batch);
    total += done;
    if (done < size) return total;
  }
}

/**
 * Claims waiting for the partner whose response deadline has passed → REJECTED (NO_PARTNER_RESPONSE).
 * The WHERE clause is decide()'s rule for the system's expire-partner-action, row by row: the transition's
 * from-status, and its guard isPastDeadline(dueAt, now), i.e. `"dueAt" < now` (NULL never matches, as the
 * guard refuses a claim without a deadline). tests/integration/sweep.test.ts holds the two to the same answer.
 * `partnerActionSeconds` adds sla.partnerActionSeconds(infoRequestedAt, now), the same expression as resubmit:
 * whole seconds, rounded (numeric → int rounds like Math.round for these non-negative values), at least 0.
 * The partner users' messages are written in the same transaction as the statement.
 */
async function autoRejectExpiredPartnerActions(db: Db, now: Date, timer: BatchTimer): Promise<number> {
  const t = systemTransition("PARTNER_ACTION_REQUIRED", "expire-partner-action");
  if (!(await anyDue(db, Prisma.sql`"status" = ${t.from}::"ClaimStatus" AND "dueAt" < ${ts(now)}::timestamp(3)`))) return 0;
  return inBatches(() => db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<DecidedRow[]>`
      WITH due AS (
        SELECT "id" FROM "Claim"
        WHERE "status" = ${t.from}::"ClaimStatus" AND "dueAt" < ${ts(now)}::timestamp(3)
        ORDER BY "dueAt", "id" LIMIT ${NOTIFYING_BATCH}::int FOR UPDATE SKIP LOCKED
      ), changed AS (
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
        WHERE "id" IN (SELECT "id" FROM due)
        RETURNING "id", "number", "customerName", "organizationId"
      ), events AS (
        INSERT INTO "ClaimEvent" ("claimId", "type", "actorId", "actorRole", "actorName", "at", "fromStatus", "toStatus", "data")
        SELECT "id", 'STATUS_CHANGED', NULL, 'SYSTEM', 'System', ${ts(now)}::timestamp(3),
               ${t.from}::"ClaimStatus", ${t.to}::"ClaimStatus",
               jsonb_build_object('action', ${t.action}::text, 'fromStatus', ${t.from}::text, 'toStatus', ${t.to}::text,
                                  'rejectionReason', 'NO_PARTNER_RESPONSE')
        FROM changed
        RETURNING 1
      )
      SELECT "id", "number", "customerName", "organizationId" FROM changed`;
    await notifyPartnersOfDecisions(tx, rows, rejectionDecision("NO_PARTNER_RESPONSE", now), now);
    return rows.length;
  }, BATCH_TRANSACTION), NOTIFYING_BATCH, timer);
}

/**
 * Approved claims whose consent window ended without a denial → sent for incentive assessment. The WHERE
 * clause is decide()'s complete-consent guard: not sent yet and `now >= consentEndsAt` (the very instant at
 * which isConsentWindowOpen closes the customer's window). `"dueAt" <= now` adds nothing to the rule
 * (dueAt is consentEndsAt in APPROVED); it is there so the statement walks the (status, dueAt) index.
 */
async function completeConsentWindows(db: Db, now: Date, timer: BatchTimer): Promise<number> {
  const t = systemTransition("APPROVED", "complete-consent");
  const due = Prisma.sql`"status" = ${t.from}::"ClaimStatus" AND "dueAt" <= ${ts(now)}::timestamp(3)
    AND "consentEndsAt" <= ${ts(now)}::timestamp(3) AND "sentForIncentiveAssessmentAt" IS NULL`;
  if (!(await anyDue(db, due))) return 0;
  return inBatches(() => db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<DecidedRow[]>`
      WITH due AS (
        SELECT "id" FROM "Claim"
        WHERE ${due}
        ORDER BY "dueAt", "id" LIMIT ${NOTIFYING_BATCH}::int FOR UPDATE SKIP LOCKED
      ), changed AS (
        UPDATE "Claim" SET
          "sentForIncentiveAssessmentAt" = ${ts(now)}::timestamp(3),
          "dueAt" = NULL,
          "version" = "version" + 1,
          "updatedAt" = ${ts(now)}::timestamp(3)
        WHERE "id" IN (SELECT "id" FROM due)
        RETURNING "id", "number", "customerName", "organizationId"
      ), events AS (
        INSERT INTO "ClaimEvent" ("claimId", "type", "actorId", "actorRole", "actorName", "at", "fromStatus", "toStatus", "data")
        SELECT "id", 'SENT_FOR_INCENTIVE_ASSESSMENT', NULL, 'SYSTEM', 'System', ${ts(now)}::timestamp(3),
               ${t.from}::"ClaimStatus", ${t.to}::"ClaimStatus", jsonb_build_object('at', ${ts(now)}::text)
        FROM changed
        RETURNING 1
      )
      SELECT "id", "number", "customerName", "organizationId" FROM changed`;
    await notifyPartnersOfDecisions(tx, rows, { outcome: "SENT_FOR_INCENTIVE_ASSESSMENT" }, now);
    return rows.length;
  }, BATCH_TRANSACTION), NOTIFYING_BATCH, timer);
}

/**
 * Claims in a review stage (REVIEW_STAGES: SUBMITTED, UNDER_REVIEW) past their deadline (sla.isOverdue) get the overdue flag (escalation shown to reviewers
 * and admins). The flag changes no field a user edits, so it does not bump `version`: it must not make
 * a partner's or reviewer's open form stale. The claims flagged already (a backlog stays overdue until reviewed)
 * are not in the partial index the probe walks, so a sweep with nothing to flag reads no row.
 */
async function flagOverdueReviews(db: Db, now: Date, timer: BatchTimer): Promise<number> {
  return inBatches(() => flagOverdueBatch(db, now), FLAG_BATCH, timer);
}

async function flagOverdueBatch(db: Db, now: Date): Promise<number> {
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    WITH due AS (
      SELECT "id" FROM "Claim"
      WHERE "status" IN ${statusList(REVIEW_STAGES)} AND "overdue" = false AND "dueAt" < ${ts(now)}::timestamp(3)
      ORDER BY "dueAt", "id" LIMIT ${FLAG_BATCH}::int FOR UPDATE SKIP LOCKED
    ), changed AS (
      UPDATE "Claim" SET "overdue" = true
      WHERE "id" IN (SELECT "id" FROM due)
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

export interface SweepOptions {
  /** Where mail goes (default: SMTP_URL or .eml files); tests pass a recording transport. */
  transport?: MailTransport;
  /** Turns on the cleanup of stored files that no claim references. */
  storage?: FileStorage;
  /** false: queue messages but leave delivery to another run (the bench times the backlog without SMTP). */
  deliver?: boolean;
}

/**
 * `storage` turns on the cleanup of unreferenced files. The server and `npm run sweep` pass the configured
 * storage; tests and the seed do not, because a test database references none of the files in a shared
 * storage directory and the cleanup would take them all for orphans.
 */
export async function runSweep(db: Db, now: Date = new Date(), options: SweepOptions = {}): Promise<SweepSummary> {
  return (await runTimedSweep(db, now, options)).summary;
}

/** runSweep with where its time went: each step, and the longest batch (docs/performance-notes.md "Sweep"). */
export async function runTimedSweep(
  db: Db,
  now: Date = new Date(),
  options: SweepOptions = {},
): Promise<{ summary: SweepSummary; timings: SweepTimings }> {
  const clock = new SweepClock();
  const autoRejected = await clock.step("auto-reject", () => autoRejectExpiredPartnerActions(db, now, clock));
  const consentCompleted = await clock.step("consent", () => completeConsentWindows(db, now, clock));
  const flaggedOverdue = await clock.step("flag-overdue", () => flagOverdueReviews(db, now, clock));
  // Reminders once per claim and stage (ClaimAlert keys); the reviewers' digest once per claim (overdueAlertedAt).
  const remindersQueued = await clock.step("reminders", () => sendPartnerReminders(db, now, clock));
  const reviewersAlerted = await clock.step("overdue-digest", () => alertOverdueSubmissions(db, now, clock));
  const messagesDelivered =
    options.deliver === false ? 0 : await clock.step("deliver", () => deliverOutbox(db, now, options.transport));
  // The file age is measured on the real clock, not `now`: a back-filled `--now` must not touch an upload in flight.
  const filesRemoved = options.storage ? await clock.step("files", () => removeUnreferencedFiles(db, options.storage!)) : 0;
  // Last: the steps above enqueue webhook deliveries (the ClaimEvent trigger) that go out in this same run.
  const webhooksDelivered = options.deliver === false ? 0 : await clock.step("webhooks", () => deliverWebhooks(db, now));
  const sessionsPurged = await clock.step("sessions", () => purgeRevokedSessions(db, now));
  const summary = {
    autoRejected,
    consentCompleted,
    flaggedOverdue,
    remindersQueued,
    reviewersAlerted,
    messagesDelivered,
    filesRemoved,
    webhooksDelivered,
    sessionsPurged,
  };
  return { summary, timings: clock.timings() };
}

export function formatSweepSummary(summary: SweepSummary, now: Date): string {
  return [
    `sweep at ${now.toISOString()}:`,
    `  ${summary.autoRejected} auto-rejected (no partner response)`,
    `  ${summary.consentCompleted} sent for incentive assessment (consent window ended)`,
    `  ${summary.flaggedOverdue} flagged overdue`,
    `  ${summary.remindersQueued} partner reminders sent`,
    `  ${summary.reviewersAlerted} overdue submissions announced to reviewers (one digest per reviewer and batch)`,
    `  ${summary.messagesDelivered} messages delivered`,
    `  ${summary.filesRemoved} unreferenced files removed`,
    `  ${summary.webhooksDelivered} webhooks delivered`,
    `  ${summary.sessionsPurged} ended signed-out sessions forgotten`,
  ].join("\n");
}
