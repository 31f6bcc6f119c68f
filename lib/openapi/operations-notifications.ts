// The "Notifications" operations of the OpenAPI document (the caller's own in-app notifications), as data; see operations.ts.
import { notificationListQuerySchema, notificationListSchema, notificationSchema } from "../notifications/schemas";
import { AUTH_ERRORS, type OperationSpec } from "./operation-spec";

export const notificationOperations: OperationSpec[] = [
  {
    method: "get",
    path: "/notifications",
    operationId: "listNotifications",
    tag: "Notifications",
    summary: "List your notifications",
    description:
      "The caller's own in-app notifications (the portal's bell), newest first, 50 a page; `nextCursor` fetches the " +
      "next page. `unread` counts every unread notification, whatever the page.",
    auth: true,
    query: notificationListQuerySchema,
    success: { status: 200, description: "A page of notifications.", content: { kind: "json", schema: notificationListSchema } },
    errors: [...AUTH_ERRORS, "VALIDATION"],
  },
  {
    method: "post",
    path: "/notifications/{id}/read",
    operationId: "markNotificationRead",
    tag: "Notifications",
    summary: "Mark a notification read",
    description: "Only your own notifications (anyone else's answers 404). Marking a read notification again changes nothing.",
    auth: true,
    pathParams: [{ name: "id", description: "The notification's `id`." }],
    success: { status: 200, description: "The notification.", content: { kind: "json", schema: notificationSchema } },
    errors: [...AUTH_ERRORS, "NOT_FOUND"],
  },
  {
    method: "post",
    path: "/notifications/read-all",
    operationId: "markAllNotificationsRead",
    tag: "Notifications",
    summary: "Mark all your notifications read",
    description: "Every unread notification of the caller.",
    auth: true,
    success: { status: 204, description: "Done.", content: { kind: "none" } },
    errors: [...AUTH_ERRORS],
  },
];
