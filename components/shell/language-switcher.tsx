import { getLocale, getTranslations } from "next-intl/server";
import { setLocale } from "@/app/actions/locale";
import { LOCALES } from "@/i18n/locales";

const NAMES: Record<(typeof LOCALES)[number], string> = { en: "English", fr: "Français" };

/** Works without JavaScript: each language is a submit button of a server-action form. */
export async function LanguageSwitcher() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("app")]);
  return (
    <form action={setLocale} className="flex items-center gap-1 text-sm" aria-label={t("language")}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          aria-pressed={l === locale}
          className={`rounded px-2 py-1 ${l === locale ? "bg-white/20 font-semibold" : "hover:bg-white/10"}`}
        >
          {NAMES[l]}
        </button>
      ))}
    </form>
  );
}
