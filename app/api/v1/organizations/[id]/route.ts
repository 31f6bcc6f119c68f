import { organizationResource, updateOrganization } from "@/lib/admin/organizations";
import { readJsonBody, withJsonBody } from "@/lib/api/request";
import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";

export const runtime = "nodejs";

/** PATCH /organizations/{id} { name?, addMpnIds?, retireMpnIds? } (admins only). */
export const PATCH = apiRoute<{ id: string }>(async ({ request, params, db, actor }) => {
  const body = await readJsonBody(request);
  const org = await withJsonBody(body, (input) => updateOrganization(db, actor, params.id, input));
  return json(organizationResource(org));
});

export const { GET, POST, PUT, DELETE } = unsupportedMethods(["PATCH"]);
