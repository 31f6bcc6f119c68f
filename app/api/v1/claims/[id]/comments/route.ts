import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { parseQuery, readJsonBody, withJsonBody } from "@/lib/api/request";
import { threadQuerySchema } from "@/lib/api/schemas";
import { listCommentsPage } from "@/lib/claims/claim-reads";
import { commentResource } from "@/lib/claims/resource";
import { addComment } from "@/lib/claims/service";

export const runtime = "nodejs";

type Params = { id: string };

/** GET /claims/{id}/comments: the thread, oldest first, 200 a page by default (`cursor` / `nextCursor`). */
export const GET = apiRoute<Params>(async ({ request, params, db, actor }) =>
  json(await listCommentsPage(db, actor, params.id, parseQuery(request, threadQuerySchema))),
);

/** POST /claims/{id}/comments: a plain-text comment (partner of the claim's organization, reviewer). */
export const POST = apiRoute<Params>(async ({ request, params, db, actor }) => {
  const body = await readJsonBody(request);
  const comment = await withJsonBody(body, (input) => addComment(db, actor, params.id, input));
  return json(commentResource(comment), { status: 201 });
});

export const { PUT, PATCH, DELETE } = unsupportedMethods(["GET", "POST"]);
