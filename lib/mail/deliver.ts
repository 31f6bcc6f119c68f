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

/** Delivers what is due; returns how many were sent. The body is redacted once sent: it may hold a consent link. */
export async function deliverOutbox(db: Db, now: Date, transport: MailTransport = fileTransport()): Promise<number> {
  return db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<OutgoingMessage[]>`
      SELECT "id", "kind", "recipient", "subject", "body" FROM "OutboxMessage"
      WHERE "sentAt" IS NULL AND "availableAt" <= ${now.toISOString()}::timestamp(3)
      ORDER BY "createdAt"
      LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED`;
    let sent = 0;
    for (const message of due) {
      try {
        await transport.send(message);
        await tx.outboxMessage.update({
          where: { id: message.id },
          data: { sentAt: now, attempts: { increment: 1 }, body: "[delivered; body removed]", lastError: null },
        });
        sent++;
      } catch (error) {
        // Retry later with a growing delay; the message stays queued.
        await tx.outboxMessage.update({
          where: { id: message.id },
          data: {
            attempts: { increment: 1 },
            lastError: String(error).slice(0, 500),
            availableAt: new Date(now.getTime() + 5 * 60_000),
          },
        });
      }
    }
    return sent;
  });
}
