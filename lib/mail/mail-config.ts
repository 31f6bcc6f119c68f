// Mail settings from the environment, read in one place (README "Configuration").
import path from "node:path";
import { portalBaseUrl } from "../config";

/** The portal's public base URL (links in messages): lib/config.ts owns it. */
export const appBaseUrl = portalBaseUrl;

/** Right-hand side of every Message-ID: the host of NEXTAUTH_URL. */
export function messageIdHost(): string {
  try {
    return new URL(portalBaseUrl()).hostname || "localhost";
  } catch {
    return "localhost";
  }
}

/** `<outboxId@host>`: stable per outbox row, so a message delivered twice after a crash folds into one. */
export function messageIdOf(outboxId: string): string {
  return `<${outboxId}@${messageIdHost()}>`;
}

export function mailFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.MAIL_FROM || `CPOR Claims Portal <no-reply@${messageIdHost()}>`;
}

export function smtpUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.SMTP_URL?.trim() || undefined;
}

export function mailDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), env.MAIL_DIR || "./.data/mail");
}
