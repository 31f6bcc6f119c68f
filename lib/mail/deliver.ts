// Outbox delivery. Messages are written in the same transaction as the change that causes them (consent
// notices, reminders); this step hands them to the transport. FOR UPDATE SKIP LOCKED lets several nodes
// deliver at once without sending a message twice.
import fs from "node:fs/promises";
import path from "node:path";
import type { Db } from "../db";

export interface OutgoingMessage {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
}

export interface MailTransport {
  send(message: OutgoingMessage): Promise<void>;
}

/**
 * The default transport appends each message to a local file (MAIL_LOG_FILE, default
 * ./.data/mail/outbox.log): the portal runs offline here, and operators can tail it. An SMTP or Graph
 * transport implements the same one-method interface.
 */
export function fileTransport(file = process.env.MAIL_LOG_FILE || "./.data/mail/outbox.log"): MailTransport {
  const target = path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
  return {
    async send(message) {
      await fs.mkdir(path.dirname(target), { recursive: true });
      const text = `--- ${new Date().toISOString()} ${message.kind} ${message.id}\nTo: ${message.recipient}\nSubject: ${message.subject}\n\n${message.body}\n\n`;
      await fs.appendFile(target, text, "utf8");
    },
  };
}

const BATCH = 100;
const RETRY_BASE_MS = 5 * 60_000;
const RETRY_MAX_MS = 6 * 60 * 60_000;

/** After the n-th failed attempt: 5 min, 10 min, 20 min, … at most 6 h, so a dead address does not churn forever. */
function retryDelayMs(failedAttempts: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, failedAttempts - 1), RETRY_MAX_MS);
}

/** How long a node holds the messages it took before another node may take them again (it died mid-send). */
const LEASE_MS = 10 * 60_000;

/**
 * Delivers what is due; returns how many were sent. Messages are leased in one short statement (FOR UPDATE
 * SKIP LOCKED: several nodes never take the same message) and sent OUTSIDE any transaction, so a slow mail
 * server holds no database locks. A node that dies mid-batch leaves its messages to be retried after the
 * lease: delivery is at least once. The body is redacted once sent: it may hold a consent link.
 */
export async function deliverOutbox(db: Db, now: Date, transport: MailTransport = fileTransport()): Promise<number> {
  const leasedUntil = new Date(now.getTime() + LEASE_MS);
  const due = await db.$queryRaw<(OutgoingMessage & { attempts: number })[]>`
    UPDATE "OutboxMessage" SET "availableAt" = ${leasedUntil.toISOString()}::timestamp(3)
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage"
      WHERE "sentAt" IS NULL AND "availableAt" <= ${now.toISOString()}::timestamp(3)
      ORDER BY "createdAt"
      LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED)
    RETURNING "id", "kind", "recipient", "subject", "body", "attempts"`;
  let sent = 0;
  for (const { attempts, ...message } of due) {
    try {
      await transport.send(message);
      await db.outboxMessage.updateMany({
        where: { id: message.id, sentAt: null },
        data: { sentAt: now, attempts: { increment: 1 }, body: "[delivered; body removed]", lastError: null },
      });
      sent++;
    } catch (error) {
      // Retry later with a growing delay; the message stays queued.
      await db.outboxMessage.updateMany({
        where: { id: message.id, sentAt: null },
        data: {
          attempts: { increment: 1 },
          lastError: String(error).slice(0, 500),
          availableAt: new Date(now.getTime() + retryDelayMs(attempts + 1)),
        },
      });
    }
  }
  return sent;
}
