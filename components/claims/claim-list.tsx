import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CLAIM_STATUSES, type ClaimStatus } from "@/lib/claims/catalogue";
import { formatClaimNumber } from "@/lib/claims/claim-number";
import type { ClaimListResult } from "@/lib/claims/queries";
import type { BusinessCalendar } from "@/lib/claims/sla";
import { DeadlineText } from "./deadline-text";
import { StatusBadge } from "./status-badge";

type Params = Record<string, string | undefined>;

function hrefWith(basePath: string, params: Params, changes: Params): string {
  const next = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...changes })) if (value) next.set(key, value);
  const query = next.toString();
  return query ? `${basePath}?${query}` : basePath;
}

/** A server-rendered, server-paged claim table with status tabs (counts from the maintained counts table). */
export async function ClaimList(props: {
  basePath: string;
  params: Params;
  result: ClaimListResult;
  statuses?: readonly ClaimStatus[];
  now: Date;
  calendar: BusinessCalendar;
  showOrganization?: Map<string, string>;
}) {
  const { result, params, basePath, now, calendar } = props;
  const [t, tStatus, tWorkload, tActivity, format] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("status"),
    getTranslations("workload"),
    getTranslations("activity"),
    getFormatter(),
  ]);
  const statuses = props.statuses ?? CLAIM_STATUSES;
  const allCount = statuses.reduce((sum, s) => sum + result.counts[s], 0);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const filtered = Boolean(params.status || params.q || params.program || params.solutionArea || params.overdue);
  const tabs: { key: string; label: string; count: number; status?: ClaimStatus }[] = [
    { key: "all", label: t("allTab"), count: allCount },
    ...statuses.map((s) => ({ key: s, label: tStatus(s), count: result.counts[s], status: s })),
  ];
  return (
    <div className="space-y-4">
      <nav aria-label={t("statusTabs")}>
        <ul className="flex flex-wrap gap-2">
          {tabs.map((tab) => {
            const current = (params.status ?? undefined) === tab.status;
            return (
              <li key={tab.key}>
                <Link
                  href={hrefWith(basePath, params, { status: tab.status, page: undefined })}
                  aria-current={current ? "page" : undefined}
                  data-testid={`tab-${tab.key}`}
                  className={`inline-flex items-center gap-2 rounded-full border px-3 py-1 text-sm ${
                    current ? "border-blue-700 bg-blue-700 text-white" : "border-slate-300 bg-white hover:bg-slate-100"
                  }`}
                >
                  {tab.label}
                  <span className="rounded-full bg-black/10 px-2 text-xs tabular-nums">{tab.count}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <p className="text-sm text-slate-600" aria-live="polite">
        {t("rows", { total: result.total })}
      </p>
      {result.items.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {filtered ? t("emptyFiltered") : t("empty")}
        </p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm" data-testid="claims-table">
            <thead className="bg-slate-100 text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">{t("number")}</th>
                {props.showOrganization ? <th scope="col" className="px-3 py-2">{t("organization")}</th> : null}
                <th scope="col" className="px-3 py-2">{t("customer")}</th>
                <th scope="col" className="px-3 py-2">{t("products")}</th>
                <th scope="col" className="px-3 py-2">{t("program")}</th>
                <th scope="col" className="px-3 py-2">{t("activity")}</th>
                <th scope="col" className="px-3 py-2">{t("status")}</th>
                <th scope="col" className="px-3 py-2">{t("sla")}</th>
                <th scope="col" className="px-3 py-2">{t("updated")}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((claim) => (
                <tr key={claim.id} className="border-t border-slate-100 align-top" data-testid="claim-row">
                  <td className="px-3 py-2 font-mono">
                    <Link href={`/claims/${claim.id}`} className="text-blue-700 underline">
                      {formatClaimNumber(claim.number)}
                    </Link>
                  </td>
                  {props.showOrganization ? (
                    <td className="px-3 py-2">{props.showOrganization.get(claim.organizationId) ?? ""}</td>
                  ) : null}
                  <td className="px-3 py-2">
                    <div className="font-medium">{claim.customerName}</div>
                    <div className="text-xs text-slate-600">{claim.customerDomain}</div>
                  </td>
                  <td className="px-3 py-2">
                    {claim.products
                      .map((p) => (p.kind === "WORKLOAD" ? tWorkload(p.name as never) : p.name))
                      .join(", ")}
                  </td>
                  <td className="px-3 py-2">{claim.program}</td>
                  <td className="px-3 py-2">{tActivity(claim.activity)}</td>
                  <td className="px-3 py-2">
                    <StatusBadge status={claim.status} />
                  </td>
                  <td className="px-3 py-2">
                    <DeadlineText status={claim.status} dueAt={claim.dueAt} now={now} calendar={calendar} />
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <time dateTime={claim.updatedAt.toISOString()}>
                      {format.dateTime(claim.updatedAt, { dateStyle: "medium" })}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t("pagination")} className="flex items-center gap-3 text-sm">
          {result.page > 1 ? (
            <Link className="rounded border px-3 py-1" href={hrefWith(basePath, params, { page: String(result.page - 1) })}>
              {t("previous")}
            </Link>
          ) : null}
          <span>{t("pageOf", { page: result.page, pages })}</span>
          {result.page < pages ? (
            <Link className="rounded border px-3 py-1" href={hrefWith(basePath, params, { page: String(result.page + 1) })}>
              {t("next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
