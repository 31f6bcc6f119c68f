-- CreateEnum
CREATE TYPE "Role" AS ENUM ('PARTNER_ADMIN', 'PARTNER_BILLING', 'REVIEWER', 'ADMIN');

-- CreateEnum
CREATE TYPE "ClaimStatus" AS ENUM ('EDITING', 'SUBMITTED', 'UNDER_REVIEW', 'PARTNER_ACTION_REQUIRED', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "Program" AS ENUM ('OSU', 'OSA');

-- CreateEnum
CREATE TYPE "Activity" AS ENUM ('PRE_SALES', 'REVENUE_ASSOCIATION', 'USAGE');

-- CreateEnum
CREATE TYPE "SolutionArea" AS ENUM ('BUSINESS_APPLICATIONS', 'MODERN_WORK');

-- CreateEnum
CREATE TYPE "ProductKind" AS ENUM ('WORKLOAD', 'DYNAMICS');

-- CreateEnum
CREATE TYPE "InfoRequestReason" AS ENUM ('MISSING_ALL_POE', 'MISSING_CUSTOMER_ACKNOWLEDGMENT', 'MISSING_OR_OLD_DATES', 'MISSING_PARTNER_SOLUTION', 'MISSING_PRODUCTS');

-- CreateEnum
CREATE TYPE "RejectionReason" AS ENUM ('PARTNER_REQUEST', 'CUSTOMER_DECLINE', 'INSUFFICIENT_POE', 'MISSING_CUSTOMER_CONSENT_ON_POE', 'MISSING_PRODUCTS', 'NO_PARTNER_RESPONSE', 'POE_UNAVAILABLE');

-- CreateEnum
CREATE TYPE "DisputeStatus" AS ENUM ('OPEN', 'UPHELD', 'OVERTURNED');

-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerLocation" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "mpnId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PartnerLocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" "Role" NOT NULL,
    "organizationId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "mpnId" TEXT NOT NULL,
    "program" "Program" NOT NULL,
    "activity" "Activity" NOT NULL,
    "solutionArea" "SolutionArea" NOT NULL,
    "customerTenantId" TEXT NOT NULL,
    "customerDomain" TEXT NOT NULL,
    "customerName" TEXT NOT NULL,
    "customerNameLower" TEXT NOT NULL,
    "customerDomainLower" TEXT NOT NULL,
    "customerContact" JSONB,
    "partnerContact" JSONB,
    "commentary" TEXT NOT NULL DEFAULT '',
    "status" "ClaimStatus" NOT NULL DEFAULT 'EDITING',
    "version" INTEGER NOT NULL DEFAULT 0,
    "dueAt" TIMESTAMP(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "reviewDaysRemaining" INTEGER,
    "reviewerId" TEXT,
    "reasonCodes" "InfoRequestReason"[],
    "rejectionReason" "RejectionReason",
    "rejectionComment" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" TIMESTAMP(3),
    "reviewStartedAt" TIMESTAMP(3),
    "infoRequestedAt" TIMESTAMP(3),
    "partnerRespondedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "rejectedAt" TIMESTAMP(3),
    "approvedAt" TIMESTAMP(3),
    "consentEndsAt" TIMESTAMP(3),
    "sentForIncentiveAssessmentAt" TIMESTAMP(3),
    "partnerActionSeconds" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimProduct" (
    "id" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "kind" "ProductKind" NOT NULL,
    "name" TEXT NOT NULL,
    "subscriptionId" TEXT,
    "conflictKey" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "ClaimProduct_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PoeFile" (
    "id" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "uploadedById" TEXT,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PoeFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorRole" "Role" NOT NULL,
    "authorName" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimEvent" (
    "id" BIGSERIAL NOT NULL,
    "claimId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "actorRole" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fromStatus" "ClaimStatus",
    "toStatus" "ClaimStatus",
    "data" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "ClaimEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dispute" (
    "id" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "status" "DisputeStatus" NOT NULL DEFAULT 'OPEN',
    "details" TEXT NOT NULL,
    "products" JSONB,
    "openedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "comment" TEXT,

    CONSTRAINT "Dispute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentToken" (
    "id" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsentToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "claimId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "availableAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimStatusCount" (
    "organizationId" TEXT NOT NULL,
    "status" "ClaimStatus" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ClaimStatusCount_pkey" PRIMARY KEY ("organizationId","status")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Holiday" (
    "date" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Holiday_pkey" PRIMARY KEY ("date")
);

-- CreateIndex
CREATE UNIQUE INDEX "PartnerLocation_mpnId_key" ON "PartnerLocation"("mpnId");

-- CreateIndex
CREATE INDEX "PartnerLocation_organizationId_idx" ON "PartnerLocation"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_organizationId_idx" ON "User"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_secretHash_key" ON "ApiKey"("secretHash");

-- CreateIndex
CREATE INDEX "ApiKey_userId_idx" ON "ApiKey"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Claim_number_key" ON "Claim"("number");

-- CreateIndex
CREATE INDEX "Claim_organizationId_updatedAt_idx" ON "Claim"("organizationId", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "Claim_organizationId_status_updatedAt_idx" ON "Claim"("organizationId", "status", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "Claim_organizationId_createdAt_idx" ON "Claim"("organizationId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Claim_organizationId_dueAt_idx" ON "Claim"("organizationId", "dueAt");

-- CreateIndex
CREATE INDEX "Claim_status_updatedAt_idx" ON "Claim"("status", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "Claim_status_dueAt_idx" ON "Claim"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Claim_customerTenantId_idx" ON "Claim"("customerTenantId");

-- CreateIndex
CREATE INDEX "Claim_organizationId_customerNameLower_idx" ON "Claim"("organizationId", "customerNameLower");

-- CreateIndex
CREATE INDEX "Claim_organizationId_customerDomainLower_idx" ON "Claim"("organizationId", "customerDomainLower");

-- CreateIndex
CREATE INDEX "Claim_customerNameLower_idx" ON "Claim"("customerNameLower");

-- CreateIndex
CREATE INDEX "Claim_customerDomainLower_idx" ON "Claim"("customerDomainLower");

-- CreateIndex
CREATE INDEX "ClaimProduct_conflictKey_idx" ON "ClaimProduct"("conflictKey");

-- CreateIndex
CREATE UNIQUE INDEX "ClaimProduct_claimId_name_key" ON "ClaimProduct"("claimId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "PoeFile_storageKey_key" ON "PoeFile"("storageKey");

-- CreateIndex
CREATE INDEX "PoeFile_claimId_uploadedAt_idx" ON "PoeFile"("claimId", "uploadedAt");

-- CreateIndex
CREATE INDEX "Comment_claimId_createdAt_idx" ON "Comment"("claimId", "createdAt");

-- CreateIndex
CREATE INDEX "ClaimEvent_claimId_id_idx" ON "ClaimEvent"("claimId", "id");

-- CreateIndex
CREATE INDEX "ClaimEvent_at_idx" ON "ClaimEvent"("at");

-- CreateIndex
CREATE UNIQUE INDEX "Dispute_claimId_key" ON "Dispute"("claimId");

-- CreateIndex
CREATE INDEX "Dispute_status_createdAt_idx" ON "Dispute"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentToken_tokenHash_key" ON "ConsentToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ConsentToken_claimId_idx" ON "ConsentToken"("claimId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_sentAt_availableAt_idx" ON "OutboxMessage"("sentAt", "availableAt");

-- CreateIndex
CREATE INDEX "ClaimStatusCount_status_idx" ON "ClaimStatusCount"("status");

-- AddForeignKey
ALTER TABLE "PartnerLocation" ADD CONSTRAINT "PartnerLocation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimProduct" ADD CONSTRAINT "ClaimProduct_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PoeFile" ADD CONSTRAINT "PoeFile_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimEvent" ADD CONSTRAINT "ClaimEvent_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dispute" ADD CONSTRAINT "Dispute_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentToken" ADD CONSTRAINT "ConsentToken_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
