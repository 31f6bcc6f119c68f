// The set-password email ("a user is created, or asks to reset a password → that user → the single-use
// set-password link (72 h)", docs/domain.md Notifications). One function so the outbox row can be re-pointed
// at the notifications module's templates without touching the callers.
import type { Prisma } from "../generated/prisma/client";

export type PasswordLinkPurpose = "SET" | "RESET";

export interface PasswordLinkMail {
  tokenId: string;
  email: string;
  name: string;
  purpose: PasswordLinkPurpose;
  link: string;
  expiresAt: Date;
}

const WHEN = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "short", timeZone: "UTC", hour12: false });

/** Pure: subject and plain-text body. The link is the secret; the outbox redacts the body once it is sent. */
export function passwordLinkMessage(mail: PasswordLinkMail): { subject: string; body: string } {
  const until = `${WHEN.format(mail.expiresAt)} UTC`;
  if (mail.purpose === "SET") {
    return {
      subject: "Your CPOR Claims Portal account",
      body:
        `Hello ${mail.name},\n\nAn administrator created your account on the CPOR Claims Portal.\n` +
        `Choose your password with this link (it works once, until ${until}):\n\n${mail.link}\n`,
    };
  }
  return {
    subject: "Reset your CPOR Claims Portal password",
    body:
      `Hello ${mail.name},\n\nSomeone asked to reset the password of this account. If it was you, choose a new ` +
      `password with this link (it works once, until ${until}):\n\n${mail.link}\n\nIf it was not you, ignore this message.\n`,
  };
}

/** Queues the email in the caller's transaction (it is sent only if the change commits). */
export async function queuePasswordLinkMail(tx: Prisma.TransactionClient, mail: PasswordLinkMail): Promise<void> {
  const { subject, body } = passwordLinkMessage(mail);
  await tx.outboxMessage.create({
    data: { kind: "PASSWORD_LINK", dedupeKey: `password-link:${mail.tokenId}`, recipient: mail.email, subject, body },
  });
}
