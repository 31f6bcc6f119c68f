import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { readJsonBody, withJsonBody } from "@/lib/api/request";
import { disputeResource } from "@/lib/claims/resource";
import { resolveDispute } from "@/lib/claims/service";

export const runtime = "nodejs";

/** POST /disputes/{id}/resolve: UPHOLD (rejection stands) or OVERTURN (the claim goes back to review). */
export const POST = apiRoute<{ id: string }>(async ({ request, params, db, actor }) => {
  const body = await readJsonBody(request);
  return json(disputeResource(await withJsonBody(body, (input) => resolveDispute(db, actor, params.id, input))));
});

export const { GET, PUT, PATCH, DELETE } = unsupportedMethods(["POST"]);
