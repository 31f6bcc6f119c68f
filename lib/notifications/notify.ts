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

const recipientOf = (r: { id: string; email: string; language: string | null; emailOptOut: string[] }): Recipient => ({
  userId: r.id,
  email: r.email,
  language: r.language,
  emailOptOut: r.emailOptOut,
});

/** The users of a staff or single-user audience (partner users are read for a whole batch: partnerUsersOf). */
async function usersOf(tx: Tx, audience: Exclude<Audience, { kind: "address" | "partner-users" }>): Promise<Recipient[]> {
  let where: Prisma.UserWhereInput;
  switch (audience.kind) {
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
  return rows.map(recipientOf);
}

/** Writes the notifications and outbox rows; returns how many of each. */
export async function notify(tx: Tx, input: NotifyInput): Promise<{ notifications: number; emails: number }> {
  return notifyEach(tx, [input]);
}

/**
 * notify() for many events at once (a sweep batch's decisions): the same rows, written with one settings read,
 * one user query for all the partner organizations named, and one INSERT per table, instead of a handful of
 * statements per event.
 */
export async function notifyEach(tx: Tx, inputs: NotifyInput[]): Promise<{ notifications: number; emails: number }> {
  if (inputs.length === 0) return { notifications: 0, emails: 0 };
  const settings = await getSlaSettings(tx);
  const ctx: RenderContext = { baseUrl: appBaseUrl(), timeZone: settings.timeZone };
  const partnersOf = await partnerUsersOf(
    tx,
    inputs.flatMap((input) => input.to.flatMap((audience) => (audience.kind === "partner-users" ? [audience.organizationId] : []))),
  );
  const notificationRows: Prisma.NotificationCreateManyInput[] = [];
  const outboxRows: Prisma.OutboxMessageCreateManyInput[] = [];
  for (const input of inputs) {
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
      const found = audience.kind === "partner-users" ? (partnersOf.get(audience.organizationId) ?? []) : await usersOf(tx, audience);
      for (const user of found) if (user.userId !== input.exceptUserId) users.set(user.userId, user);
    }

    const queue = (recipient: string, language: Language, recipientUserId: string | null) => {
      // Rendered now only for the outbox page's subject; the email itself is rendered at delivery (with the secret).
      const subject = isEmailOnly(data.type) ? renderMessage(data, language, ctx, "…").subject : inAppText(data, language, ctx).title;
      outboxRows.push({
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
      });
    };

    for (const user of users.values()) {
      const language = languageOf(user.language);
      addresses.delete(user.email.toLowerCase()); // a contact who is also a user is told once, as the user
      // The email-only kinds (customer notice, password link) are no bell notification; every other type is.
      if (!isEmailOnly(data.type)) {
        const { title, body } = inAppText(data, language, ctx);
        notificationRows.push({ userId: user.userId, type: data.type, claimId, title, body, createdAt: now });
        if (user.emailOptOut.includes(EMAIL_CATEGORY_OF[data.type])) continue;
      }
      queue(user.email, language, user.userId);
    }
    for (const [email, language] of addresses) queue(email, language, null);
  }
  if (notificationRows.length) await tx.notification.createMany({ data: notificationRows });
  if (outboxRows.length) await tx.outboxMessage.createMany({ data: outboxRows });
  return { notifications: notificationRows.length, emails: outboxRows.length };
}

/** The active partner users of each organization named, in one query. */
async function partnerUsersOf(tx: Tx, organizationIds: string[]): Promise<Map<string, Recipient[]>> {
  const byOrganization = new Map<string, Recipient[]>();
  const ids = [...new Set(organizationIds)];
  if (ids.length === 0) return byOrganization;
  const rows = await tx.user.findMany({
    where: { organizationId: { in: ids }, role: { in: [...PARTNER_ROLES] }, active: true },
    select: { ...RECIPIENT_FIELDS, organizationId: true },
    orderBy: { id: "asc" },
  });
  for (const r of rows) {
    const list = byOrganization.get(r.organizationId!) ?? [];
    list.push(recipientOf(r));
    byOrganization.set(r.organizationId!, list);
  }
  return byOrganization;
}
