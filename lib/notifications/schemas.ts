// The notifications API's shapes (docs/api.md `GET /notifications`), for the OpenAPI document and the tests.
import { z } from "zod";
import { NOTIFICATION_TYPES } from "./catalogue";

export const notificationSchema = z
  .object({
    id: z.string(),
    type: z.enum(NOTIFICATION_TYPES),
    claimId: z.string().nullable(),
    claimNumber: z.string().nullable(),
    title: z.string(),
    body: z.string(),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Notification", description: "An in-app notification of the caller." });

export const notificationListSchema = z
  .object({
    items: z.array(notificationSchema),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
    unread: z.int().min(0).meta({ description: "How many of the caller's notifications are unread." }),
  })
  .meta({ id: "NotificationList", description: "A page of the caller's notifications, newest first." });

export const notificationListQuerySchema = z.object({
  unread: z.enum(["true", "false"]).optional().meta({ description: "`true`: unread notifications only." }),
  cursor: z.string().optional().meta({ description: "The `nextCursor` of the previous page." }),
});
