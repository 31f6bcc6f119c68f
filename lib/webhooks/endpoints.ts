// Partner admins' webhook endpoints (docs/api.md "Webhooks"): register (the secret shown once), list, delete, the
// delivery log and "send test event". Endpoints belong to an organization: anyone outside it — staff included —
// gets 404 for an endpoint id (visibility first), and a partner who is not an admin gets 403.
import { randomBytes } from "node:crypto";
import type { Db } from "../db";
import { ClaimError } from "../claims/errors";
import type { Actor } from "../claims/lifecycle";
import { parseInput } from "../claims/service/steps";
import type { WebhookDelivery, WebhookEndpoint } from "../generated/prisma/client";
import { sealSecret } from "../mail/secret-box";
import { deliverWebhook } from "./deliver";
import { WEBHOOK_TEST_EVENT_TYPE } from "./event-types";
import { webhookCreateSchema } from "./schemas";
import { checkWebhookTarget, insecureTargetsAllowed, parseWebhookUrl, UnsafeTargetError, type LookupAll } from "./safe-target";

export interface WebhookOptions {
  env?: Record<string, string | undefined>;
  /** Tests resolve names without DNS. */
  lookup?: LookupAll;
  now?: Date;
}

type PartnerAdmin = { kind: "user"; userId: string; role: "PARTNER_ADMIN"; organizationId: string };

function requireWebhookAdmin(actor: Actor): PartnerAdmin {
  if (actor.kind !== "user" || actor.role !== "PARTNER_ADMIN" || !actor.organizationId) {
    throw new ClaimError("FORBIDDEN", "Only partner admins manage webhooks.");
  }
  return actor as PartnerAdmin;
}

async function findEndpoint(db: Db, actor: Actor, id: string): Promise<WebhookEndpoint> {
  const organizationId = actor.kind === "user" ? actor.organizationId : null;
  const endpoint = organizationId ? await db.webhookEndpoint.findFirst({ where: { id, organizationId } }) : null;
  if (!endpoint) throw new ClaimError("NOT_FOUND", "No such webhook endpoint.");
  requireWebhookAdmin(actor);
  return endpoint;
}

export function webhookEndpointResource(endpoint: WebhookEndpoint) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    createdAt: endpoint.createdAt.toISOString(),
    disabledAt: endpoint.disabledAt?.toISOString() ?? null,
    ...(endpoint.disabledReason ? { disabledReason: endpoint.disabledReason } : {}),
  };
}

export function webhookDeliveryResource(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    type: delivery.type,
    status: delivery.status,
    attempts: delivery.attempts,
    responseCode: delivery.responseCode,
    durationMs: delivery.durationMs,
    nextAttemptAt: delivery.status === "QUEUED" ? delivery.nextAttemptAt.toISOString() : null,
    createdAt: delivery.createdAt.toISOString(),
    lastError: delivery.lastError,
  };
}

/** Registers an endpoint; the answer is the only place its signing secret ever appears in clear. */
export async function createWebhookEndpoint(db: Db, actor: Actor, input: unknown, options: WebhookOptions = {}) {
  const admin = requireWebhookAdmin(actor);
  const body = parseInput(webhookCreateSchema, input);
  const allowInsecure = insecureTargetsAllowed(options.env);
  try {
    await checkWebhookTarget(parseWebhookUrl(body.url, allowInsecure), { allowInsecure, lookup: options.lookup });
  } catch (error) {
    if (error instanceof UnsafeTargetError) {
      throw new ClaimError("VALIDATION", "The webhook URL is not allowed.", [{ path: "url", message: error.message }]);
    }
    throw error;
  }
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const endpoint = await db.webhookEndpoint.create({
    data: {
      organizationId: admin.organizationId,
      url: body.url,
      events: body.events,
      secretSealed: sealSecret(secret, undefined),
      createdById: admin.userId,
      ...(options.now ? { createdAt: options.now } : {}),
    },
  });
  return { ...webhookEndpointResource(endpoint), secret };
}

export async function listWebhookEndpoints(db: Db, actor: Actor) {
  const admin = requireWebhookAdmin(actor);
  const endpoints = await db.webhookEndpoint.findMany({
    where: { organizationId: admin.organizationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return endpoints.map(webhookEndpointResource);
}

/** Deletes the endpoint and its delivery log (queued deliveries are never sent). */
export async function deleteWebhookEndpoint(db: Db, actor: Actor, id: string): Promise<void> {
  const endpoint = await findEndpoint(db, actor, id);
  await db.webhookEndpoint.delete({ where: { id: endpoint.id } });
}

/** The newest 100 deliveries of one endpoint. */
export async function listWebhookDeliveries(db: Db, actor: Actor, id: string) {
  const endpoint = await findEndpoint(db, actor, id);
  const deliveries = await db.webhookDelivery.findMany({
    where: { endpointId: endpoint.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  return deliveries.map(webhookDeliveryResource);
}

/** Queues a `webhook.test` event for the endpoint and attempts it at once; retries follow the usual schedule. */
export async function sendWebhookTestEvent(db: Db, actor: Actor, id: string, options: WebhookOptions = {}) {
  const endpoint = await findEndpoint(db, actor, id);
  if (endpoint.disabledAt) {
    throw new ClaimError("INVALID_TRANSITION", "The endpoint is disabled; register it again to receive events.");
  }
  const now = options.now ?? new Date();
  const eventId = `evt_test_${randomBytes(12).toString("hex")}`;
  const delivery = await db.webhookDelivery.create({
    data: {
      endpointId: endpoint.id,
      eventId,
      type: WEBHOOK_TEST_EVENT_TYPE,
      body: {
        id: eventId,
        type: WEBHOOK_TEST_EVENT_TYPE,
        createdAt: now.toISOString(),
        data: { endpointId: endpoint.id, message: "A test event from the CPOR Claims Portal." },
      },
      nextAttemptAt: now,
      createdAt: now,
    },
  });
  await deliverWebhook(db, delivery.id, now, options);
  return webhookDeliveryResource(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } }));
}
