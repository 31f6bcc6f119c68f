import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { parseQuery } from "@/lib/api/request";
import { threadQuerySchema } from "@/lib/api/schemas";
import { getClaimHistoryPage } from "@/lib/claims/claim-reads";

export const runtime = "nodejs";

/** GET /claims/{id}/history: the events, oldest first, 200 a page by default (`cursor` / `nextCursor`). */
export const GET = apiRoute<{ id: string }>(async ({ request, params, db, actor }) =>
  json(await getClaimHistoryPage(db, actor, params.id, parseQuery(request, threadQuerySchema))),
);

export const { POST, PUT, PATCH, DELETE } = unsupportedMethods(["GET"]);
