// Time-driven messages of the sweep (docs/domain.md "Notifications"): the partner-action reminders and the
// SUBMITTED-overdue digest to reviewers. "Once" holds even with sweeps on several nodes every minute:
// - a reminder first inserts its ClaimAlert key (primary key (claimId, key)) in the transaction that writes its
//   messages; a concurrent sweep's insert waits for that transaction, then finds the key and sends nothing;
// - the overdue digest claims a batch of claims with one guarded UPDATE (`"overdueAlertedAt" IS NULL`, FOR UPDATE
//   SKIP LOCKED) in the transaction that writes the digests: a concurrent sweep skips the locked rows, and after
//   the commit no longer finds them unannounced.
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { getSlaSettings } from "../claims/settings";
import { calendarOf } from "../claims/sla";
import { untimed, type BatchTimer } from "../claims/sweep-clock";
import { languageOf } from "./catalogue";
import { claimRefOf, partnerAudience } from "./claim-messages";
import { notify, notifyEach } from "./notify";
import { dueReminder, nextReminderAt, reminderClock } from "./reminders";

// Claims read a page, for the reminders' check (the sends themselves are one short transaction each).
const READ_PAGE = 1_000;

const CLAIM_FIELDS = {
  id: true,
  number: true,
  customerName: true,
  organizationId: true,
  partnerContact: true,
  createdById: true,
  reviewerId: true,
  dueAt: true,
  infoRequestedAt: true,
  nextReminderAt: true,
} as const;

export function reminderKey(stageStartedAt: Date, businessDaysLeft: number): string {
  return `partner-action:${stageStartedAt.toISOString()}:${businessDaysLeft}`;
}

type DueReminder = {
  claim: { id: string; number: number; customerName: string; organizationId: string; partnerContact: unknown; createdById: string };
  dueAt: Date;
  k: number;
  key: string;
};

/** Reminders sent in one transaction: their messages and events with a handful of statements, not a few per claim. */
const REMINDER_BATCH = 100;

/**
 * One batch of reminders. A key is inserted only for a claim still waiting for the partner on the same deadline (a
 * resubmit may have just won); a concurrent sweep's insert of the same key waits for this transaction and then
 * inserts nothing, so the rows RETURNING names are this batch's to send.
 */
async function sendReminders(tx: Prisma.TransactionClient, batch: DueReminder[], now: Date): Promise<number> {
  const inserted = await tx.$queryRaw<{ claimId: string }[]>`
    INSERT INTO "ClaimAlert" ("claimId", "key", "createdAt")
    SELECT page."claimId", page."key", ${now.toISOString()}::timestamp(3)
    FROM unnest(${batch.map((d) => d.claim.id)}::text[], ${batch.map((d) => d.key)}::text[],
                ${batch.map((d) => d.dueAt.toISOString())}::timestamp(3)[]) AS page("claimId", "key", "dueAt")
    JOIN "Claim" c ON c."id" = page."claimId" AND c."status" = 'PARTNER_ACTION_REQUIRED' AND c."dueAt" = page."dueAt"
    ON CONFLICT DO NOTHING
    RETURNING "claimId"`;
  const mine = new Set(inserted.map((row) => row.claimId));
  const sending = batch.filter((d) => mine.has(d.claim.id));
  if (sending.length === 0) return 0;
  const filers = await tx.user.findMany({ where: { id: { in: [...new Set(sending.map((d) => d.claim.createdById))] } }, select: { id: true, language: true } });
  const languages = new Map(filers.map((filer) => [filer.id, languageOf(filer.language)]));
  await notifyEach(
    tx,
    sending.map(({ claim, dueAt, k }) => ({
      data: { type: "DEADLINE_REMINDER", claim: claimRefOf(claim), businessDaysLeft: k, dueAt: dueAt.toISOString() },
      to: partnerAudience(claim, languages.get(claim.createdById) ?? languageOf(null)),
      now,
    })),
  );
  await tx.claimEvent.createMany({
    data: sending.map(({ claim, dueAt }) => ({
      claimId: claim.id,
      type: "REMINDER_QUEUED" as const,
      actorRole: "SYSTEM" as const,
      actorName: "System",
      at: now,
      data: { stage: "PARTNER_ACTION_REQUIRED", dueAt: dueAt.toISOString() },
    })),
  });
  return sending.length;
}

/** Claims per digest batch: each reviewer gets one message per batch, however many claims it holds. */
export const REVIEW_DIGEST_BATCH = 2_000;
/** Claims a digest lists by name (soonest deadline first); the rest are counted, with a link to the queue. */
export const REVIEW_DIGEST_LISTED = 20;
// Generous for a loaded machine: a batch normally commits in a fraction of a second.
const BATCH_TRANSACTION = { timeout: 30_000, maxWait: 30_000 };

/**
 * The 2- and 1-business-day reminders before partner-action deadlines; returns how many were sent. Reads only
 * the stages whose `nextReminderAt` has come (request-info sets it, a calendar change brings it back to now):
 * with nothing due, one probe of a partial index. Each claim read gets its next time after its reminder, if any,
 * was sent — a crash in between only makes the next sweep look again, and the ClaimAlert key sends nothing twice.
 */
export async function sendPartnerReminders(db: Db, now: Date, timer: BatchTimer = untimed): Promise<number> {
  const cal = calendarOf(await getSlaSettings(db));
  const dueAtOf = reminderClock(cal);
  const after = new Date(now.getTime() + 1);
  let sent = 0;
  let last: { at: Date; id: string } | undefined;
  for (;;) {
    // Keyset pages on the partial index's (nextReminderAt, id); the status literal is its predicate, word for word.
    const ids = await db.$queryRaw<{ id: string; nextReminderAt: Date }[]>`
      SELECT "id", "nextReminderAt" FROM "Claim"
      WHERE "status" = 'PARTNER_ACTION_REQUIRED' AND "nextReminderAt" <= ${now.toISOString()}::timestamp(3)
        ${last ? Prisma.sql`AND ("nextReminderAt", "id") > (${last.at.toISOString()}::timestamp(3), ${last.id})` : Prisma.empty}
      ORDER BY "nextReminderAt", "id" LIMIT ${READ_PAGE}::int`;
    if (ids.length === 0) return sent;
    const page = await db.claim.findMany({ where: { id: { in: ids.map((row) => row.id) } }, select: CLAIM_FIELDS });
    const due = page.flatMap((claim) => {
      if (!claim.infoRequestedAt || !claim.dueAt) return [];
      const k = dueReminder(claim.infoRequestedAt, claim.dueAt, now, cal, dueAtOf);
      return k === null ? [] : [{ claim, dueAt: claim.dueAt, k, key: reminderKey(claim.infoRequestedAt, k) }];
    });
    // The reminders of this page sent before (a calendar change, a crash after the send): one read, a join to
    // the page's (claim, key) pairs, not a transaction per claim.
    const sentBefore = due.length
      ? await db.$queryRaw<{ claimId: string; key: string }[]>`
          SELECT a."claimId", a."key" FROM "ClaimAlert" a
          JOIN unnest(${due.map((d) => d.claim.id)}::text[], ${due.map((d) => d.key)}::text[]) AS page("claimId", "key")
            ON a."claimId" = page."claimId" AND a."key" = page."key"`
      : [];
    const sentKeys = new Set(sentBefore.map((a) => `${a.claimId} ${a.key}`));
    const toSend = due.filter((d) => !sentKeys.has(`${d.claim.id} ${d.key}`));
    for (let i = 0; i < toSend.length; i += REMINDER_BATCH) {
      sent += await timer.batch(() => db.$transaction((tx) => sendReminders(tx, toSend.slice(i, i + REMINDER_BATCH), now), BATCH_TRANSACTION));
    }
    // Each claim of the page on to its next reminder time, or null. Guarded by the values read: a claim whose
    // stage began again, or whose time a calendar change reset, meanwhile keeps what that wrote.
    const iso = (date: Date | null) => date?.toISOString() ?? null;
    const next = (claim: (typeof page)[number]) =>
      claim.dueAt && claim.infoRequestedAt ? nextReminderAt(after, claim.dueAt, dueAtOf) : null;
    await db.$executeRaw`
      UPDATE "Claim" c SET "nextReminderAt" = page."next"
      FROM unnest(${page.map((claim) => claim.id)}::text[], ${page.map((claim) => iso(claim.nextReminderAt))}::timestamp(3)[],
                  ${page.map((claim) => iso(claim.infoRequestedAt))}::timestamp(3)[], ${page.map((claim) => iso(next(claim)))}::timestamp(3)[])
        AS page("id", "was", "stageStart", "next")
      WHERE c."id" = page."id" AND c."status" = 'PARTNER_ACTION_REQUIRED'
        AND c."nextReminderAt" IS NOT DISTINCT FROM page."was" AND c."infoRequestedAt" IS NOT DISTINCT FROM page."stageStart"`;
    if (ids.length < READ_PAGE) return sent;
    const lastRead = ids[ids.length - 1];
    last = { at: lastRead.nextReminderAt, id: lastRead.id };
  }
}

interface OverdueRow {
  id: string;
  number: number;
  customerName: string;
  dueAt: Date;
}

/**
 * Every reviewer is told, once per claim, that a SUBMITTED claim passed its deadline with no review started: one
 * digest (an in-app notification, and an email unless they turned "review" emails off, in their language) per
 * reviewer and batch of up to REVIEW_DIGEST_BATCH claims. A backlog of 80,000 overdue submissions is 40 digests
 * a reviewer, not 80,000. Returns how many claims were announced.
 */
export async function alertOverdueSubmissions(db: Db, now: Date, timer: BatchTimer = untimed): Promise<number> {
  // Nothing to announce (every minute, on every node): one index probe, no BEGIN … COMMIT.
  const anyDue = await db.$queryRaw<unknown[]>`
    SELECT 1 FROM "Claim" WHERE "status" = 'SUBMITTED' AND "overdueAlertedAt" IS NULL AND "dueAt" < ${now.toISOString()}::timestamp(3) LIMIT 1`;
  if (anyDue.length === 0) return 0;
  let announced = 0;
  for (;;) {
    const done = await timer.batch(() => db.$transaction((tx) => announceOverdueBatch(tx, now), BATCH_TRANSACTION));
    announced += done;
    if (done < REVIEW_DIGEST_BATCH) return announced;
  }
}

async function announceOverdueBatch(tx: Prisma.TransactionClient, now: Date): Promise<number> {
  const at = now.toISOString();
  // The status is a literal so the planner can use the partial index "Claim_sweep_unannounced_submitted_idx"
  // (same predicate): the claims announced already are not in it, so an idle sweep reads no row here.
  const rows = await tx.$queryRaw<OverdueRow[]>`
    WITH due AS (
      SELECT "id" FROM "Claim"
      WHERE "status" = 'SUBMITTED' AND "overdueAlertedAt" IS NULL AND "dueAt" < ${at}::timestamp(3)
      ORDER BY "dueAt", "id" LIMIT ${REVIEW_DIGEST_BATCH}::int FOR UPDATE SKIP LOCKED
    )
    UPDATE "Claim" SET "overdueAlertedAt" = ${at}::timestamp(3)
    WHERE "id" IN (SELECT "id" FROM due)
    RETURNING "id", "number", "customerName", "dueAt"`;
  if (rows.length === 0) return 0;
  // RETURNING keeps no order: the digest lists the soonest deadlines first.
  rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const claims = rows.slice(0, REVIEW_DIGEST_LISTED).map((row) => ({ ...claimRefOf(row), dueAt: row.dueAt.toISOString() }));
  await notify(tx, {
    data: { type: "REVIEW_OVERDUE", claims, total: rows.length },
    to: [{ kind: "all-reviewers" }],
    // A digest names many claims: its bell entry opens the review queue's overdue view, not one claim.
    claimId: null,
    now,
  });
  return rows.length;
}
