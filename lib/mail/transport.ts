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
}

function envelope(mail: OutgoingMail) {
  return { from: mailFrom(), to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId };
}

export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transporter.sendMail(envelope(mail));
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
