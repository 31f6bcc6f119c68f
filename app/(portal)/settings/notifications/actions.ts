"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { EMAIL_CATEGORIES, languageOf, type EmailCategory } from "@/lib/notifications/catalogue";
import { savePreferences } from "@/lib/notifications/preferences";

export async function savePreferencesAction(form: FormData): Promise<void> {
  const user = await requireUser();
  await savePreferences(getDb(), user.id, {
    language: languageOf(String(form.get("language") ?? "")),
    emailOn: Object.fromEntries(EMAIL_CATEGORIES.map((c) => [c, form.get(`email_${c}`) === "on"])) as Record<EmailCategory, boolean>,
  });
  revalidatePath("/settings/notifications");
  redirect("/settings/notifications?saved=1");
}
