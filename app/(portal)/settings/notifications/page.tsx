import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { canManageApiKeys } from "@/lib/claims/api-keys";
import { getDb } from "@/lib/db";
import { EMAIL_CATEGORIES } from "@/lib/notifications/catalogue";
import { getPreferences } from "@/lib/notifications/preferences";
import { SignOutEverywhere } from "../sessions/sign-out-everywhere";
import { savePreferencesAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notificationSettings"))("title") };
}

export default async function NotificationSettingsPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const user = await requireUser();
  const [t, preferences, { saved }] = await Promise.all([
    getTranslations("notificationSettings"),
    getPreferences(getDb(), user.id),
    searchParams,
  ]);
  return (
    <section aria-labelledby="notification-settings-title" className="max-w-2xl space-y-4">
      <h1 id="notification-settings-title" className="text-2xl font-semibold">
        {t("title")}
      </h1>
      <p className="text-slate-700">{t("intro")}</p>
      {saved ? (
        <p role="status" className="text-green-800" data-testid="preferences-saved">
          {t("saved")}
        </p>
      ) : null}
      <form action={savePreferencesAction} className="space-y-4 rounded border border-slate-300 bg-white p-4">
        <fieldset className="space-y-2">
          <legend className="font-medium">{t("emailLegend")}</legend>
          {EMAIL_CATEGORIES.map((category) => (
            <label key={category} className="flex items-start gap-2">
              <input type="checkbox" name={`email_${category}`} defaultChecked={preferences.emailOn[category]} className="mt-1" />
              <span>{t(`category_${category}`)}</span>
            </label>
          ))}
        </fieldset>
        <label className="block space-y-1">
          <span className="font-medium">{t("language")}</span>
          <select name="language" defaultValue={preferences.language} className="block rounded border border-slate-400 px-2 py-1">
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
        </label>
        <button type="submit" className="rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900">
          {t("save")}
        </button>
      </form>
      {canManageApiKeys(user.role) ? (
        <Link href="/settings/api-keys" className="text-blue-800 underline">
          {t("apiKeysLink")}
        </Link>
      ) : null}
      <SignOutEverywhere />
    </section>
  );
}
