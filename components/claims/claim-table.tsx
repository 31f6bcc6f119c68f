// The claim lists' table: a TanStack Table v9 model (columns, headers, sorting and pagination state) built on
// the server from one page of rows that SQL already filtered, sorted and paged (manual sorting/pagination).
// Sorting is a link (the URL is the state), so it works without JavaScript and the back button undoes it.
// The model's output is data: each header [name, sort state, link], each cell compact (texts translated, dates
// formatted here). One small client component, claim-rows.tsx's ClaimTableView, writes the table's markup
// from it, once, in the HTML: server markup was sent twice, as HTML and as React elements in the RSC payload
// (~2.9 kB a row; now ~0.9 kB, most of it the HTML).
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
import type { CSSProperties } from "react";
import type { getFormatter, getTranslations } from "next-intl/server";
import { oneOf, WORKLOAD_KEYS } from "@/i18n/message-keys";
import { ACTIVITIES, type ClaimStatus } from "@/lib/claims/catalogue";
import { formatClaimNumber } from "@/lib/claims/claim-number";
import type { ClaimListRow, ClaimSort } from "@/lib/claims/queries";
import { describeDeadline, localDateOf, type BusinessCalendar } from "@/lib/claims/sla";
import type { Messages } from "@/messages";
import { ClaimTableView, type ClaimCell, type ClaimColumnId, type ClaimHeader, type ClaimRowData, type ClaimRowLabels } from "./claim-rows";

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
  /** Every status's name (the page's one copy, shared with its tabs and legend). */
  statusLabels: Record<ClaimStatus, string>;
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

/** The meta the columns read: the caller's, and the page's one date formatter. */
interface ClaimTableContext extends ClaimTableMeta {
  /** A date as [its local date YYYY-MM-DD, as shown]: formatted once per distinct day of the page. */
  day: (value: Date) => [string, string];
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
  tableMeta: metaHelper<ClaimTableContext>(),
  columnMeta: metaHelper<ClaimColumnMeta>(),
});

const column = createColumnHelper<typeof claimTableFeatures, ClaimListRow>();

/** The ids of the sortable columns are the list's sort fields (`?sort=dueAt`, `?sort=-updatedAt`). */
type SortField = "dueAt" | "updatedAt" | "createdAt";

/** A column's translated name, from its meta: the header, and each cell's label on small screens. */
function label<TValue>(ctx: Pick<HeaderContext<typeof claimTableFeatures, ClaimListRow, TValue>, "table" | "column">): string {
  return ctx.table.options.meta!.t.dashboard(ctx.column.columnDef.meta!.label);
}

// Each column's cell is its compact data (claim-rows.tsx renders it): texts translated and dates formatted here,
// once per row; texts every row would repeat (status and activity names, "Unassigned") go to the island once.
const numberColumn = column.accessor("number", {
  header: label,
  cell: (ctx): ClaimCell => formatClaimNumber(ctx.getValue()),
  meta: { label: "number" },
});

const organizationColumn = column.accessor("organizationId", {
  id: "organization",
  header: label,
  cell: (ctx): ClaimCell => ctx.table.options.meta!.organizations?.get(ctx.getValue()) ?? "",
  meta: { label: "organization", className: "md:min-w-36" },
});

const otherColumns = column.columns([
  column.accessor("customerName", {
    id: "customer",
    header: label,
    cell: (ctx): ClaimCell => [ctx.getValue(), ctx.row.original.customerDomain],
    meta: { label: "customer", className: "md:min-w-44" },
  }),
  column.accessor("products", {
    header: label,
    // "" when there are none: the island writes the "no products yet" text.
    cell: (ctx): ClaimCell => {
      const { t } = ctx.table.options.meta!;
      return ctx
        .getValue()
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
    cell: (ctx): ClaimCell => ctx.table.options.meta!.t.program(ctx.getValue()),
    meta: { label: "program" },
  }),
  column.accessor("activity", {
    header: label,
    // The code: its (sometimes long) name is in the island's labels, once.
    cell: (ctx): ClaimCell => ctx.getValue(),
    meta: { label: "activity", className: "md:min-w-28" },
  }),
  column.accessor("status", {
    header: label,
    // The code: the badge's name is in the island's labels and its meaning in the list's legend, once each.
    cell: (ctx): ClaimCell => ctx.getValue(),
    meta: { label: "status" },
  }),
  column.accessor("dueAt", {
    header: label,
    cell: (ctx): ClaimCell => {
      const { now, calendar, t, format } = ctx.table.options.meta!;
      const view = describeDeadline(ctx.row.original.status, ctx.getValue(), now, calendar);
      switch (view.kind) {
        case "left":
          return ["", t.sla("left", { days: view.businessDays })];
        case "due-today":
          return ["today", t.sla("dueToday")];
        case "overdue":
          return ["overdue", t.sla("overdue", { days: view.businessDays })];
        case "consent-ends":
          return ["", t.sla("consentEnds", { date: format.dateTime(view.at, { day: "numeric", month: "short", timeZone: calendar.timeZone }) })];
        default:
          return ["none", t.sla("none")];
      }
    },
    enableSorting: true,
    // Soonest deadline first (TanStack would start dates descending).
    sortDescFirst: false,
    meta: { label: "sla", className: "md:min-w-32" },
  }),
  column.accessor("updatedAt", {
    header: label,
    cell: (ctx): ClaimCell => {
      const { t, showCreated, day } = ctx.table.options.meta!;
      const [date, shown] = day(ctx.getValue());
      if (!showCreated) return [date, shown];
      const [createdDate, createdShown] = day(ctx.row.original.createdAt);
      return [date, shown, createdDate, t.table("created", { date: createdShown })];
    },
    enableSorting: true,
    // Most recently updated first.
    sortDescFirst: true,
    meta: { label: "updated" },
  }),
]);

const reviewerColumn = column.accessor("reviewer", {
  header: label,
  // "" when unassigned: the island writes "Unassigned".
  cell: (ctx): ClaimCell => ctx.getValue()?.name ?? "",
  meta: { label: "reviewer", className: "md:min-w-32" },
});

const PARTNER_COLUMNS = column.columns([numberColumn, ...otherColumns]);
const REVIEW_COLUMNS = column.columns([numberColumn, ...otherColumns, reviewerColumn]);
const ADMIN_COLUMNS = column.columns([numberColumn, organizationColumn, ...otherColumns, reviewerColumn]);

/** The page's date formatter: each distinct day is formatted once (a page's rows share few days). */
function dayFormatter({ format, calendar }: ClaimTableMeta): ClaimTableContext["day"] {
  const shown = new Map<string, string>();
  return (value) => {
    const date = localDateOf(value, calendar);
    let text = shown.get(date);
    if (text === undefined) {
      text = format.dateTime(value, { dateStyle: "medium", timeZone: calendar.timeZone });
      shown.set(date, text);
    }
    return [date, text];
  };
}

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
    meta: { ...props.meta, day: dayFormatter(props.meta) },
  });
  const { t } = props.meta;
  const columns = table.getAllLeafColumns().map((col) => col.id as ClaimColumnId);
  const rows = table.getRowModel().rows.map((row): ClaimRowData => [
    row.id,
    ...row.getAllCells().map((cell) => {
      const render = cell.column.columnDef.cell;
      return (typeof render === "function" ? render(cell.getContext()) : render) as ClaimCell;
    }),
  ]);
  const labels: ClaimRowLabels = {
    status: props.meta.statusLabels,
    activity: Object.fromEntries(ACTIVITIES.map((a) => [a, t.activity(a)])),
    noProducts: t.table("noProducts"),
    unassigned: t.dashboard("unassigned"),
  };
  // Small screens label each cell with its column's name: set once on the table as --col-1 … --col-n (read by
  // claim-table.module.css), not repeated as an attribute on every cell of every row.
  const columnLabels = Object.fromEntries(
    table.getAllLeafColumns().map((col, i) => [`--col-${i + 1}`, JSON.stringify(props.meta.t.dashboard(col.columnDef.meta!.label))]),
  ) as CSSProperties;

  const headers = table.getHeaderGroups()[0].headers.map((header): ClaimHeader => {
    const render = header.column.columnDef.header;
    const name = (typeof render === "function" ? render(header.getContext()) : render) as string;
    const className = header.column.columnDef.meta?.className ?? "";
    const sorted = header.column.getIsSorted();
    if (!header.column.getCanSort()) return [header.id, name, className];
    const next = header.column.getNextSortingOrder() || header.column.getFirstSortDir();
    const nextSort = `${next === "desc" ? "-" : ""}${header.column.id}` as ClaimSort;
    const sortedText = sorted ? `(${t.table(sorted === "asc" ? "sortedAscending" : "sortedDescending")})` : "";
    return [header.id, name, className, sorted || "", props.meta.sortHref(nextSort), sortedText];
  });

  return (
    <ClaimTableView
      regionLabel={t.table("scrollRegion")}
      caption={props.caption}
      columnLabels={columnLabels}
      headers={headers}
      columns={columns}
      rows={rows}
      labels={labels}
    />
  );
}
