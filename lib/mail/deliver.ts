// Outbox delivery (docs/domain.md "Notifications"; docs/operations.md). Rows are written in the same transaction
// as the change that causes them; this step leases due rows, renders and sends them OUTSIDE any transaction, then
// marks each one. Semantics:
// - several workers at once (nodes, or the sweep beside the server): the lease is taken in ONE statement with
//   FOR UPDATE SKIP LOCKED and sets leasedUntil, so in the normal case each message is sent once;
// - within a worker, DELIVERY_CONCURRENCY messages of its lease are in flight at once (on a pooled SMTP
//   transport), then marked sent together: each row is still sent by the one worker that leased it;
// - a worker that dies between sending and marking leaves the row leased; after the lease another worker sends
//   it again: at-least-once. The stable Message-ID (<outboxId@host>) lets mail clients fold the duplicate;
// - a failed send is retried 1, 5, 15, 60 minutes later, then every 6 hours; after 10 attempts it is FAILED;
// - the consent token is kept sealed (secret-box.ts) and wiped once sent.
import type { Db } from "../db";
import { getSlaSettings } from "../claims/settings";
import { languageOf } from "../notifications/catalogue";
import { appBaseUrl, messageIdOf } from "./mail-config";
import { afterFailure } from "./retry";
import { openSecret } from "./secret-box";
import { renderMessage, type MessageData, type RenderContext, type RenderedMail } from "./templates";
import { escapeHtml } from "./templates/layout";
import { defaultTransport, type MailTransport } from "./transport";

export type { MailTransport, OutgoingMail } from "./transport";
export { defaultTransport, emlFileTransport, smtpTransport } from "./transport";

const BATCH = 100;
/** Messages of one lease in flight at once: SMTP round-trips overlap instead of queueing one behind another. */
export const DELIVERY_CONCURRENCY = 8;
/** How long a worker holds the messages it took before another may take them again (it died mid-send). */
export const LEASE_MS = 10 * 60_000;

interface LeasedRow {
  id: string;
  kind: string;
  recipient: string;
  language: string;
  subject: string;
  body: string;
  data: unknown;
  secret: Uint8Array | null;
  attempts: number;
}

function isTemplated(data: unknown): data is MessageData {
  return typeof data === "object" && data !== null && typeof (data as { type?: unknown }).type === "string";
}

function render(row: LeasedRow, ctx: RenderContext): RenderedMail {
  if (isTemplated(row.data)) {
    const secret = row.secret ? openSecret(row.secret) : undefined;
    return renderMessage(row.data, languageOf(row.language), ctx, secret);
  }
  // A row queued before templates existed: its stored plain text.
  return { subject: row.subject, text: row.body, html: `<pre>${escapeHtml(row.body)}</pre>` };
}

async function leaseBatch(db: Db, now: Date): Promise<LeasedRow[]> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + LEASE_MS).toISOString();
  return db.$queryRaw<LeasedRow[]>`
    UPDATE "OutboxMessage" SET "leasedUntil" = ${until}::timestamp(3)
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage"
      WHERE "status" = 'QUEUED' AND "availableAt" <= ${at}::timestamp(3)
        AND ("leasedUntil" IS NULL OR "leasedUntil" <= ${at}::timestamp(3))
      ORDER BY "availableAt", "id"
      LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED)
    RETURNING "id", "kind", "recipient", "language", "subject", "body", "data", "secret", "attempts"`;
}

/** Sends one leased row; a failure is recorded on the row at once (next attempt, or FAILED). */
async function sendOne(db: Db, row: LeasedRow, now: Date, ctx: RenderContext, transport: MailTransport): Promise<boolean> {
  try {
    const mail = render(row, ctx);
    await transport.send({ id: row.id, messageId: messageIdOf(row.id), to: row.recipient, ...mail });
    return true;
  } catch (error) {
    const attempts = row.attempts + 1;
    const next = afterFailure(attempts, now);
    await db.outboxMessage.updateMany({
      where: { id: row.id, status: "QUEUED" },
      data: {
        attempts,
        // The error text only: never the message (it may hold the consent link).
        lastError: (error instanceof Error ? error.message : String(error)).slice(0, 500),
        leasedUntil: null,
        ...(next.status === "FAILED" ? { status: "FAILED" } : { availableAt: next.nextAttemptAt }),
      },
    });
    return false;
  }
}

/** Marks the rows just sent, in one statement (two when some held plain text): not one UPDATE per message. */
async function markSent(db: Db, rows: LeasedRow[], now: Date): Promise<void> {
  const sent = {
    status: "SENT" as const,
    sentAt: now,
    attempts: { increment: 1 },
    lastError: null,
    leasedUntil: null,
    // The secret and any stored plain text (older rows held the consent link in clear) go once sent.
    secret: null,
  };
  const withBody = rows.filter((row) => row.body).map((row) => row.id);
  const templated = rows.filter((row) => !row.body).map((row) => row.id);
  if (templated.length) await db.outboxMessage.updateMany({ where: { id: { in: templated }, status: "QUEUED" }, data: sent });
  if (withBody.length) {
    await db.outboxMessage.updateMany({ where: { id: { in: withBody }, status: "QUEUED" }, data: { ...sent, body: "[delivered; body removed]" } });
  }
}

/**
 * Sends a lease DELIVERY_CONCURRENCY messages at a time and marks each group sent as soon as it is out, so at most
 * that many messages are sent but not yet marked (what a crash may send again).
 */
async function deliverLease(db: Db, lease: LeasedRow[], now: Date, ctx: RenderContext, transport: MailTransport): Promise<number> {
  let sent = 0;
  for (let i = 0; i < lease.length; i += DELIVERY_CONCURRENCY) {
    const group = lease.slice(i, i + DELIVERY_CONCURRENCY);
    const ok = await Promise.all(group.map((row) => sendOne(db, row, now, ctx, transport)));
    const done = group.filter((_, j) => ok[j]);
    await markSent(db, done, now);
    sent += done.length;
  }
  return sent;
}

/**
 * Delivers everything due at `now` (leases of 100 until none is left, up to DELIVERY_CONCURRENCY messages in
 * flight); returns how many were sent. Messages that fail wait for their next attempt, so one run never loops on
 * them. `maxMessages` stops after about that many (the bench's measurement); the default is all.
 */
export async function deliverOutbox(
  db: Db,
  now: Date = new Date(),
  transport?: MailTransport,
  maxMessages: number = Number.POSITIVE_INFINITY,
): Promise<number> {
  const settings = await getSlaSettings(db);
  const ctx: RenderContext = { baseUrl: appBaseUrl(), timeZone: settings.timeZone };
  const mail = transport ?? defaultTransport();
  let sent = 0;
  let taken = 0;
  try {
    while (taken < maxMessages) {
      const batch = await leaseBatch(db, now);
      if (batch.length === 0) break;
      taken += batch.length;
      sent += await deliverLease(db, batch, now, ctx, mail);
    }
  } finally {
    if (!transport) mail.close?.();
  }
  return sent;
}

/** Admin "send again" for a FAILED message: back in the queue now, with a fresh attempt count. */
export async function requeueFailedMessage(db: Db, id: string, now: Date = new Date()): Promise<boolean> {
  const { count } = await db.outboxMessage.updateMany({
    where: { id, status: "FAILED" },
    data: { status: "QUEUED", attempts: 0, availableAt: now, leasedUntil: null },
  });
  return count === 1;
}
