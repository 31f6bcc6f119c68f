// The claim lists' table: a TanStack Table v9 model (columns, headers, sorting and pagination state) built on
// the server from one page of rows that SQL already filtered, sorted and paged (manual sorting/pagination).
// It renders to plain HTML: no table JavaScript is sent, the rows are not serialized a second time for a
// client component, and sorting is a link (the URL is the state), so it works without JavaScript and the
// back button undoes it.
// Over ~300 lines on purpose: the column definitions are one table model.
import {
  constructTable,
  createColumnHelper,
  metaHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  type HeaderContext,
  type SortingState,
} from "@tanstack/table-core";
import { storeReactivityBindings } from "@tanstack/table-core/store-reactivity-bindings";
// The adapter's render helper only (no hooks): this module stays a server component.
import { flexRender } from "@tanstack/react-table/flex-render";
import Link from "next/link";
import type { CSSProperties } from "react";
import type { getFormatter, getTranslations } from "next-intl/server";
import { oneOf, WORKLOAD_KEYS } from "@/i18n/message-keys";
import { formatClaimNumber } from "@/lib/claims/claim-number";
import type { ClaimListRow, ClaimSort } from "@/lib/claims/queries";
import type { BusinessCalendar } from "@/lib/claims/sla";
import type { Messages } from "@/messages";
import styles from "./claim-table.module.css";
import { DeadlineView } from "./deadline-text";
import { StatusBadgeView, statusMeaningId } from "./status-badge";

/** The translator of one message namespace, typed by its keys. */
type Translate<N extends keyof Messages> = Awaited<ReturnType<typeof getTranslations<N>>>;

export interface ClaimTableMeta {
  t: {
    dashboard: Translate<"dashboard">;
    table: Translate<"claimsTable">;
    status: Translate<"status">;
    sla: Translate<"sla">;
    program: Translate<"program">;
    activity: Translate<"activity">;
    workload: Translate<"workload">;
  };
  format: Awaited<ReturnType<typeof getFormatter>>;
  now: Date;
  calendar: BusinessCalendar;
  /** Organization names by id: adds the organization column (admin). */
  organizations?: Map<string, string>;
  /** Staff lists: adds the column of the reviewer who holds each claim. */
  showReviewer?: boolean;
  /** Sorted by creation: the updated column also shows each claim's creation date. */
  showCreated: boolean;
  /** The URL of the same list sorted by `sort`, first page. */
  sortHref: (sort: ClaimSort) => string;
}

interface ClaimColumnMeta {
  /** The column's name: a key of the "dashboard" messages (header, and the label of a cell on small screens). */
  label: "number" | "organization" | "customer" | "products" | "program" | "activity" | "status" | "sla" | "updated" | "reviewer";
  className?: string;
}

const claimTableFeatures = tableFeatures({
  coreReactivityFeature: storeReactivityBindings(),
  rowSortingFeature,
  rowPaginationFeature,
  tableMeta: metaHelper<ClaimTableMeta>(),
  columnMeta: metaHelper<ClaimColumnMeta>(),
});

const column = createColumnHelper<typeof claimTableFeatures, ClaimListRow>();

/** The ids of the sortable columns are the list's sort fields (`?sort=dueAt`, `?sort=-updatedAt`). */
type SortField = "dueAt" | "updatedAt" | "createdAt";

/** A column's translated name, from its meta: the header, and each cell's label on small screens. */
function label<TValue>(ctx: Pick<HeaderContext<typeof claimTableFeatures, ClaimListRow, TValue>, "table" | "column">): string {
  return ctx.table.options.meta!.t.dashboard(ctx.column.columnDef.meta!.label);
}

const numberColumn = column.accessor("number", {
  header: label,
  cell: (ctx) => (
    // Styled by claim-table.module.css (first cell's link), not by classes repeated in every row.
    // A viewport prefetch of every row's claim page would multiply the server's work per dashboard view.
    <Link href={`/claims/${ctx.row.original.id}`} prefetch={false}>
      {formatClaimNumber(ctx.getValue())}
    </Link>
  ),
  meta: { label: "number" },
});

const organizationColumn = column.accessor("organizationId", {
  id: "organization",
  header: label,
  cell: (ctx) => ctx.table.options.meta!.organizations?.get(ctx.getValue()) ?? "",
  meta: { label: "organization", className: "md:min-w-36" },
});

const otherColumns = column.columns([
  column.accessor("customerName", {
    id: "customer",
    header: label,
    cell: (ctx) => (
      <>
        <strong>{ctx.getValue()}</strong>
        <small>{ctx.row.original.customerDomain}</small>
      </>
    ),
    meta: { label: "customer", className: "md:min-w-44" },
  }),
  column.accessor("products", {
    header: label,
    cell: (ctx) => {
      const { t } = ctx.table.options.meta!;
      const products = ctx.getValue();
      if (products.length === 0) return <span className="text-slate-500">{t.table("noProducts")}</span>;
      return products
        .map((p) => {
          const workload = p.kind === "WORKLOAD" ? oneOf(WORKLOAD_KEYS, p.name) : undefined;
          return workload ? t.workload(workload) : p.name;
        })
        .join(", ");
    },
    meta: { label: "products", className: "md:min-w-40" },
  }),
  column.accessor("program", {
    header: label,
    cell: (ctx) => ctx.table.options.meta!.t.program(ctx.getValue()),
    meta: { label: "program" },
  }),
  column.accessor("activity", {
    header: label,
    cell: (ctx) => ctx.table.options.meta!.t.activity(ctx.getValue()),
    meta: { label: "activity", className: "md:min-w-28" },
  }),
  column.accessor("status", {
    header: label,
    cell: (ctx) => {
      const status = ctx.getValue();
      // The meaning is written once, in the list's legend; the badge points to it.
      return <StatusBadgeView status={status} label={ctx.table.options.meta!.t.status(status)} describedBy={statusMeaningId(status)} />;
    },
    meta: { label: "status" },
  }),
  column.accessor("dueAt", {
    header: label,
    cell: (ctx) => {
      const { now, calendar, t, format } = ctx.table.options.meta!;
      return (
        <DeadlineView status={ctx.row.original.status} dueAt={ctx.getValue()} now={now} calendar={calendar} t={t.sla} format={format} />
      );
    },
    enableSorting: true,
    // Soonest deadline first (TanStack would start dates descending).
    sortDescFirst: false,
    meta: { label: "sla", className: "md:min-w-32" },
  }),
  column.accessor("updatedAt", {
    header: label,
    cell: (ctx) => {
      const { format, t, showCreated, calendar } = ctx.table.options.meta!;
      const date = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeZone: calendar.timeZone });
      const { createdAt } = ctx.row.original;
      const updated = <time dateTime={ctx.getValue().toISOString()}>{date(ctx.getValue())}</time>;
      if (!showCreated) return updated;
      return (
        <>
          {updated}
          <small>
            <time dateTime={createdAt.toISOString()}>{t.table("created", { date: date(createdAt) })}</time>
          </small>
        </>
      );
    },
    enableSorting: true,
    // Most recently updated first.
    sortDescFirst: true,
    meta: { label: "updated", className: "md:whitespace-nowrap" },
  }),
]);

const reviewerColumn = column.accessor("reviewer", {
  header: label,
  cell: (ctx) => ctx.getValue()?.name ?? ctx.table.options.meta!.t.dashboard("unassigned"),
  meta: { label: "reviewer", className: "md:min-w-32" },
});

const PARTNER_COLUMNS = column.columns([numberColumn, ...otherColumns]);
const REVIEW_COLUMNS = column.columns([numberColumn, ...otherColumns, reviewerColumn]);
const ADMIN_COLUMNS = column.columns([numberColumn, organizationColumn, ...otherColumns, reviewerColumn]);

function sortingState(sort: ClaimSort): SortingState {
  return [{ id: sort.replace(/^-/, "") as SortField, desc: sort.startsWith("-") }];
}

export function ClaimTable(props: {
  rows: ClaimListRow[];
  sort: ClaimSort;
  page: number;
  pageSize: number;
  total: number;
  caption: string;
  meta: ClaimTableMeta;
}) {
  const table = constructTable({
    features: claimTableFeatures,
    columns: props.meta.organizations ? ADMIN_COLUMNS : props.meta.showReviewer ? REVIEW_COLUMNS : PARTNER_COLUMNS,
    data: props.rows,
    getRowId: (row) => row.id,
    state: {
      sorting: sortingState(props.sort),
      pagination: { pageIndex: props.page - 1, pageSize: props.pageSize },
    },
    // SQL did the work: the table only describes it.
    manualSorting: true,
    manualPagination: true,
    rowCount: props.total,
    enableSortingRemoval: false,
    enableMultiSort: false,
    defaultColumn: { enableSorting: false },
    meta: props.meta,
  });
  const { t } = props.meta;
  // Small screens label each cell with its column's name: set once on the table as --col-1 … --col-n (read by
  // claim-table.module.css), not repeated as an attribute on every cell of every row.
  const columnLabels = Object.fromEntries(
    table.getAllLeafColumns().map((col, i) => [`--col-${i + 1}`, JSON.stringify(props.meta.t.dashboard(col.columnDef.meta!.label))]),
  ) as CSSProperties;

  // Small screens show one card per claim (claim-table.module.css): the explicit ARIA roles keep the table
  // semantics for assistive technology when CSS changes the table's display.
  return (
    <div
      role="region"
      aria-label={t.table("scrollRegion")}
      // Focusable so that keyboard users can scroll it sideways when it is wider than the screen.
      tabIndex={0}
      className="md:overflow-x-auto md:rounded md:border md:border-slate-200 md:bg-white"
    >
      <table role="table" className={`w-full text-left text-sm ${styles.table}`} style={columnLabels} data-testid="claims-table">
        <caption className="sr-only">{props.caption}</caption>
        <thead role="rowgroup" className="bg-slate-100 text-xs text-slate-700 uppercase">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} role="row">
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const name = flexRender(header.column.columnDef.header, header.getContext());
                const className = `px-3 py-2 font-semibold ${header.column.columnDef.meta?.className ?? ""}`;
                if (!header.column.getCanSort()) {
                  return (
                    <th key={header.id} role="columnheader" scope="col" className={className}>
                      {name}
                    </th>
                  );
                }
                const next = header.column.getNextSortingOrder() || header.column.getFirstSortDir();
                const nextSort = `${next === "desc" ? "-" : ""}${header.column.id}` as ClaimSort;
                return (
                  <th
                    key={header.id}
                    role="columnheader"
                    scope="col"
                    className={className}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                  >
                    <Link
                      href={props.meta.sortHref(nextSort)}
                      prefetch={false}
                      className="inline-flex items-center gap-1 rounded underline-offset-2 hover:underline"
                    >
                      {name}
                      <span aria-hidden="true" className={sorted ? "text-slate-900" : "text-slate-400"}>
                        {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                      </span>
                      {sorted ? (
                        <span className="sr-only">
                          ({t.table(sorted === "asc" ? "sortedAscending" : "sortedDescending")})
                        </span>
                      ) : null}
                    </Link>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody role="rowgroup">
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} role="row" data-testid="claim-row">
              {row.getAllCells().map((cell) => (
                <td key={cell.id} role="cell" className={cell.column.columnDef.meta?.className}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
