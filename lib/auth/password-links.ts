// Single-use set-password links (docs/domain.md Administration): a new user receives one, and every user can
// ask for one from "Forgot password". Only the SHA-256 of the token is stored (the token is 256 random bits:
// nothing to brute-force); a link works once, for 72 hours, and a newer link replaces older ones.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { ClaimError } from "../claims/errors";
import { fieldErrorsFromZod } from "../claims/schemas";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { queuePasswordLinkMail, type PasswordLinkPurpose } from "../mail/password-link-mail";
import { recordAuditEvent } from "../audit/record-audit-event";
import { hashPassword } from "./password";

export const PASSWORD_LINK_HOURS = 72;
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export const newPasswordSchema = z
  .string({ error: `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters` })
  .min(PASSWORD_MIN_LENGTH, { error: `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH, { error: `Choose a password of at most ${PASSWORD_MAX_LENGTH} characters` });

export function hashPasswordToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Creates a link for the user and queues its email, in the caller's transaction. Older unused links of the
 * user stop working: only the newest email's link is valid.
 */
export async function issuePasswordLink(
  tx: Prisma.TransactionClient,
  user: { id: string; email: string; name: string; language?: string | null },
  purpose: PasswordLinkPurpose,
  now: Date,
): Promise<void> {
  await tx.passwordToken.updateMany({ where: { userId: user.id, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_HOURS * 3_600_000);
  const row = await tx.passwordToken.create({
    data: { userId: user.id, purpose, tokenHash: hashPasswordToken(token), expiresAt, createdAt: now },
  });
  await queuePasswordLinkMail(tx, {
    tokenId: row.id,
    email: user.email,
    name: user.name,
    language: user.language ?? null,
    purpose,
    token,
    expiresAt,
    now,
  });
}

/**
 * "Forgot password": a RESET link for an active user with this email. Answers nothing either way, so the
 * page cannot tell whether an account exists.
 */
export async function requestPasswordReset(db: Db, rawEmail: unknown, now = new Date()): Promise<void> {
  const email = z.string().trim().toLowerCase().max(254).safeParse(rawEmail);
  if (!email.success || !email.data) return;
  const user = await db.user.findUnique({ where: { email: email.data } });
  if (!user || !user.active) return;
  await db.$transaction((tx) => issuePasswordLink(tx, user, "RESET", now));
}

export type PasswordLinkState = "VALID" | "INVALID";

/** Whether a link may still be used (the set-password page shows the form or says the link is spent). */
export async function passwordLinkState(db: Db, token: string, now = new Date()): Promise<PasswordLinkState> {
  const row = await db.passwordToken.findUnique({ where: { tokenHash: hashPasswordToken(token) }, include: { user: true } });
  return row && !row.usedAt && row.expiresAt > now && row.user.active ? "VALID" : "INVALID";
}

/**
 * Sets the password through a link: the token is consumed by a guarded update (two tabs, one wins), the
 * password stored as argon2id, and sessionVersion bumped so every other session of the user ends.
 * Returns the user and the link's purpose (the audit trail tells a first password from a reset).
 */
export async function setPasswordWithLink(db: Db, token: string, rawPassword: unknown, now = new Date()) {
  const password = newPasswordSchema.safeParse(rawPassword);
  if (!password.success) {
    throw new ClaimError("VALIDATION", "Choose another password.", fieldErrorsFromZod(password.error).map((e) => ({ ...e, path: "password" })));
  }
  const passwordHash = await hashPassword(password.data);
  return db.$transaction(async (tx) => {
    const row = await tx.passwordToken.findUnique({ where: { tokenHash: hashPasswordToken(token) } });
    const spent = new ClaimError("GONE", "This link has expired or was already used. Ask for a new one from the sign-in page.");
    if (!row) throw spent;
    const taken = await tx.passwordToken.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (taken.count === 0) throw spent;
    const updated = await tx.user.updateMany({
      where: { id: row.userId, active: true },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    if (updated.count === 0) throw spent;
    const user = await tx.user.findUniqueOrThrow({ where: { id: row.userId } });
    const purpose = row.purpose as PasswordLinkPurpose;
    await recordAuditEvent(tx, {
      type: purpose === "SET" ? "PASSWORD_SET" : "PASSWORD_RESET",
      actor: { kind: "user", userId: user.id, role: user.role, organizationId: user.organizationId },
      at: now,
      data: { userId: user.id, email: user.email },
    });
    return { user, purpose };
  });
}
