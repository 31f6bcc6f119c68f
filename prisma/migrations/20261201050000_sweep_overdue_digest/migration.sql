-- The reviewers' "deadline passed" alert becomes a digest (docs/performance-notes.md "Sweep"): the claim itself
-- records that every reviewer was told, once, that it passed its SUBMITTED deadline. The sweep claims a batch of
-- unannounced claims with one guarded UPDATE … WHERE "overdueAlertedAt" IS NULL (FOR UPDATE SKIP LOCKED), in the
-- transaction that writes the digests, so concurrent sweeps announce each claim exactly once.
ALTER TABLE "Claim" ADD COLUMN "overdueAlertedAt" TIMESTAMP(3);

-- Claims announced before, one message per claim, under the ClaimAlert key "submitted-overdue": not again.
UPDATE "Claim" c SET "overdueAlertedAt" = a."createdAt"
FROM "ClaimAlert" a
WHERE a."claimId" = c."id" AND a."key" = 'submitted-overdue';
DELETE FROM "ClaimAlert" WHERE "key" = 'submitted-overdue';

-- Index-only probes for a sweep with nothing due. Partial indexes (Prisma's schema cannot state them, and
-- `prisma migrate diff` leaves them alone): each holds only the claims a step may still have to work, so the
-- claims already flagged or announced — a whole backlog that stays overdue until reviewed — are not walked again
-- on every sweep. The steps' WHERE clauses repeat these predicates word for word (lib/claims/sweep.ts,
-- lib/notifications/sweep-alerts.ts) so the planner can use them.
CREATE INDEX "Claim_sweep_unflagged_review_idx" ON "Claim" ("dueAt", "id")
  WHERE "status" IN ('SUBMITTED', 'UNDER_REVIEW') AND "overdue" = false;
CREATE INDEX "Claim_sweep_unannounced_submitted_idx" ON "Claim" ("dueAt", "id")
  WHERE "status" = 'SUBMITTED' AND "overdueAlertedAt" IS NULL;
