-- The partner-action reminders (docs/performance-notes.md "Sweep"): the claim stores when the sweep next has to
-- look at its stage, so a sweep with nothing due probes one partial index instead of reading every deadline of the
-- coming days (~14,000 claims at 1,000,000, 0.5 s a sweep, every minute on every node).
ALTER TABLE "Claim" ADD COLUMN "nextReminderAt" TIMESTAMP(3);

-- Stages open now are looked at once by the next sweep, which works out their reminder times from the calendar
-- (a reminder sent before keeps its ClaimAlert key, so none goes out twice).
UPDATE "Claim" SET "nextReminderAt" = "infoRequestedAt"
WHERE "status" = 'PARTNER_ACTION_REQUIRED' AND "infoRequestedAt" IS NOT NULL;

-- Only the stages waiting for the partner, with a reminder left: a claim that leaves the stage leaves the index.
-- Prisma's schema cannot state a partial index (`prisma migrate diff` leaves it alone); the sweep's WHERE clause
-- repeats the predicate with literals (lib/notifications/sweep-alerts.ts).
CREATE INDEX "Claim_sweep_reminder_idx" ON "Claim" ("nextReminderAt", "id")
  WHERE "status" = 'PARTNER_ACTION_REQUIRED' AND "nextReminderAt" IS NOT NULL;
