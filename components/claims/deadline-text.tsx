import { getFormatter, getTranslations } from "next-intl/server";
import type { ClaimStatus } from "@/lib/claims/catalogue";
import { describeDeadline, type BusinessCalendar } from "@/lib/claims/sla";

interface DeadlineProps {
  status: ClaimStatus;
  dueAt: Date | null;
  now: Date;
  calendar: BusinessCalendar;
}

export async function DeadlineText(props: DeadlineProps) {
  const [t, format] = await Promise.all([getTranslations("sla"), getFormatter()]);
  return <DeadlineView {...props} t={t} format={format} />;
}

/**
 * The same text from a translator and formatter the caller already has: for lists, which get them once per
 * page instead of awaiting them in every row.
 */
export function DeadlineView(
  props: DeadlineProps & { t: Awaited<ReturnType<typeof getTranslations>>; format: Awaited<ReturnType<typeof getFormatter>> },
) {
  const { t, format } = props;
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
