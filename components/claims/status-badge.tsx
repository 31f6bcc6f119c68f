import { getTranslations } from "next-intl/server";
import type { ClaimStatus } from "@/lib/claims/catalogue";
import type { SlaWording } from "./sla-wording";
import { STATUS_MARKER, statusMeaningId } from "./status-style";

export { statusMeaningId };

// Colour is a second channel only: the status is always written out, with a shape marker too. The lists'
// rows draw the same badge from claim-table.module.css (.badge), keyed by data-status.
const STYLE: Record<ClaimStatus, string> = {
  EDITING: "bg-slate-100 text-slate-800 border-slate-300",
  SUBMITTED: "bg-sky-50 text-sky-900 border-sky-300",
  UNDER_REVIEW: "bg-indigo-50 text-indigo-900 border-indigo-300",
  PARTNER_ACTION_REQUIRED: "bg-amber-50 text-amber-900 border-amber-400",
  APPROVED: "bg-emerald-50 text-emerald-900 border-emerald-400",
  REJECTED: "bg-rose-50 text-rose-900 border-rose-300",
};

/** `wording`: the durations the meaning quotes (from the SLA settings). */
export async function StatusBadge({ status, wording, withMeaning = false }: { status: ClaimStatus; wording: SlaWording; withMeaning?: boolean }) {
  const [t, tMeaning] = await Promise.all([getTranslations("status"), getTranslations("statusMeaning")]);
  return <StatusBadgeView status={status} label={t(status)} meaning={tMeaning(status, wording)} withMeaning={withMeaning} />;
}

/**
 * The badge from already translated text: for lists, which translate once per page instead of awaiting
 * translations in every row (an async component per row costs measurably at 25-100 rows). A list row names the
 * meaning by reference (`describedBy`, the id of the list's legend entry) rather than repeating the sentence in
 * every row: it was a large share of each row's bytes, twice (HTML and RSC payload).
 */
export function StatusBadgeView(props: { status: ClaimStatus; label: string; meaning?: string; withMeaning?: boolean; describedBy?: string }) {
  const { status, withMeaning = false } = props;
  return (
    <span className="inline-flex flex-col gap-0.5">
      <span
        data-testid="status-badge"
        data-status={status}
        title={props.describedBy ? undefined : props.meaning}
        aria-describedby={props.describedBy}
        className={`inline-flex w-fit items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium ${STYLE[status]}`}
      >
        <span aria-hidden="true">{STATUS_MARKER[status]}</span>
        {props.label}
      </span>
      {withMeaning && props.meaning ? <span className="text-xs text-slate-600">{props.meaning}</span> : null}
    </span>
  );
}
