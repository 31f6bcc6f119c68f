import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { readJsonBody, withJsonBody } from "@/lib/api/request";
import { listNotes } from "@/lib/claims/claim-reads";
import { noteResource } from "@/lib/claims/resource";
import { addNote } from "@/lib/claims/service";

export const runtime = "nodejs";

type Params = { id: string };

/** GET /claims/{id}/notes: internal notes, oldest first (reviewers and admins; partners 404). */
export const GET = apiRoute<Params>(async ({ params, db, actor }) => json({ items: await listNotes(db, actor, params.id) }));

/** POST /claims/{id}/notes: a reviewer's internal note (admins 403, partners 404). Notifies nobody. */
export const POST = apiRoute<Params>(async ({ request, params, db, actor }) => {
  const body = await readJsonBody(request);
  const note = await withJsonBody(body, (input) => addNote(db, actor, params.id, input));
  return json(noteResource(note), { status: 201 });
});

export const { PUT, PATCH, DELETE } = unsupportedMethods(["GET", "POST"]);
