// The set-password email ("a user is created, or asks to reset a password → that user → the single-use
// set-password link (72 h)", docs/domain.md Notifications). It goes through notify() like every other message:
// rendered at delivery in the user's language (text and HTML), the token sealed in the outbox row and wiped once
// sent, so the link exists in clear only in the email itself.
import type { Prisma } from "../generated/prisma/client";
import { languageOf } from "../notifications/catalogue";
import { notify } from "../notifications/notify";

export type PasswordLinkPurpose = "SET" | "RESET";

export interface PasswordLinkMail {
  tokenId: string;
  email: string;
  name: string;
  language: string | null;
  purpose: PasswordLinkPurpose;
  token: string;
  expiresAt: Date;
  now: Date;
}

/** Queues the email in the caller's transaction (it is sent only if the change commits). */
export async function queuePasswordLinkMail(tx: Prisma.TransactionClient, mail: PasswordLinkMail): Promise<void> {
  await notify(tx, {
    data: { type: "PASSWORD_LINK", purpose: mail.purpose, name: mail.name, expiresAt: mail.expiresAt.toISOString() },
    to: [{ kind: "address", email: mail.email, language: languageOf(mail.language) }],
    now: mail.now,
    secret: mail.token,
    dedupeKey: `password-link:${mail.tokenId}`,
  });
}
