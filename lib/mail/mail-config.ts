// Mail settings from the environment, read in one place (README "Configuration").
import path from "node:path";

/** The portal's public base URL (links in messages); NEXTAUTH_URL is the one the sign-in already needs. */
export function appBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.NEXTAUTH_URL || env.APP_URL || "http://localhost:3000").replace(/\/$/, "");
}

/** Right-hand side of every Message-ID: the host of NEXTAUTH_URL. */
export function messageIdHost(env: NodeJS.ProcessEnv = process.env): string {
  try {
    return new URL(appBaseUrl(env)).hostname || "localhost";
  } catch {
    return "localhost";
  }
}

/** `<outboxId@host>`: stable per outbox row, so a message delivered twice after a crash folds into one. */
export function messageIdOf(outboxId: string, env: NodeJS.ProcessEnv = process.env): string {
  return `<${outboxId}@${messageIdHost(env)}>`;
}

export function mailFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.MAIL_FROM || `CPOR Claims Portal <no-reply@${messageIdHost(env)}>`;
}

export function smtpUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.SMTP_URL?.trim() || undefined;
}

export function mailDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), env.MAIL_DIR || "./.data/mail");
}
