import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { getClaimHistory } from "@/lib/claims/claim-reads";

export const runtime = "nodejs";

/** GET /claims/{id}/history: every event, oldest first. */
export const GET = apiRoute<{ id: string }>(async ({ params, db, actor }) =>
  json({ items: await getClaimHistory(db, actor, params.id) }),
);

export const { POST, PUT, PATCH, DELETE } = unsupportedMethods(["GET"]);
