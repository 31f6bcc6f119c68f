import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { listNotifications } from "@/lib/notifications/inbox";

export const runtime = "nodejs";

/** GET /notifications?unread=true&cursor=: the caller's own, newest first, 50 a page. */
export const GET = apiRoute(async ({ request, db, actor }) => {
  const url = new URL(request.url);
  const unreadOnly = url.searchParams.get("unread") === "true";
  return json(await listNotifications(db, actor.userId, { unreadOnly, cursor: url.searchParams.get("cursor") }));
});

export const { POST, PUT, PATCH, DELETE } = unsupportedMethods(["GET"]);
