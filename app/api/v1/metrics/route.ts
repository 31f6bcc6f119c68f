import { parseQuery } from "@/lib/api/request";
import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { computeMetrics } from "@/lib/metrics/compute-metrics";
import { metricsQuerySchema } from "@/lib/metrics/metrics-query";
import { getReadDb } from "@/lib/db";

export const runtime = "nodejs";

/** GET /metrics?from=&to= (every signed-in role; partners see their own organization and no reviewer rows). */
export const GET = apiRoute(async ({ request, actor }) => json(await computeMetrics(getReadDb(), actor, parseQuery(request, metricsQuerySchema))));

export const { POST, PUT, PATCH, DELETE } = unsupportedMethods(["GET"]);
