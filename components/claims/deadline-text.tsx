import { getFormatter, getTranslations } from "next-intl/server";
import type { ClaimStatus } from "@/lib/claims/catalogue";
import { describeDeadline, type BusinessCalendar } from "@/lib/claims/sla";

export async function DeadlineText(props: {
  status: ClaimStatus;
  dueAt: Date | null;
  now: Date;
  calendar: BusinessCalendar;
}) {
  const [t, format] = await Promise.all([getTranslations("sla"), getFormatter()]);
  const view = describeDeadline(props.status, props.dueAt, props.now, props.calendar);
  switch (view.kind) {
    case "left":
      return <span>{t("left", { days: view.businessDays })}</span>;
    case "due-today":
      return <span className="font-medium text-amber-800">{t("dueToday")}</span>;
    case "overdue":
      return (
        <span className="font-medium text-rose-800" data-overdue="true">
          <span aria-hidden="true">⚠ </span>
          {t("overdue", { days: view.businessDays })}
        </span>
      );
    case "consent-ends":
      return (
        <span>{t("consentEnds", { date: format.dateTime(view.at, { day: "numeric", month: "short", timeZone: props.calendar.timeZone }) })}</span>
      );
    default:
      return <span aria-label="none">{t("none")}</span>;
  }
}
