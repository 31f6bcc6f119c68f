import { getTranslations } from "next-intl/server";
import { MetricsBarChart, MetricsLineChart } from "@/components/metrics/metrics-charts";
import { actorOf, requireUser } from "@/lib/auth/session";
import { CLAIM_STATUSES } from "@/lib/claims/catalogue";
import { isClaimError } from "@/lib/claims/errors";
import { pageReadDb } from "@/lib/page-read-db";
import { computeMetrics, METRIC_STAGES, resolvePeriod } from "@/lib/metrics/compute-metrics";
import { MAX_PERIOD_DAYS, metricsQuerySchema } from "@/lib/metrics/metrics-query";
import { calendarOf } from "@/lib/claims/sla";
import { getSlaSettings } from "@/lib/claims/settings";

/** /metrics?from=&to= for everyone signed in: the same figures as GET /api/v1/metrics (docs/domain.md, Metrics). */
export default async function MetricsPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const params = await props.searchParams;
  const raw = Object.fromEntries(
    (["from", "to"] as const).flatMap((name) => (typeof params[name] === "string" && params[name] ? [[name, params[name] as string]] : [])),
  );
  const db = await pageReadDb();
  const [t, tStatus] = await Promise.all([getTranslations("metrics"), getTranslations("status")]);
  const parsed = metricsQuerySchema.safeParse(raw);
  const now = new Date();
  let period: { from: string; to: string } | null = null;
  let metrics = null;
  if (parsed.success) {
    try {
      period = resolvePeriod(parsed.data, now, calendarOf(await getSlaSettings(db)));
      metrics = await computeMetrics(db, actorOf(user), period, now);
    } catch (error) {
      if (!isClaimError(error)) throw error;
    }
  }
  const percent = (onTime: number, ended: number) => `${Math.round((100 * onTime) / ended)} %`;
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-slate-600">{t("intro")}</p>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("period")}>
        <div>
          <label htmlFor="from" className="block text-sm font-medium">
            {t("from")}
          </label>
          <input id="from" name="from" type="date" defaultValue={period?.from ?? raw.from} className="rounded border border-slate-300 px-2 py-2" />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-medium">
            {t("to")}
          </label>
          <input id="to" name="to" type="date" defaultValue={period?.to ?? raw.to} className="rounded border border-slate-300 px-2 py-2" />
        </div>
        <button type="submit" className="rounded border border-slate-300 px-3 py-2">
          {t("apply")}
        </button>
      </form>
      {!metrics ? (
        <p role="alert" className="text-red-700">
          {t("invalidPeriod", { max: MAX_PERIOD_DAYS })}
        </p>
      ) : (
        <>
          <section aria-labelledby="m-status" className="space-y-2">
            <h2 id="m-status" className="text-xl font-semibold">
              {t("byStatus")}
            </h2>
            <MetricsBarChart data={CLAIM_STATUSES.map((s) => ({ label: tStatus(s), value: metrics.byStatus[s] }))} />
            <NumberTable
              testId="metrics-by-status"
              head={[t("status"), t("count")]}
              rows={CLAIM_STATUSES.map((s) => ({ key: s, cells: [tStatus(s), metrics.byStatus[s]] }))}
            />
          </section>
          <section aria-labelledby="m-decisions" className="space-y-2">
            <h2 id="m-decisions" className="text-xl font-semibold">
              {t("decisions")}
            </h2>
            <ul data-testid="metrics-decisions">
              <li data-value={metrics.decisions.approved} data-key="approved">
                {t("approved", { count: metrics.decisions.approved })}
              </li>
              <li data-value={metrics.decisions.rejected} data-key="rejected">
                {t("rejected", { count: metrics.decisions.rejected })}
              </li>
            </ul>
            <h3 className="font-semibold">{t("byReason")}</h3>
            {Object.keys(metrics.decisions.byReason).length === 0 ? (
              <p>{t("noRejections")}</p>
            ) : (
              <>
                <MetricsBarChart data={Object.entries(metrics.decisions.byReason).map(([label, value]) => ({ label, value }))} />
                <NumberTable
                  testId="metrics-by-reason"
                  head={[t("reason"), t("count")]}
                  rows={Object.entries(metrics.decisions.byReason).map(([code, n]) => ({ key: code, cells: [code, n] }))}
                />
              </>
            )}
          </section>
          <section aria-labelledby="m-sla" className="space-y-2">
            <h2 id="m-sla" className="text-xl font-semibold">
              {t("sla")}
            </h2>
            <ul data-testid="metrics-sla">
              {METRIC_STAGES.map((stage) => {
                const { decided, onTime } = metrics.sla[stage];
                return (
                  <li key={stage} data-key={stage} data-ended={decided} data-on-time={onTime}>
                    {decided === 0
                      ? t("noStages", { stage: tStatus(stage) })
                      : t("stageShare", { stage: tStatus(stage), onTime, ended: decided, share: percent(onTime, decided) })}
                  </li>
                );
              })}
            </ul>
            <MetricsBarChart
              max={100}
              data={METRIC_STAGES.map((stage) => {
                const { decided, onTime } = metrics.sla[stage];
                return { label: tStatus(stage), value: decided === 0 ? 0 : Math.round((100 * onTime) / decided) };
              })}
            />
          </section>
          <section aria-labelledby="m-time" className="space-y-2">
            <h2 id="m-time" className="text-xl font-semibold">
              {t("decisionTime")}
            </h2>
            <ul data-testid="metrics-decision-time">
              <li data-key="p50" data-value={metrics.businessDaysToDecision.p50 ?? ""}>
                {t("p50", { value: metrics.businessDaysToDecision.p50 ?? t("none") })}
              </li>
              <li data-key="p90" data-value={metrics.businessDaysToDecision.p90 ?? ""}>
                {t("p90", { value: metrics.businessDaysToDecision.p90 ?? t("none") })}
              </li>
              <li data-key="target" data-value={metrics.businessDaysToDecision.target}>
                {t("target", { value: metrics.businessDaysToDecision.target })}
              </li>
            </ul>
          </section>
          <section aria-labelledby="m-overdue" className="space-y-2">
            <h2 id="m-overdue" className="text-xl font-semibold">
              {t("overdueOverTime")}
            </h2>
            <MetricsLineChart data={metrics.overdueOverTime.map((p) => ({ label: p.date.slice(5), value: p.overdue }))} />
            <details>
              <summary>{t("showNumbers")}</summary>
              <NumberTable
                testId="metrics-overdue"
                head={[t("date"), t("overdue")]}
                rows={metrics.overdueOverTime.map((p) => ({ key: p.date, cells: [p.date, p.overdue] }))}
              />
            </details>
          </section>
          {metrics.reviewers.length > 0 ? (
            <section aria-labelledby="m-reviewers" className="space-y-2">
              <h2 id="m-reviewers" className="text-xl font-semibold">
                {t("reviewers")}
              </h2>
              <NumberTable
                testId="metrics-reviewers"
                head={[t("reviewer"), t("assigned"), t("decided"), t("overdueNow")]}
                rows={metrics.reviewers.map((r) => ({ key: r.id, cells: [r.name, r.assigned, r.decided, r.overdue] }))}
              />
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}

function NumberTable({ testId, head, rows }: { testId: string; head: string[]; rows: { key: string; cells: (string | number)[] }[] }) {
  return (
    <table data-testid={testId} className="min-w-80 text-left text-sm">
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col" className="border-b px-2 py-1">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-key={row.key}>
            {row.cells.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row" className="px-2 py-1 font-normal">
                  {cell}
                </th>
              ) : (
                <td key={i} className="px-2 py-1 tabular-nums">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
