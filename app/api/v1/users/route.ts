import { createUser, listUsers, userResource } from "@/lib/admin/users";
import { parseQuery, readJsonBody, withJsonBody } from "@/lib/api/request";
import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { userListQuerySchema } from "@/lib/admin/user-schemas";

export const runtime = "nodejs";

/** GET /users?q=&active=: every user (admins only). */
export const GET = apiRoute(async ({ request, db, actor }) => {
  const query = parseQuery(request, userListQuerySchema);
  return json({ items: (await listUsers(db, actor, query)).map(userResource) });
});

/** POST /users: a new user, who receives a set-password link by email. */
export const POST = apiRoute(async ({ request, db, actor }) => {
  const body = await readJsonBody(request);
  const user = await withJsonBody(body, (input) => createUser(db, actor, input));
  return json(userResource(user), { status: 201, headers: { Location: `/api/v1/users/${user.id}` } });
});

export const { PUT, PATCH, DELETE } = unsupportedMethods(["GET", "POST"]);
