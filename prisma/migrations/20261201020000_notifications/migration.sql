-- Notifications (docs/domain.md "Notifications"): outbox rows gain a status, a lease, the recipient user and
-- language, template data and an encrypted secret; in-app notifications; user language and email preferences;
-- ClaimAlert makes time-driven alerts (reminders, SUBMITTED overdue) happen once per claim and stage.

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('QUEUED', 'SENT', 'FAILED');

-- DropIndex
DROP INDEX "OutboxMessage_sentAt_availableAt_idx";

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "data" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "leasedUntil" TIMESTAMP(3),
ADD COLUMN     "recipientUserId" TEXT,
ADD COLUMN     "secret" BYTEA,
ADD COLUMN     "status" "OutboxStatus" NOT NULL DEFAULT 'QUEUED',
ALTER COLUMN "body" SET DEFAULT '';

-- Rows delivered before this migration are SENT.
UPDATE "OutboxMessage" SET "status" = 'SENT' WHERE "sentAt" IS NOT NULL;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailOptOut" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "language" TEXT;

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "claimId" TEXT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimAlert" (
    "claimId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClaimAlert_pkey" PRIMARY KEY ("claimId","key")
);

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_id_idx" ON "Notification"("userId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_availableAt_idx" ON "OutboxMessage"("status", "availableAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_createdAt_id_idx" ON "OutboxMessage"("createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "OutboxMessage_recipientUserId_idx" ON "OutboxMessage"("recipientUserId");

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_recipientUserId_fkey" FOREIGN KEY ("recipientUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimAlert" ADD CONSTRAINT "ClaimAlert_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

