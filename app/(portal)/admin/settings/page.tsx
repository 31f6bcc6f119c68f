import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HolidayForm, SlaSettingsForm } from "@/components/admin/sla-settings-form";
import { requireUser } from "@/lib/auth/session";
import { getSlaSettings } from "@/lib/claims/settings";
import { getDb } from "@/lib/db";
import { addHolidayAction, removeHolidayAction, saveSlaSettings } from "./actions";

export default async function AdminSettingsPage() {
  await requireUser(["ADMIN"]);
  const db = getDb();
  const [t, settings, holidays] = await Promise.all([
    getTranslations("adminSettings"),
    getSlaSettings(db),
    db.holiday.findMany({ orderBy: { date: "asc" } }),
  ]);
  const initial = {
    submittedBusinessDays: String(settings.submittedBusinessDays),
    underReviewBusinessDays: String(settings.underReviewBusinessDays),
    partnerActionBusinessDays: String(settings.partnerActionBusinessDays),
    consentCalendarDays: String(settings.consentCalendarDays),
    decisionTargetBusinessDays: String(settings.decisionTargetBusinessDays),
    poeMaxMegabytes: String(Math.round((settings.poeMaxBytes / (1024 * 1024)) * 100) / 100),
    timeZone: settings.timeZone,
  };
  return (
    <div className="space-y-8">
      <p>
        <Link href="/admin" className="text-blue-700 underline">
          {t("back")}
        </Link>
      </p>
      <section aria-labelledby="sla-title" className="space-y-3 rounded border border-slate-200 bg-white p-6">
        <h1 id="sla-title" className="text-2xl font-semibold">
          {t("title")}
        </h1>
        <p className="text-slate-600">{t("intro")}</p>
        <SlaSettingsForm action={saveSlaSettings} initial={initial} />
      </section>
      <section aria-labelledby="holidays-title" className="space-y-3 rounded border border-slate-200 bg-white p-6">
        <h2 id="holidays-title" className="text-xl font-semibold">
          {t("holidays")}
        </h2>
        <p className="text-slate-600">{t("holidaysIntro", { timeZone: settings.timeZone })}</p>
        {holidays.length === 0 ? (
          <p className="text-slate-600">{t("noHolidays")}</p>
        ) : (
          <table className="text-sm" data-testid="holidays">
            <thead>
              <tr className="text-left text-xs uppercase text-slate-600">
                <th scope="col" className="py-1 pr-6">{t("holidayDate")}</th>
                <th scope="col" className="py-1 pr-6">{t("holidayName")}</th>
                <th scope="col" className="py-1"><span className="sr-only">{t("actions")}</span></th>
              </tr>
            </thead>
            <tbody>
              {holidays.map((h) => (
                <tr key={h.date} className="border-t border-slate-100">
                  <td className="py-1 pr-6 font-mono">{h.date}</td>
                  <td className="py-1 pr-6">{h.name}</td>
                  <td className="py-1">
                    <form action={removeHolidayAction}>
                      <input type="hidden" name="date" value={h.date} />
                      <button type="submit" className="text-red-700 underline" aria-label={t("removeHoliday", { name: h.name, date: h.date })}>
                        {t("remove")}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <HolidayForm action={addHolidayAction} />
      </section>
    </div>
  );
}
