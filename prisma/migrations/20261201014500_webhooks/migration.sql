-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('QUEUED', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "secretSealed" BYTEA NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),
    "disabledReason" TEXT,
    "firstFailureAt" TIMESTAMP(3),

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "claimId" TEXT,
    "claimEventId" BIGINT,
    "body" JSONB NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "responseCode" INTEGER,
    "durationMs" INTEGER,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leasedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookEndpoint_organizationId_idx" ON "WebhookEndpoint"("organizationId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_createdAt_idx" ON "WebhookDelivery"("endpointId", "createdAt");

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Enqueue webhook deliveries in the transaction that records the history event (docs/domain.md "Webhooks"):
-- one trigger covers every writer of ClaimEvent — the use cases and the sweep's set-based SQL alike — so no
-- path can change a claim without its webhook. This CASE is the one mapping from history types to webhook
-- event types (lib/webhooks/event-types.ts lists the webhook types). Creation (CLAIM_CREATED), discard and
-- import record no status change and so send nothing; internal notes are not COMMENT_ADDED events.
CREATE FUNCTION "webhook_enqueue_for_claim_event"() RETURNS trigger AS $$
DECLARE
  webhook_type text;
BEGIN
  webhook_type := CASE NEW."type"
    WHEN 'STATUS_CHANGED' THEN 'claim.status_changed'
    WHEN 'SENT_FOR_INCENTIVE_ASSESSMENT' THEN 'claim.status_changed'
    WHEN 'COMMENT_ADDED' THEN 'claim.comment_added'
    WHEN 'REMINDER_QUEUED' THEN 'claim.deadline_reminder'
    ELSE NULL
  END;
  IF webhook_type IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventId", "type", "claimId", "claimEventId", "body", "nextAttemptAt", "createdAt")
  SELECT gen_random_uuid()::text, e."id", 'evt_' || NEW."id"::text, webhook_type, NEW."claimId", NEW."id",
         jsonb_build_object('id', 'evt_' || NEW."id"::text, 'type', webhook_type,
                            'createdAt', to_char(NEW."at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
         -- A back-dated event (the sweep's --now, tests) is due at once, not at a future wall-clock time.
         least(NEW."at", statement_timestamp() AT TIME ZONE 'UTC'), NEW."at"
  FROM "WebhookEndpoint" e
  JOIN "Claim" c ON c."id" = NEW."claimId"
  WHERE e."organizationId" = c."organizationId" AND e."disabledAt" IS NULL AND webhook_type = ANY (e."events");
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ClaimEvent_webhooks" AFTER INSERT ON "ClaimEvent"
  FOR EACH ROW EXECUTE FUNCTION "webhook_enqueue_for_claim_event"();
