import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { sendWebhookTestEvent } from "@/lib/webhooks/endpoints";

export const runtime = "nodejs";

type Params = { id: string };

/** POST /webhooks/{id}/test: a `webhook.test` event, attempted at once; 201 with its delivery. */
export const POST = apiRoute<Params>(async ({ params, db, actor }) => json(await sendWebhookTestEvent(db, actor, params.id), { status: 201 }));

export const { GET, PUT, PATCH, DELETE } = unsupportedMethods(["POST"]);
