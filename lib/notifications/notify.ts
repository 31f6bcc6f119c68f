// The ONE way the portal tells people something (docs/domain.md "Notifications"): called inside the transaction
// of the change that causes it, it writes an in-app Notification per user (always) and an OutboxMessage per email
// (users whose preferences keep that category on; contacts and customers, who have no account, always), so the
// change and its messages commit together or not at all. Delivery renders and sends later (lib/mail/deliver.ts).
import { randomUUID } from "node:crypto";
import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { PARTNER_ROLES, type UserRole } from "../claims/catalogue";
import { getSlaSettings } from "../claims/settings";
import { appBaseUrl } from "../mail/mail-config";
import { sealSecret } from "../mail/secret-box";
import { inAppText, renderMessage, type MessageData, type RenderContext } from "../mail/templates";
import { EMAIL_CATEGORY_OF, isEmailOnly, languageOf, type Language } from "./catalogue";

type Tx = Prisma.TransactionClient | Db;

export type Audience =
  /** The claim's partner users: active partner users of the organization. */
  | { kind: "partner-users"; organizationId: string }
  /** The reviewer assigned to the claim, or every active reviewer when none is. */
  | { kind: "claim-reviewers"; reviewerId: string | null }
  | { kind: "all-reviewers" }
  | { kind: "user"; userId: string }
  /** An address without an account (the claim's partner contact, the customer contact), in the given language. */
  | { kind: "address"; email: string; language: Language };

export interface NotifyInput {
  data: MessageData;
  to: Audience[];
  now: Date;
  claimId?: string | null;
  /** The person who caused it: never told about their own action. */
  exceptUserId?: string | null;
  /** A secret the email carries (the consent token): sealed in the outbox row, wiped once sent. */
  secret?: string;
  /** Makes the emails idempotent: `<dedupeKey>:<recipient>` is unique in the outbox. Default: a random key. */
  dedupeKey?: string;
}

interface Recipient {
  userId: string;
  email: string;
  language: string | null;
  emailOptOut: string[];
}

const RECIPIENT_FIELDS = { id: true, email: true, language: true, emailOptOut: true } as const;
const REVIEWER: UserRole = "REVIEWER";

async function usersOf(tx: Tx, audience: Exclude<Audience, { kind: "address" }>): Promise<Recipient[]> {
  let where: Prisma.UserWhereInput;
  switch (audience.kind) {
    case "partner-users":
      where = { organizationId: audience.organizationId, role: { in: [...PARTNER_ROLES] } };
      break;
    case "claim-reviewers":
      if (audience.reviewerId) {
        const assigned = await usersOf(tx, { kind: "user", userId: audience.reviewerId });
        if (assigned.length > 0) return assigned;
      }
      where = { role: REVIEWER };
      break;
    case "all-reviewers":
      where = { role: REVIEWER };
      break;
    case "user":
      where = { id: audience.userId };
      break;
  }
  const rows = await tx.user.findMany({ where: { ...where, active: true }, select: RECIPIENT_FIELDS, orderBy: { id: "asc" } });
  return rows.map((r) => ({ userId: r.id, email: r.email, language: r.language, emailOptOut: r.emailOptOut }));
}

/** Writes the notifications and outbox rows; returns how many of each. */
export async function notify(tx: Tx, input: NotifyInput): Promise<{ notifications: number; emails: number }> {
  const settings = await getSlaSettings(tx);
  const ctx: RenderContext = { baseUrl: appBaseUrl(), timeZone: settings.timeZone };
  const { data, now } = input;
  const claimId = input.claimId ?? ("claim" in data ? data.claim.claimId : null);
  const sealed = input.secret === undefined ? null : sealSecret(input.secret);
  const jsonData = data as unknown as Prisma.InputJsonValue;

  const users = new Map<string, Recipient>();
  const addresses = new Map<string, Language>();
  for (const audience of input.to) {
    if (audience.kind === "address") {
      const email = audience.email.trim();
      if (email && !addresses.has(email.toLowerCase())) addresses.set(email.toLowerCase(), audience.language);
      continue;
    }
    for (const user of await usersOf(tx, audience)) if (user.userId !== input.exceptUserId) users.set(user.userId, user);
  }

  let notifications = 0;
  let emails = 0;
  const queue = async (recipient: string, language: Language, recipientUserId: string | null) => {
    // Rendered now only for the outbox page's subject; the email itself is rendered at delivery (with the secret).
    const subject = isEmailOnly(data.type) ? renderMessage(data, language, ctx, "…").subject : inAppText(data, language, ctx).title;
    await tx.outboxMessage.create({
      data: {
        kind: data.type,
        dedupeKey: input.dedupeKey ? `${input.dedupeKey}:${recipient}` : `${data.type}:${randomUUID()}`,
        recipient,
        recipientUserId,
        language,
        subject,
        data: jsonData,
        secret: sealed,
        claimId,
        createdAt: now,
        availableAt: now,
      },
    });
    emails++;
  };

  for (const user of users.values()) {
    const language = languageOf(user.language);
    addresses.delete(user.email.toLowerCase()); // a contact who is also a user is told once, as the user
    // The email-only kinds (customer notice, password link) are no bell notification; every other type is.
    if (!isEmailOnly(data.type)) {
      const { title, body } = inAppText(data, language, ctx);
      await tx.notification.create({ data: { userId: user.userId, type: data.type, claimId, title, body, createdAt: now } });
      notifications++;
      if (user.emailOptOut.includes(EMAIL_CATEGORY_OF[data.type])) continue;
    }
    await queue(user.email, language, user.userId);
  }
  for (const [email, language] of addresses) await queue(email, language, null);
  return { notifications, emails };
}
