import { createOrganization, listOrganizations, organizationResource } from "@/lib/admin/organizations";
import { readJsonBody, withJsonBody } from "@/lib/api/request";
import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";

export const runtime = "nodejs";

/** GET /organizations: every organization with its MPN IDs (admins only). */
export const GET = apiRoute(async ({ db, actor }) => json({ items: (await listOrganizations(db, actor)).map(organizationResource) }));

/** POST /organizations { name, mpnIds }. */
export const POST = apiRoute(async ({ request, db, actor }) => {
  const body = await readJsonBody(request);
  const org = await withJsonBody(body, (input) => createOrganization(db, actor, input));
  return json(organizationResource(org), { status: 201, headers: { Location: `/api/v1/organizations/${org.id}` } });
});

export const { PUT, PATCH, DELETE } = unsupportedMethods(["GET", "POST"]);
