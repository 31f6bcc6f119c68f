-- Claim lists (dashboard, review queue, admin; docs/performance-notes.md). Every scope × status tab × sort of
-- the lists is an ordered walk of one index, measured at 1,000,000 claims:
-- - reviewers and admins list across organizations: updatedAt, createdAt, (dueAt, id) and (status, dueAt, id);
-- - partners sort by deadline: (organizationId, dueAt, id), and within a status tab (organizationId, status, dueAt, id);
-- - `id` last orders the ties of dueAt (above all the NULLs of claims without a deadline) without a sort.
-- (organizationId, dueAt) and (status, dueAt) of the init migration are now prefixes of these: candidates to drop.

-- CreateIndex
CREATE INDEX "Claim_updatedAt_idx" ON "Claim"("updatedAt" DESC);

-- CreateIndex
CREATE INDEX "Claim_createdAt_idx" ON "Claim"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "Claim_dueAt_id_idx" ON "Claim"("dueAt", "id");

-- CreateIndex
CREATE INDEX "Claim_status_dueAt_id_idx" ON "Claim"("status", "dueAt", "id");

-- CreateIndex
CREATE INDEX "Claim_organizationId_dueAt_id_idx" ON "Claim"("organizationId", "dueAt", "id");

-- CreateIndex
CREATE INDEX "Claim_organizationId_status_dueAt_id_idx" ON "Claim"("organizationId", "status", "dueAt", "id");
