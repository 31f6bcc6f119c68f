// Where mail goes: SMTP_URL through nodemailer, or — without it — one `<MAIL_DIR>/<outboxId>.eml` file per
// message (docs/operations.md), written atomically so a reader never sees half a file.
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { mailDir, mailFrom, smtpUrl } from "./mail-config";

export interface OutgoingMail {
  /** The outbox row id: names the .eml file and the Message-ID. */
  id: string;
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  /** Lets go of pooled connections (deliverOutbox closes the transports it creates itself). */
  close?(): void;
}

/**
 * SMTP connections one delivery run keeps open, one message in flight on each (DELIVERY_CONCURRENCY in
 * deliver.ts). Each message costs a connection a fixed round-trip time, so throughput grows with connections:
 * to a local smtp-server, 4 connections delivered 68–70 messages/s, 8 connections 110–126/s, and a new connection
 * per message 41–45/s (docs/performance-notes.md "Sweep"). `?pool=false` or `?maxConnections=N` in SMTP_URL
 * overrides it (a relay that limits connections per client).
 */
export const SMTP_POOL_CONNECTIONS = 8;

function envelope(mail: OutgoingMail) {
  return { from: mailFrom(), to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId };
}

/** SMTP_URL with a connection pool unless the URL says otherwise (nodemailer reads these from the query). */
export function pooledSmtpUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (!parsed.searchParams.has("pool")) parsed.searchParams.set("pool", "true");
  if (!parsed.searchParams.has("maxConnections")) parsed.searchParams.set("maxConnections", String(SMTP_POOL_CONNECTIONS));
  return parsed.toString();
}

export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(pooledSmtpUrl(url));
  return {
    async send(mail) {
      await transporter.sendMail(envelope(mail));
    },
    close() {
      transporter.close();
    },
  };
}

export function emlFileTransport(dir: string = mailDir()): MailTransport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(mail) {
      const info = await builder.sendMail(envelope(mail));
      await fs.mkdir(dir, { recursive: true });
      const target = path.join(dir, `${mail.id}.eml`);
      const temp = `${target}.${process.pid}.tmp`;
      await fs.writeFile(temp, info.message as Buffer);
      await fs.rename(temp, target);
    },
  };
}

/** SMTP when SMTP_URL is set, else .eml files; read per call so tests and scripts may change the environment. */
export function defaultTransport(): MailTransport {
  const url = smtpUrl();
  return url ? smtpTransport(url) : emlFileTransport();
}
