-- Metrics: decisions of a period are read by decidedAt (docs/performance-notes.md).
CREATE INDEX "Claim_decidedAt_idx" ON "Claim"("decidedAt");
