// The webhook event types a partner can subscribe to (docs/api.md "Webhooks"). Which history event produces which
// type is decided in one place, the ClaimEvent trigger of migration 20261201014500_webhooks.
export const WEBHOOK_EVENT_TYPES = ["claim.status_changed", "claim.comment_added", "claim.deadline_reminder"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The type of the event "send test event" delivers; not subscribable, every endpoint accepts it. */
export const WEBHOOK_TEST_EVENT_TYPE = "webhook.test";

/** `claim.status_changed` → the UI message key `event_status_changed` (next-intl reads dots as nesting). */
export function eventMessageKey(type: WebhookEventType) {
  return `event_${type.replace(/^claim\./, "")}` as `event_${WebhookEventType extends `claim.${infer Rest}` ? Rest : never}`;
}
