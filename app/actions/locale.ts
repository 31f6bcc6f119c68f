"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { LOCALES, LOCALE_COOKIE } from "@/i18n/locales";

export async function setLocale(formData: FormData): Promise<void> {
  const locale = LOCALES.find((l) => l === formData.get("locale"));
  if (!locale) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
  revalidatePath("/", "layout");
}
