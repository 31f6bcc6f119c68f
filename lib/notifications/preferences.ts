// A user's notification preferences: the email categories they turned off and their email language.
import type { Db } from "../db";
import { EMAIL_CATEGORIES, languageOf, type EmailCategory, type Language } from "./catalogue";

export interface NotificationPreferences {
  language: Language;
  /** Categories whose email is on (in-app notifications always exist). */
  emailOn: Record<EmailCategory, boolean>;
}

export async function getPreferences(db: Db, userId: string): Promise<NotificationPreferences> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { language: true, emailOptOut: true } });
  return {
    language: languageOf(user.language),
    emailOn: Object.fromEntries(EMAIL_CATEGORIES.map((c) => [c, !user.emailOptOut.includes(c)])) as Record<EmailCategory, boolean>,
  };
}

export async function savePreferences(db: Db, userId: string, preferences: NotificationPreferences): Promise<void> {
  await db.user.update({
    where: { id: userId },
    data: { language: preferences.language, emailOptOut: EMAIL_CATEGORIES.filter((c) => !preferences.emailOn[c]) },
  });
}
