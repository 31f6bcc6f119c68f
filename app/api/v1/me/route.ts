import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { readMe } from "@/lib/auth/me";
import { ClaimError } from "@/lib/claims/errors";

export const runtime = "nodejs";

/** GET /me: the key's user, role and organization with its MPN IDs (any signed-in user). */
export const GET = apiRoute(async ({ db, actor }) => {
  const me = await readMe(db, actor.userId);
  // The key was authenticated a moment ago; a user deleted in between is simply gone.
  if (!me) throw new ClaimError("NOT_FOUND", "The key's user no longer exists.");
  return json(me);
});

export const { POST, PUT, PATCH, DELETE } = unsupportedMethods(["GET"]);
