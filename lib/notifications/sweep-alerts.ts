// Time-driven messages of the sweep (docs/domain.md "Notifications"): the partner-action reminders and the
// SUBMITTED-overdue alert to reviewers. "Once" holds even with sweeps on several nodes every minute: each alert
// first inserts its ClaimAlert key (primary key (claimId, key)) in the transaction that writes its messages; a
// concurrent sweep's insert waits for that transaction, then finds the key and sends nothing.
import type { Db } from "../db";
import { getSlaSettings } from "../claims/settings";
import { calendarOf } from "../claims/sla";
import { claimRefOf, filerLanguage, partnerAudience } from "./claim-messages";
import { notify } from "./notify";
import { dueReminder } from "./reminders";

const BATCH = 200;
/** A 2-business-day reminder falls at most this far before its deadline (weekends and a run of holidays). */
const REMINDER_HORIZON_MS = 14 * 86_400_000;

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
} as const;

/** Inserts the alert key; false when it already existed (sent before, or by a concurrent sweep). */
async function claimAlertOnce(tx: Pick<Db, "$executeRaw">, claimId: string, key: string, now: Date): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    INSERT INTO "ClaimAlert" ("claimId", "key", "createdAt") VALUES (${claimId}, ${key}, ${now.toISOString()}::timestamp(3))
    ON CONFLICT DO NOTHING`;
  return inserted === 1;
}

export function reminderKey(stageStartedAt: Date, businessDaysLeft: number): string {
  return `partner-action:${stageStartedAt.toISOString()}:${businessDaysLeft}`;
}

export const SUBMITTED_OVERDUE_KEY = "submitted-overdue";

/** The 2- and 1-business-day reminders before partner-action deadlines; returns how many were sent. */
export async function sendPartnerReminders(db: Db, now: Date): Promise<number> {
  const cal = calendarOf(await getSlaSettings(db));
  let sent = 0;
  let cursor: string | undefined;
  for (;;) {
    const claims = await db.claim.findMany({
      where: {
        status: "PARTNER_ACTION_REQUIRED",
        dueAt: { gte: now, lte: new Date(now.getTime() + REMINDER_HORIZON_MS) },
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      select: CLAIM_FIELDS,
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (claims.length === 0) return sent;
    cursor = claims[claims.length - 1].id;
    for (const claim of claims) {
      const stageStart = claim.infoRequestedAt;
      if (!stageStart || !claim.dueAt) continue;
      const k = dueReminder(stageStart, claim.dueAt, now, cal);
      if (k === null) continue;
      const dueAt = claim.dueAt;
      const done = await db.$transaction(async (tx) => {
        // Still waiting for the partner on the same deadline (a resubmit may have just won).
        const still = await tx.claim.count({ where: { id: claim.id, status: "PARTNER_ACTION_REQUIRED", dueAt } });
        if (still === 0 || !(await claimAlertOnce(tx, claim.id, reminderKey(stageStart, k), now))) return false;
        await notify(tx, {
          data: { type: "DEADLINE_REMINDER", claim: claimRefOf(claim), businessDaysLeft: k, dueAt: dueAt.toISOString() },
          to: partnerAudience(claim, await filerLanguage(tx, claim.createdById)),
          now,
        });
        await tx.claimEvent.create({
          data: {
            claimId: claim.id,
            type: "REMINDER_QUEUED",
            actorRole: "SYSTEM",
            actorName: "System",
            at: now,
            data: { stage: "PARTNER_ACTION_REQUIRED", dueAt: dueAt.toISOString() },
          },
        });
        return true;
      });
      if (done) sent++;
    }
  }
}

/** Every reviewer is told, once per claim, that a SUBMITTED claim passed its deadline with no review started. */
export async function alertOverdueSubmissions(db: Db, now: Date): Promise<number> {
  let sent = 0;
  for (;;) {
    const claims = await db.claim.findMany({
      where: { status: "SUBMITTED", dueAt: { lt: now }, alerts: { none: { key: SUBMITTED_OVERDUE_KEY } } },
      select: CLAIM_FIELDS,
      orderBy: { dueAt: "asc" },
      take: BATCH,
    });
    if (claims.length === 0) return sent;
    let progressed = false;
    for (const claim of claims) {
      const done = await db.$transaction(async (tx) => {
        if (!(await claimAlertOnce(tx, claim.id, SUBMITTED_OVERDUE_KEY, now))) return false;
        await notify(tx, {
          data: { type: "REVIEW_OVERDUE", claim: claimRefOf(claim), dueAt: claim.dueAt!.toISOString() },
          to: [{ kind: "all-reviewers" }],
          now,
        });
        return true;
      });
      if (done) sent++;
      progressed ||= done;
    }
    // Every candidate was taken by a concurrent sweep: its keys are committed now, the next query skips them.
    if (!progressed && claims.length < BATCH) return sent;
  }
}
