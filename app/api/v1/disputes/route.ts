import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { parseQuery } from "@/lib/api/request";
import { disputeListQuerySchema } from "@/lib/api/schemas";
import { listDisputes } from "@/lib/claims/claim-reads";

export const runtime = "nodejs";

/** GET /disputes?status=OPEN: reviewers' and admins' dispute list, oldest first, by page (`cursor` / `nextCursor`). */
export const GET = apiRoute(async ({ request, db, actor }) => json(await listDisputes(db, actor, parseQuery(request, disputeListQuerySchema))));

export const { POST, PUT, PATCH, DELETE } = unsupportedMethods(["GET"]);
