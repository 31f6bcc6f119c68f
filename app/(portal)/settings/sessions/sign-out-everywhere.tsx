import { getTranslations } from "next-intl/server";
import { signOutEverywhereAction } from "./actions";

/** Settings section: ends every session of the signed-in user, on every device, this one included. */
export async function SignOutEverywhere() {
  const t = await getTranslations("sessionSettings");
  return (
    <section aria-labelledby="sessions-title" className="space-y-2 rounded border border-slate-300 bg-white p-4">
      <h2 id="sessions-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="text-slate-700">{t("intro")}</p>
      <form action={signOutEverywhereAction}>
        <button type="submit" className="rounded border border-red-800 px-4 py-2 text-red-800 hover:bg-red-50">
          {t("signOutEverywhere")}
        </button>
      </form>
    </section>
  );
}
