import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { readJsonBody, withJsonBody } from "@/lib/api/request";
import { disputeResource } from "@/lib/claims/resource";
import { openDispute } from "@/lib/claims/service";

export const runtime = "nodejs";

/** POST /claims/{id}/disputes: the partner contests a rejection (once, within 30 calendar days). */
export const POST = apiRoute<{ id: string }>(async ({ request, params, db, actor }) => {
  const body = await readJsonBody(request);
  const dispute = await withJsonBody(body, (input) => openDispute(db, actor, params.id, input));
  return json(disputeResource(dispute), { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = unsupportedMethods(["POST"]);
