import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { markNotificationRead } from "@/lib/notifications/inbox";

export const runtime = "nodejs";

/** POST /notifications/{id}/read: 200 with the notification (owner only; anyone else's is 404). */
export const POST = apiRoute<{ id: string }>(async ({ params, db, actor }) => json(await markNotificationRead(db, actor.userId, params.id)));

export const { GET, PUT, PATCH, DELETE } = unsupportedMethods(["POST"]);
