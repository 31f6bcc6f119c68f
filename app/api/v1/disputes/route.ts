import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { parseQuery } from "@/lib/api/request";
import { disputeListQuerySchema } from "@/lib/api/schemas";
import { listDisputes } from "@/lib/claims/claim-reads";
import { getReadDb } from "@/lib/db";

export const runtime = "nodejs";

/** GET /disputes?status=OPEN: reviewers' and admins' dispute list, oldest first, by page (`cursor` / `nextCursor`). */
export const GET = apiRoute(async ({ request, actor }) => json(await listDisputes(getReadDb(), actor, parseQuery(request, disputeListQuerySchema))));

export const { POST, PUT, PATCH, DELETE } = unsupportedMethods(["GET"]);
