// What the portal tells people (docs/domain.md "Notifications", the message table). Pure data: the in-app
// notification types of the API (docs/api.md `GET /notifications`), the email-only customer notice, and the email
// categories a user may turn off in Settings (in-app notifications always exist).

export const NOTIFICATION_TYPES = [
  "INFO_REQUESTED",
  "DEADLINE_REMINDER",
  "CLAIM_DECIDED",
  "COMMENT_ADDED",
  "CLAIM_RESUBMITTED",
  "DISPUTE_OPENED",
  "REVIEW_OVERDUE",
  "CLAIM_TAKEN_OVER",
  "WEBHOOK_DISABLED",
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/**
 * Emails that are never a bell notification: the customer's consent notice and the set-password link (whose
 * recipient may not be able to sign in). Both carry a secret, sealed in the outbox row until sent.
 */
export const EMAIL_ONLY_KINDS = ["CUSTOMER_CONSENT_NOTICE", "PASSWORD_LINK"] as const;
export type EmailOnlyKind = (typeof EMAIL_ONLY_KINDS)[number];

/** Every email the outbox renders: the users' notification types plus the email-only kinds. */
export type MailKind = NotificationType | EmailOnlyKind;

export function isEmailOnly(kind: string): kind is EmailOnlyKind {
  return (EMAIL_ONLY_KINDS as readonly string[]).includes(kind);
}

export const EMAIL_CATEGORIES = ["requests", "decisions", "comments", "review"] as const;
export type EmailCategory = (typeof EMAIL_CATEGORIES)[number];

export const EMAIL_CATEGORY_OF: Record<NotificationType, EmailCategory> = {
  INFO_REQUESTED: "requests",
  DEADLINE_REMINDER: "requests",
  CLAIM_DECIDED: "decisions",
  COMMENT_ADDED: "comments",
  CLAIM_RESUBMITTED: "review",
  DISPUTE_OPENED: "review",
  REVIEW_OVERDUE: "review",
  CLAIM_TAKEN_OVER: "review",
  WEBHOOK_DISABLED: "decisions",
};

export const LANGUAGES = ["en", "fr"] as const;
export type Language = (typeof LANGUAGES)[number];

export function languageOf(value: string | null | undefined): Language {
  return value === "fr" ? "fr" : "en";
}

/** First language of an Accept-Language header we speak ("fr-CA,fr;q=0.9,en" → fr); en otherwise. */
export function languageFromAcceptLanguage(header: string | null | undefined): Language {
  const ranked = (header ?? "")
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.trim().toLowerCase().split("-")[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.lang && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const found = ranked.find((entry) => (LANGUAGES as readonly string[]).includes(entry.lang));
  return found ? (found.lang as Language) : "en";
}
