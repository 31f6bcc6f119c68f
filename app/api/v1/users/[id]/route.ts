import { updateUser, userResource } from "@/lib/admin/users";
import { readJsonBody, withJsonBody } from "@/lib/api/request";
import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";

export const runtime = "nodejs";

/** PATCH /users/{id} { role?, name?, active? } (admins only). */
export const PATCH = apiRoute<{ id: string }>(async ({ request, params, db, actor }) => {
  const body = await readJsonBody(request);
  const { user } = await withJsonBody(body, (input) => updateUser(db, actor, params.id, input));
  return json(userResource(user));
});

export const { GET, POST, PUT, DELETE } = unsupportedMethods(["PATCH"]);
