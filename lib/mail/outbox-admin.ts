// The admin Mail outbox page's reads: every message, newest first, 100 a page with an opaque cursor. Never the
// sealed secret, and no body (a message is rendered only at delivery).
import type { Db } from "../db";
import type { OutboxStatus } from "../generated/prisma/client";

export const OUTBOX_PAGE_SIZE = 100;

export interface OutboxRow {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  availableAt: Date;
  sentAt: Date | null;
  claimId: string | null;
}

export async function listOutbox(db: Db, cursor?: string | null): Promise<{ items: OutboxRow[]; nextCursor: string | null }> {
  const [at, id] = cursor ? Buffer.from(cursor, "base64url").toString("utf8").split("|") : [];
  const after = at && id && !Number.isNaN(new Date(at).getTime()) ? { createdAt: new Date(at), id } : null;
  const rows = await db.outboxMessage.findMany({
    where: after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {},
    select: {
      id: true,
      kind: true,
      recipient: true,
      subject: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      availableAt: true,
      sentAt: true,
      claimId: true,
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: OUTBOX_PAGE_SIZE + 1,
  });
  const items = rows.slice(0, OUTBOX_PAGE_SIZE);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > OUTBOX_PAGE_SIZE && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString("base64url") : null,
  };
}
