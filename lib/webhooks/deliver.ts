// The webhook delivery worker, run by the sweep (`npm run sweep`, the server's interval): leases due deliveries
// with FOR UPDATE SKIP LOCKED (several nodes deliver at once, each delivery by one of them), completes a claim
// event's body with the claim resource at its first attempt, signs and POSTs it, and records the outcome with the
// outbox's retry schedule (lib/mail/retry.ts). An endpoint whose consecutive failures span 72 hours is disabled,
// its queued deliveries fail, and its organization's partner admins get an email through the outbox.
// At-least-once: a crash between the POST and the update sends the same event (same `id`) again.
import type { Db } from "../db";
import { claimDetailInclude } from "../claims/claim-detail";
import { claimResource, commentResource } from "../claims/resource";
import { Prisma } from "../generated/prisma/client";
import { afterFailure } from "../mail/retry";
import { openSecret } from "../mail/secret-box";
import { notify } from "../notifications/notify";
import { insecureTargetsAllowed, type LookupAll } from "./safe-target";
import { postWebhook } from "./send";
import { SIGNATURE_HEADER, signWebhookBody } from "./signature";

/** Consecutive failures for this long disable an endpoint (docs/domain.md "Webhooks"). */
export const DISABLE_AFTER_MS = 72 * 60 * 60 * 1000;
/** Longer than one POST's 10-second timeout: a lease outlives the attempt it protects. */
const LEASE_MS = 60_000;
const BATCH = 10;

export interface DeliverOptions {
  env?: Record<string, string | undefined>;
  lookup?: LookupAll;
  /** The clock the signature's timestamp is read from: receivers compare it with their own clock. */
  clock?: () => number;
}

const ts = (date: Date) => date.toISOString();

/** Delivers every due delivery; returns how many were sent successfully. */
export async function deliverWebhooks(db: Db, now: Date = new Date(), options: DeliverOptions = {}): Promise<number> {
  let sent = 0;
  // Bounded: every attempt moves its row out of the due set (SENT, FAILED, or a later nextAttemptAt).
  for (let round = 0; round < 100; round++) {
    const leased = await db.$queryRaw<{ id: string }[]>`
      UPDATE "WebhookDelivery" d SET "leasedUntil" = ${ts(new Date(now.getTime() + LEASE_MS))}::timestamp(3)
      FROM (
        SELECT "id" FROM "WebhookDelivery"
        WHERE "status" = 'QUEUED' AND "nextAttemptAt" <= ${ts(now)}::timestamp(3)
          AND ("leasedUntil" IS NULL OR "leasedUntil" < ${ts(now)}::timestamp(3))
        ORDER BY "nextAttemptAt", "id"
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED
      ) due
      WHERE d."id" = due."id"
      RETURNING d."id"`;
    if (leased.length === 0) break;
    for (const { id } of leased) {
      if (await attempt(db, id, now, options)) sent++;
    }
  }
  return sent;
}

/** One delivery now (the "send test event" button), under the same lease as the worker's. */
export async function deliverWebhook(db: Db, id: string, now: Date, options: DeliverOptions = {}): Promise<boolean> {
  const { count } = await db.webhookDelivery.updateMany({
    where: { id, status: "QUEUED", OR: [{ leasedUntil: null }, { leasedUntil: { lt: now } }] },
    data: { leasedUntil: new Date(now.getTime() + LEASE_MS) },
  });
  return count === 1 && attempt(db, id, now, options);
}

async function attempt(db: Db, id: string, now: Date, options: DeliverOptions): Promise<boolean> {
  const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id }, include: { endpoint: true } });
  const { endpoint } = delivery;
  if (endpoint.disabledAt) {
    await db.webhookDelivery.update({
      where: { id },
      data: { status: "FAILED", lastError: "The endpoint is disabled.", leasedUntil: null },
    });
    return false;
  }
  const body = await completedBody(db, delivery, now);
  if (!body) {
    await db.webhookDelivery.update({
      where: { id },
      data: { status: "FAILED", lastError: "The claim no longer exists.", leasedUntil: null },
    });
    return false;
  }
  const raw = JSON.stringify(body);
  let result;
  try {
    const secret = openSecret(endpoint.secretSealed);
    const unix = Math.floor((options.clock ?? Date.now)() / 1000);
    result = await postWebhook(endpoint.url, raw, { [SIGNATURE_HEADER]: signWebhookBody(secret, raw, unix), "CPOR-Event-Id": delivery.eventId }, {
      allowInsecure: insecureTargetsAllowed(options.env),
      lookup: options.lookup,
    });
  } catch (error) {
    // An unreadable secret (the encryption key changed) fails like an unreachable receiver.
    result = { ok: false, responseCode: null, durationMs: 0, error: error instanceof Error ? error.message : String(error) };
  }
  const attempts = delivery.attempts + 1;
  if (result.ok) {
    await db.$transaction([
      db.webhookDelivery.update({
        where: { id },
        data: { status: "SENT", attempts, responseCode: result.responseCode, durationMs: result.durationMs, lastError: null, leasedUntil: null },
      }),
      db.webhookEndpoint.updateMany({ where: { id: endpoint.id, firstFailureAt: { not: null } }, data: { firstFailureAt: null } }),
    ]);
    return true;
  }
  const next = afterFailure(attempts, now);
  await db.$transaction(async (tx) => {
    await tx.webhookDelivery.update({
      where: { id },
      data: {
        status: next.status,
        attempts,
        responseCode: result.responseCode,
        durationMs: result.durationMs,
        lastError: result.error,
        leasedUntil: null,
        ...(next.status === "QUEUED" ? { nextAttemptAt: next.nextAttemptAt } : {}),
      },
    });
    await tx.webhookEndpoint.updateMany({ where: { id: endpoint.id, firstFailureAt: null }, data: { firstFailureAt: now } });
    const firstFailureAt = endpoint.firstFailureAt ?? now;
    if (now.getTime() - firstFailureAt.getTime() >= DISABLE_AFTER_MS) await disableEndpoint(tx, endpoint.id, endpoint.organizationId, endpoint.url, now);
  });
  return false;
}

async function disableEndpoint(tx: Prisma.TransactionClient, endpointId: string, organizationId: string, url: string, now: Date) {
  const reason = "Every delivery failed for 72 hours.";
  const { count } = await tx.webhookEndpoint.updateMany({
    where: { id: endpointId, disabledAt: null },
    data: { disabledAt: now, disabledReason: reason },
  });
  if (count === 0) return;
  await tx.webhookDelivery.updateMany({
    where: { endpointId, status: "QUEUED" },
    data: { status: "FAILED", lastError: "The endpoint was disabled.", leasedUntil: null },
  });
  // "A webhook endpoint is disabled → the organization's partner admins" (in-app and email, their language).
  const admins = await tx.user.findMany({ where: { organizationId, role: "PARTNER_ADMIN", active: true }, select: { id: true } });
  await notify(tx, {
    data: { type: "WEBHOOK_DISABLED", url, disabledAt: now.toISOString() },
    to: admins.map((admin) => ({ kind: "user" as const, userId: admin.id })),
    now,
    dedupeKey: `webhook-disabled:${endpointId}`,
  });
}

type DeliveryRow = { type: string; claimId: string | null; claimEventId: bigint | null; body: Prisma.JsonValue };

/** The body to send: as stored once complete; a claim event's gains `data` (the claim, and the event) first. */
async function completedBody(db: Db, delivery: DeliveryRow & { id: string }, now: Date): Promise<Prisma.JsonObject | null> {
  const stored = delivery.body as Prisma.JsonObject;
  if (stored.data || !delivery.claimId) return stored;
  const claim = await db.claim.findUnique({ where: { id: delivery.claimId }, include: claimDetailInclude });
  if (!claim) return null;
  const event = delivery.claimEventId ? await db.claimEvent.findUnique({ where: { id: delivery.claimEventId } }) : null;
  const data: Record<string, unknown> = { claim: claimResource(claim, now) };
  if (event && delivery.type === "claim.comment_added") {
    const commentId = (event.data as { commentId?: string }).commentId;
    const comment = commentId ? await db.comment.findUnique({ where: { id: commentId } }) : null;
    if (comment) data.comment = commentResource(comment);
  } else if (event) {
    data.event = { type: event.type, at: event.at.toISOString(), fromStatus: event.fromStatus, toStatus: event.toStatus, data: event.data };
  }
  // Send what jsonb gives back (its own key order), so every attempt's bytes are the same.
  const saved = await db.webhookDelivery.update({
    where: { id: delivery.id },
    data: { body: { ...stored, data } as Prisma.InputJsonValue },
    select: { body: true },
  });
  return saved.body as Prisma.JsonObject;
}
