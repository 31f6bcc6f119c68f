// The "Webhooks" operations of the OpenAPI document (partner admins' signed endpoints and their delivery log), as data; see operations.ts.
import { webhookCreateSchema, webhookDeliveryListSchema, webhookDeliverySchema, webhookEndpointCreatedSchema, webhookEndpointListSchema } from "../webhooks/schemas";
import { AUTH_ERRORS, WEBHOOK_ID, type OperationSpec } from "./operation-spec";

export const webhookOperations: OperationSpec[] = [
  {
    method: "get",
    path: "/webhooks",
    operationId: "listWebhooks",
    tag: "Webhooks",
    summary: "List webhook endpoints",
    description: "Partner admins: their organization's endpoints. Other roles: 403.",
    auth: true,
    success: { status: 200, description: "The endpoints.", content: { kind: "json", schema: webhookEndpointListSchema } },
    errors: [...AUTH_ERRORS, "FORBIDDEN"],
  },
  {
    method: "post",
    path: "/webhooks",
    operationId: "createWebhook",
    tag: "Webhooks",
    summary: "Register a webhook endpoint",
    description:
      "Partner admins. The URL must be `https://` and resolve to public addresses only (loopback, private and " +
      "link-local are refused with 422). The answer holds the signing `secret`, shown this once; every delivery " +
      "carries `CPOR-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">`.",
    auth: true,
    body: { kind: "json", schema: webhookCreateSchema, required: true },
    success: { status: 201, description: "The endpoint and its secret.", content: { kind: "json", schema: webhookEndpointCreatedSchema }, headers: ["Location"] },
    errors: [...AUTH_ERRORS, "FORBIDDEN", "VALIDATION"],
  },
  {
    method: "delete",
    path: "/webhooks/{id}",
    operationId: "deleteWebhook",
    tag: "Webhooks",
    summary: "Delete a webhook endpoint",
    description: "Partner admins of its organization; its queued deliveries are never sent. Anyone else: 404 (403 for billing users).",
    auth: true,
    pathParams: [WEBHOOK_ID],
    success: { status: 204, description: "Deleted.", content: { kind: "none" } },
    errors: [...AUTH_ERRORS, "NOT_FOUND", "FORBIDDEN"],
  },
  {
    method: "get",
    path: "/webhooks/{id}/deliveries",
    operationId: "listWebhookDeliveries",
    tag: "Webhooks",
    summary: "An endpoint's delivery log",
    description: "Status, attempts, response code, duration and next attempt of the newest 100 deliveries.",
    auth: true,
    pathParams: [WEBHOOK_ID],
    success: { status: 200, description: "The deliveries, newest first.", content: { kind: "json", schema: webhookDeliveryListSchema } },
    errors: [...AUTH_ERRORS, "NOT_FOUND", "FORBIDDEN"],
  },
  {
    method: "post",
    path: "/webhooks/{id}/test",
    operationId: "sendWebhookTestEvent",
    tag: "Webhooks",
    summary: "Send a test event",
    description: "Sends a signed `webhook.test` event at once; a failure is retried like any delivery. 409 for a disabled endpoint.",
    auth: true,
    pathParams: [WEBHOOK_ID],
    success: { status: 201, description: "The test event's delivery after its first attempt.", content: { kind: "json", schema: webhookDeliverySchema } },
    errors: [...AUTH_ERRORS, "NOT_FOUND", "FORBIDDEN", "INVALID_TRANSITION"],
  },
];
