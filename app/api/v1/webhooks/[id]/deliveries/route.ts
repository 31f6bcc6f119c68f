import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { listWebhookDeliveries } from "@/lib/webhooks/endpoints";

export const runtime = "nodejs";

type Params = { id: string };

/** GET /webhooks/{id}/deliveries: the newest 100 deliveries (status, response code, duration, next attempt). */
export const GET = apiRoute<Params>(async ({ params, db, actor }) => json({ items: await listWebhookDeliveries(db, actor, params.id) }));

export const { POST, PUT, PATCH, DELETE } = unsupportedMethods(["GET"]);
