// The webhook API's request and response shapes (docs/api.md "Webhooks"): zod with `.meta({ id })`, so the
// OpenAPI document (lib/openapi) is generated from the same schemas the handlers validate with.
import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "./event-types";

const instant = z.iso.datetime();

export const webhookCreateSchema = z
  .strictObject({
    url: z.string().trim().min(1).max(2048).meta({ description: "An https:// URL on a public address." }),
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES))
      .min(1, "Choose at least one event type.")
      .refine((events) => new Set(events).size === events.length, "Name each event type once."),
  })
  .meta({ id: "WebhookEndpointCreate", description: "A new webhook endpoint: where to POST, and which events." });

export const webhookEndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    createdAt: instant,
    disabledAt: instant.nullable().meta({ description: "Set when 72 hours of failed deliveries disabled it." }),
    disabledReason: z.string().optional(),
  })
  .meta({ id: "WebhookEndpoint", description: "A webhook endpoint of the caller's organization." });

export const webhookEndpointCreatedSchema = webhookEndpointSchema
  .extend({ secret: z.string().meta({ description: "The signing secret: shown in this answer only." }) })
  .meta({ id: "WebhookEndpointCreated", description: "The registered endpoint with its signing secret (shown once)." });

export const webhookEndpointListSchema = z
  .object({ items: z.array(webhookEndpointSchema) })
  .meta({ id: "WebhookEndpointList", description: "The organization's webhook endpoints, oldest first." });

export const webhookDeliverySchema = z
  .object({
    id: z.string(),
    type: z.string().meta({ description: "A webhook event type, or webhook.test." }),
    status: z.enum(["QUEUED", "SENT", "FAILED"]),
    attempts: z.int().min(0),
    responseCode: z.int().nullable(),
    durationMs: z.int().nullable(),
    nextAttemptAt: instant.nullable().meta({ description: "When a QUEUED delivery is tried next; null otherwise." }),
    createdAt: instant,
    lastError: z.string().nullable(),
  })
  .meta({ id: "WebhookDelivery", description: "One event sent (or being sent) to one endpoint." });

export const webhookDeliveryListSchema = z
  .object({ items: z.array(webhookDeliverySchema) })
  .meta({ id: "WebhookDeliveryList", description: "The endpoint's newest 100 deliveries, newest first." });
