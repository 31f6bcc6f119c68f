import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { readJsonBody, withJsonBody } from "@/lib/api/request";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/endpoints";

export const runtime = "nodejs";

/** GET /webhooks: the organization's endpoints (partner admins). */
export const GET = apiRoute(async ({ db, actor }) => json({ items: await listWebhookEndpoints(db, actor) }));

/** POST /webhooks { url, events }: 201 with the signing `secret`, shown this once. */
export const POST = apiRoute(async ({ request, db, actor }) => {
  const body = await readJsonBody(request);
  const endpoint = await withJsonBody(body, (input) => createWebhookEndpoint(db, actor, input));
  return json(endpoint, { status: 201, headers: { Location: `/api/v1/webhooks/${endpoint.id}` } });
});

export const { PUT, PATCH, DELETE } = unsupportedMethods(["GET", "POST"]);
