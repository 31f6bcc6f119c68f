import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { findConflicts } from "@/lib/claims/claim-reads";

export const runtime = "nodejs";

/** GET /claims/{id}/conflicts: other active claims holding one of this claim's keys (a warning, never a block). */
export const GET = apiRoute<{ id: string }>(async ({ params, db, actor }) =>
  json({ items: await findConflicts(db, actor, params.id) }),
);

export const { POST, PUT, PATCH, DELETE } = unsupportedMethods(["GET"]);
