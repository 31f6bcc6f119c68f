import { auditQuerySchema, listAuditEvents } from "@/lib/admin/audit-log";
import { parseQuery } from "@/lib/api/request";
import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { getReadDb } from "@/lib/db";

export const runtime = "nodejs";

/** GET /audit-events?actorId=&organizationId=&type=&from=&to=&cursor= (admins only), oldest first. */
export const GET = apiRoute(async ({ request, actor }) => json(await listAuditEvents(getReadDb(), actor, parseQuery(request, auditQuerySchema))));

export const { POST, PUT, PATCH, DELETE } = unsupportedMethods(["GET"]);
