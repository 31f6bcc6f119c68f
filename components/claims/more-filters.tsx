import { getTranslations } from "next-intl/server";
import { ACTIVITIES } from "@/lib/claims/catalogue";
import type { ClaimListFilters } from "@/lib/claims/queries";
import { DISPUTE_FILTERS } from "@/lib/claims/schemas";

const FIELD = "block text-sm font-medium text-slate-800";
const CONTROL =
  "mt-1 block w-full rounded border border-slate-400 bg-white px-2 py-1.5 text-sm text-slate-900 focus-visible:border-blue-700";

// [from, to, the legend's message key]: the key is spelled out so next-intl's typed keys check it.
const RANGES = [
  ["createdFrom", "createdTo", "created"],
  ["submittedFrom", "submittedTo", "submitted"],
  ["decidedFrom", "decidedTo", "decided"],
] as const;

/**
 * The second release's list filters (docs/api.md "List filters") inside the list's GET filter form, folded
 * away unless one is set. Dates are whole UTC days here; the API also takes instants. Organization: staff only.
 */
export async function MoreFilters(props: { filters: ClaimListFilters; audience: "partner" | "staff" }) {
  const { filters } = props;
  const [t, tActivity] = await Promise.all([getTranslations("listFilters"), getTranslations("activity")]);
  const open = RANGES.flatMap(([from, to]) => [from, to]).some((name) => filters[name]) ||
    Boolean(filters.activity || filters.mpnId || filters.organizationId || filters.dispute || filters.sentForIncentiveAssessment !== undefined);
  const day = (value: string | undefined) => (value && value.length >= 10 ? value.slice(0, 10) : "");
  return (
    <details className="basis-full" open={open} data-testid="more-filters">
      <summary className="cursor-pointer text-sm font-medium text-blue-800">{t("more")}</summary>
      <div className="mt-2 flex flex-wrap gap-3">
        <div className="w-full sm:w-auto">
          <label htmlFor="claims-activity" className={FIELD}>{t("activity")}</label>
          <select id="claims-activity" name="activity" defaultValue={filters.activity ?? ""} className={CONTROL}>
            <option value="">{t("any")}</option>
            {ACTIVITIES.map((a) => <option key={a} value={a}>{tActivity(a)}</option>)}
          </select>
        </div>
        <div className="w-full sm:w-32">
          <label htmlFor="claims-mpn" className={FIELD}>{t("mpnId")}</label>
          <input id="claims-mpn" name="mpnId" inputMode="numeric" defaultValue={filters.mpnId ?? ""} className={CONTROL} />
        </div>
        {props.audience === "staff" ? (
          <div className="w-full sm:w-56">
            <label htmlFor="claims-org" className={FIELD}>{t("organizationId")}</label>
            <input id="claims-org" name="organizationId" defaultValue={filters.organizationId ?? ""} className={CONTROL} />
          </div>
        ) : null}
        <div className="w-full sm:w-auto">
          <label htmlFor="claims-dispute" className={FIELD}>{t("dispute")}</label>
          <select id="claims-dispute" name="dispute" defaultValue={filters.dispute ?? ""} className={CONTROL}>
            <option value="">{t("any")}</option>
            {DISPUTE_FILTERS.map((d) => <option key={d} value={d}>{t(`dispute_${d}`)}</option>)}
          </select>
        </div>
        <div className="w-full sm:w-auto">
          <label htmlFor="claims-sent" className={FIELD}>{t("sentForIncentiveAssessment")}</label>
          <select
            id="claims-sent"
            name="sentForIncentiveAssessment"
            defaultValue={filters.sentForIncentiveAssessment === undefined ? "" : String(filters.sentForIncentiveAssessment)}
            className={CONTROL}
          >
            <option value="">{t("any")}</option>
            <option value="true">{t("yes")}</option>
            <option value="false">{t("no")}</option>
          </select>
        </div>
        {RANGES.map(([from, to, legend]) => (
          <fieldset key={from} className="w-full sm:w-auto">
            <legend className={FIELD}>{t(legend)}</legend>
            <div className="flex gap-2">
              <label className="text-xs text-slate-700">
                {t("from")}
                <input type="date" name={from} defaultValue={day(filters[from])} className={CONTROL} />
              </label>
              <label className="text-xs text-slate-700">
                {t("to")}
                <input type="date" name={to} defaultValue={day(filters[to])} className={CONTROL} />
              </label>
            </div>
          </fieldset>
        ))}
      </div>
    </details>
  );
}
