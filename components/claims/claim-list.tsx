// The claim lists of the portal (partner dashboard, review queue, admin): status tabs with the maintained
// counts, the filter form, the table, paging, CSV export and helpful empty states. Server-rendered; the URL
// search params are the whole state (lib/claims/list-params.ts), so every view is a shareable link. The parts
// with much markup (tabs, filter form, rows, legend) are small client components fed data: their markup is
// written once, in the HTML, instead of a second time as React elements in the RSC payload.
// Over ~300 lines on purpose: the parts of one list page (tabs, filters, table, paging) share its props.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { CLAIM_STATUSES, type ClaimStatus } from "@/lib/claims/catalogue";
import {
  hasNarrowingFilters,
  listHref,
  listSearchParams,
  PAGE_SIZES,
  type ListDefaults,
} from "@/lib/claims/list-params";
import { PAGE_READ_LIMIT, type ClaimListFilters, type ClaimListPage } from "@/lib/claims/queries";
import { EXTRA_LIST_FILTERS } from "@/lib/claims/schemas";
import { calendarOf, type SlaSettings } from "@/lib/claims/sla";
import { ClaimStatusLegend } from "./claim-rows";
import { ClaimTable } from "./claim-table";
import { ListFilterForm } from "./list-filter-form";
import { listFilterModel, SORT_LABEL } from "./list-filter-model";
import { ListTabs } from "./list-tabs";
import { slaWording } from "./sla-wording";

/** The browser's CSV download of a list (session-authenticated; same filters and visibility as the page). */
export const CLAIMS_EXPORT_PATH = "/claims/export.csv";

const BUTTON_LINK = "inline-flex items-center rounded border border-slate-400 bg-white px-3 py-1.5 text-sm hover:bg-slate-100";

export async function ClaimList(props: {
  basePath: string;
  filters: ClaimListFilters;
  /** The page's defaults (e.g. the review queue opens on SUBMITTED, soonest deadline first). */
  defaults?: ListDefaults;
  result: ClaimListPage;
  /** The status tabs; reviewers never see EDITING. */
  statuses?: readonly ClaimStatus[];
  now: Date;
  /** Deadlines are counted in its business-day calendar; status meanings quote its durations. */
  settings: SlaSettings;
  /** Partners get the status meanings inline and a "create a claim" empty state; staff get neither. */
  audience: "partner" | "staff";
  /** Organization names by id: adds the organization column (admin). */
  organizations?: Map<string, string>;
}) {
  const { basePath, filters, result } = props;
  const defaults = props.defaults ?? {};
  const [tDashboard, tTable, tStatus, tMeaning, tSla, tProgram, tArea, tActivity, tWorkload, tMore, format] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("claimsTable"),
    getTranslations("status"),
    getTranslations("statusMeaning"),
    getTranslations("sla"),
    getTranslations("program"),
    getTranslations("solutionArea"),
    getTranslations("activity"),
    getTranslations("workload"),
    getTranslations("listFilters"),
    getFormatter(),
  ]);
  const wording = slaWording(props.settings);
  // Every status's name, once per page: the tabs, the rows' badges and the legend share it.
  const statusLabels = Object.fromEntries(CLAIM_STATUSES.map((s) => [s, tStatus(s)])) as Record<ClaimStatus, string>;
  const href = (changes: Partial<ClaimListFilters>) => listHref(basePath, filters, defaults, changes);
  const statuses = props.statuses ?? CLAIM_STATUSES;
  const canonical = listSearchParams(filters, defaults);
  const offset = (result.page - 1) * result.pageSize;
  const narrowed = hasNarrowingFilters(filters);
  const exportHref = listHref(CLAIMS_EXPORT_PATH, { ...filters, page: 1, pageSize: PAGE_SIZES[0] });
  const clearHref = href({
    q: undefined,
    program: undefined,
    solutionArea: undefined,
    overdue: undefined,
    ...Object.fromEntries(EXTRA_LIST_FILTERS.map((name) => [name, undefined])),
    page: 1,
  });
  const allStatusesHref = href({ status: undefined, page: 1 });

  const tabs = [
    { key: "all", label: tDashboard("allTab"), count: statuses.reduce((sum, s) => sum + result.counts[s], 0), status: undefined },
    ...statuses.map((s) => ({ key: s, label: statusLabels[s], count: result.counts[s], status: s })),
  ];

  let empty: ReactNode = null;
  if (result.items.length === 0) {
    if (result.beyondReadLimit) {
      empty = (
        <EmptyState title={tTable("beyondLimitTitle")} body={tTable("beyondLimitBody", { limit: PAGE_READ_LIMIT })}>
          <Link className={BUTTON_LINK} href={href({ page: 1 })}>{tTable("firstPage")}</Link>
        </EmptyState>
      );
    } else if (result.page > 1) {
      empty = (
        <EmptyState title={tTable("pastEndTitle")} body={tTable("pastEndBody")}>
          <Link className={BUTTON_LINK} href={href({ page: 1 })}>{tTable("firstPage")}</Link>
        </EmptyState>
      );
    } else if (narrowed) {
      empty = (
        <EmptyState
          title={tTable("emptyFilteredTitle")}
          body={filters.q ? `${tTable("emptyFilteredSearch")} ${tTable("emptyFilteredBody")}` : tTable("emptyFilteredBody")}
        >
          <Link className={BUTTON_LINK} href={clearHref}>{tTable("clear")}</Link>
          {filters.status ? <Link className={BUTTON_LINK} href={allStatusesHref}>{tTable("showAllStatuses")}</Link> : null}
        </EmptyState>
      );
    } else if (filters.status) {
      empty = (
        <EmptyState title={tTable("emptyStatusTitle", { status: tStatus(filters.status) })} body={tTable("emptyStatusBody")}>
          <Link className={BUTTON_LINK} href={allStatusesHref}>{tTable("showAllStatuses")}</Link>
        </EmptyState>
      );
    } else if (props.audience === "partner") {
      empty = (
        <EmptyState title={tTable("emptyTitle")} body={tTable("emptyBody")}>
          <Link className="inline-flex items-center rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800" href="/claims/new">
            {tTable("emptyCreate")}
          </Link>
        </EmptyState>
      );
    } else {
      empty = <EmptyState title={tTable("emptyQueueTitle")} body={tTable("emptyQueueBody")} />;
    }
  }

  const pages = result.totalIsExact ? Math.max(1, Math.ceil(result.total / result.pageSize)) : null;
  const totalText = result.totalIsExact
    ? tTable("results", { total: result.total })
    : tTable("resultsAtLeast", { total: result.total });

  return (
    <div className="space-y-4">
      <ListTabs
        label={tDashboard("statusTabs")}
        tabs={tabs.map((tab) => [tab.key, tab.label, format.number(tab.count), href({ status: tab.status, page: 1 }), filters.status === tab.status])}
      />

      <ListFilterForm
        key={canonical.toString()}
        model={listFilterModel({
          basePath,
          filters,
          defaults,
          canonical,
          audience: props.audience,
          clearHref: narrowed ? clearHref : null,
          t: { table: tTable, more: tMore, program: tProgram, area: tArea, activity: tActivity },
        })}
      />

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700" aria-live="polite" data-testid="claims-total">
          <span className="font-medium text-slate-900">{totalText}</span>
          {result.items.length > 0 ? (
            <> · {tTable("showing", { from: offset + 1, to: offset + result.items.length })}</>
          ) : null}
        </p>
        {result.total > 0 ? (
          <>
            <a href={exportHref} download data-testid="export-csv" aria-describedby="claims-export-hint" className={BUTTON_LINK}>
              <span aria-hidden="true" className="mr-1">⤓</span>
              {tTable("exportCsv")}
            </a>
            <span id="claims-export-hint" className="sr-only">{tTable("exportHint")}</span>
          </>
        ) : null}
      </div>

      {empty ?? (
        <ClaimTable
          rows={result.items}
          sort={filters.sort}
          page={result.page}
          pageSize={result.pageSize}
          total={result.total}
          caption={tTable("caption", {
            view: filters.status ? tStatus(filters.status) : tTable("captionAll"),
            sort: tTable(`sortOptions.${SORT_LABEL[filters.sort]}`),
          })}
          meta={{
            t: {
              dashboard: tDashboard,
              table: tTable,
              status: tStatus,
              sla: tSla,
              program: tProgram,
              activity: tActivity,
              workload: tWorkload,
            },
            statusLabels,
            format,
            now: props.now,
            calendar: calendarOf(props.settings),
            organizations: props.organizations,
            showReviewer: props.audience === "staff",
            showCreated: filters.sort.endsWith("createdAt"),
            sortHref: (sort) => href({ sort, page: 1 }),
          }}
        />
      )}

      {result.page > 1 || result.hasNextPage ? (
        <nav aria-label={tTable("pagination")} className="flex flex-wrap items-center gap-3 text-sm">
          {result.page > 1 ? (
            <Link className={BUTTON_LINK} rel="prev" prefetch={false} href={href(result.previousCursor ? { cursor: result.previousCursor, page: 1 } : { page: result.page - 1 })} aria-label={tTable("previousPage")}>
              <span aria-hidden="true">‹&nbsp;</span>{tTable("previous")}
            </Link>
          ) : null}
          <span data-testid="page-indicator">
            {pages ? tTable("pageOf", { page: result.page, pages }) : tTable("pageOfMany", { page: result.page })}
          </span>
          {result.hasNextPage ? (
            <Link className={BUTTON_LINK} rel="next" prefetch={false} href={href(result.nextCursor ? { cursor: result.nextCursor, page: 1 } : { page: result.page + 1 })} aria-label={tTable("nextPage")}>
              {tTable("next")}<span aria-hidden="true">&nbsp;›</span>
            </Link>
          ) : null}
        </nav>
      ) : null}

      <ClaimStatusLegend
        title={tTable("legendTitle")}
        open={props.audience === "partner"}
        statuses={statuses}
        labels={statusLabels}
        meanings={Object.fromEntries(statuses.map((s) => [s, tMeaning(s, wording)]))}
      />
    </div>
  );
}

function EmptyState(props: { title: string; body: string; children?: ReactNode }) {
  return (
    <div className="rounded border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="claims-empty">
      <h2 className="text-lg font-semibold text-slate-900">{props.title}</h2>
      <p className="mx-auto mt-1 max-w-prose text-slate-700">{props.body}</p>
      {props.children ? <div className="mt-4 flex flex-wrap justify-center gap-3">{props.children}</div> : null}
    </div>
  );
}
