import { apiRoute, unsupportedMethods } from "@/lib/api/route";
import { deleteWebhookEndpoint } from "@/lib/webhooks/endpoints";

export const runtime = "nodejs";

type Params = { id: string };

/** DELETE /webhooks/{id}: 204; the endpoint and its delivery log are gone. */
export const DELETE = apiRoute<Params>(async ({ params, db, actor }) => {
  await deleteWebhookEndpoint(db, actor, params.id);
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});

export const { GET, POST, PUT, PATCH } = unsupportedMethods(["DELETE"]);
