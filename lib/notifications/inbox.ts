// A user's in-app notifications (the bell, /notifications, GET /api/v1/notifications): their own only, newest
// first, 50 a page with an opaque cursor; ordered (createdAt desc, id) to walk the (userId, createdAt desc, id)
// index.
import type { Db } from "../db";
import { formatClaimNumber } from "../claims/claim-number";
import { ClaimError } from "../claims/errors";
import { cursorInstant, decodeCursor, encodeCursor } from "../paging/cursor";

export const INBOX_PAGE_SIZE = 50;

export interface NotificationItem {
  id: string;
  type: string;
  claimId: string | null;
  claimNumber: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

type Row = { id: string; type: string; claimId: string | null; title: string; body: string; createdAt: Date; readAt: Date | null; claim: { number: number } | null };

function itemOf(n: Row): NotificationItem {
  return {
    id: n.id,
    type: n.type,
    claimId: n.claimId,
    claimNumber: n.claim ? formatClaimNumber(n.claim.number) : null,
    title: n.title,
    body: n.body,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

// The shared cursor codec (lib/paging/cursor.ts), bound to the unread filter it was made for.
function encodeInboxCursor(row: { createdAt: Date; id: string }, unreadOnly: boolean): string {
  return encodeCursor("notifications", { unreadOnly }, { keys: [row.createdAt.toISOString()], id: row.id });
}

function decodeInboxCursor(cursor: string, unreadOnly: boolean): { createdAt: Date; id: string } {
  const position = decodeCursor("notifications", { unreadOnly }, cursor);
  const createdAt = cursorInstant(position.keys[0]);
  if (!createdAt) {
    throw new ClaimError("VALIDATION", "The cursor is not valid.", [{ path: "cursor", message: "Use the nextCursor of the previous page." }]);
  }
  return { createdAt, id: position.id };
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

export async function listNotifications(
  db: Db,
  userId: string,
  options: { unreadOnly?: boolean; cursor?: string | null } = {},
): Promise<{ items: NotificationItem[]; nextCursor: string | null; unread: number }> {
  const after = options.cursor ? decodeInboxCursor(options.cursor, Boolean(options.unreadOnly)) : null;
  const rows = await db.notification.findMany({
    where: {
      userId,
      ...(options.unreadOnly ? { readAt: null } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
    },
    include: { claim: { select: { number: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: INBOX_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, INBOX_PAGE_SIZE);
  return {
    items: page.map(itemOf),
    nextCursor: rows.length > INBOX_PAGE_SIZE ? encodeInboxCursor(page[page.length - 1], Boolean(options.unreadOnly)) : null,
    unread: await unreadCount(db, userId),
  };
}

/** Marks the user's own notification read (idempotent); someone else's or an unknown id is NOT_FOUND. */
export async function markNotificationRead(db: Db, userId: string, id: string, now: Date = new Date()): Promise<NotificationItem> {
  const row = await db.notification.findFirst({ where: { id, userId } });
  if (!row) throw new ClaimError("NOT_FOUND", "Notification not found.");
  if (!row.readAt) await db.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: now } });
  return itemOf(await db.notification.findUniqueOrThrow({ where: { id }, include: { claim: { select: { number: true } } } }));
}

export async function markAllNotificationsRead(db: Db, userId: string, now: Date = new Date()): Promise<number> {
  const { count } = await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });
  return count;
}
