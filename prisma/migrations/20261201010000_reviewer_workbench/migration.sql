-- Reviewer workbench (issue 11): reviewers' internal notes get their own table (never part of the claim's
-- history or resource), and the queue's "Mine" view (assignee=me, overdue first then by deadline) walks one
-- index per reviewer and status tab.

-- CreateTable
CREATE TABLE "ClaimNote" (
    "id" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClaimNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ClaimNote_claimId_createdAt_idx" ON "ClaimNote"("claimId", "createdAt");

-- CreateIndex
CREATE INDEX "Claim_reviewerId_status_dueAt_id_idx" ON "Claim"("reviewerId", "status", "dueAt", "id");

-- AddForeignKey
ALTER TABLE "ClaimNote" ADD CONSTRAINT "ClaimNote_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimNote" ADD CONSTRAINT "ClaimNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
