import { apiRoute, unsupportedMethods } from "@/lib/api/route";
import { markAllNotificationsRead } from "@/lib/notifications/inbox";

export const runtime = "nodejs";

/** POST /notifications/read-all: 204. */
export const POST = apiRoute(async ({ db, actor }) => {
  await markAllNotificationsRead(db, actor.userId);
  return new Response(null, { status: 204 });
});

export const { GET, PUT, PATCH, DELETE } = unsupportedMethods(["POST"]);
