"use client";

// The claim table's markup (header, rows) and the status legend: small client components that write it from
// compact data (strings and short tuples, already translated and formatted on the server, see claim-table.tsx).
// A server-rendered table sent each row's markup twice — as HTML and again as React elements in the RSC
// payload, attributes and keys included (~2.9 kB a row); here the payload carries only the row's data
// (~0.2 kB) and the markup is written once, in the HTML. Server-rendered like any client component, so the
// table is there without JavaScript; the claim links navigate client-side once it has loaded.
import Link from "next/link";
import type { CSSProperties, ReactNode } from "react";
import type { ClaimStatus } from "@/lib/claims/catalogue";
import styles from "./claim-table.module.css";
import { STATUS_MARKER, statusMeaningId } from "./status-style";

/** The columns a list can show, in their cell data's shape (the ids of claim-table.tsx's columns). */
export type ClaimColumnId =
  | "number"
  | "organization"
  | "customer"
  | "products"
  | "program"
  | "activity"
  | "status"
  | "dueAt"
  | "updatedAt"
  | "reviewer";

/** A deadline cell: [how it reads, its text]. "" plain, "today" due today, "overdue", "none" (no deadline). */
export type DeadlineCell = ["" | "today" | "overdue" | "none", string];
/** An updated cell: [its date (YYYY-MM-DD), the date as shown] and, sorted by creation, the same for the creation. */
export type UpdatedCell = [string, string] | [string, string, string, string];
/** A cell: plain text, a [name, domain] customer, a deadline or an updated cell (by its column). */
export type ClaimCell = string | [string, string] | DeadlineCell | UpdatedCell;
/** One row: the claim's id, then one cell per column. */
export type ClaimRowData = [id: string, ...cells: ClaimCell[]];

/** Texts every row may need, sent once instead of in each row. */
export interface ClaimRowLabels {
  status: Record<ClaimStatus, string>;
  activity: Record<string, string>;
  noProducts: string;
  unassigned: string;
}

function renderCell(column: ClaimColumnId, id: string, cell: ClaimCell, labels: ClaimRowLabels): ReactNode {
  switch (column) {
    case "number":
      // A viewport prefetch of every row's claim page would multiply the server's work per list view.
      return (
        <Link href={`/claims/${id}`} prefetch={false}>
          {cell as string}
        </Link>
      );
    case "customer": {
      const [name, domain] = cell as [string, string];
      return (
        <>
          <strong>{name}</strong>
          <small>{domain}</small>
        </>
      );
    }
    case "products":
      return cell === "" ? <span className={styles.muted}>{labels.noProducts}</span> : (cell as string);
    case "activity":
      return labels.activity[cell as string] ?? (cell as string);
    case "status": {
      const status = cell as ClaimStatus;
      // The meaning is written once, in the list's legend (ClaimStatusLegend); the badge points to it.
      return <ListStatusBadge status={status} label={labels.status[status]} describedBy={statusMeaningId(status)} />;
    }
    case "dueAt": {
      const [kind, text] = cell as DeadlineCell;
      if (kind === "overdue") {
        return (
          <span className={styles.overdue} data-overdue="true">
            <span aria-hidden="true">⚠ </span>
            {text}
          </span>
        );
      }
      if (kind === "today") return <span className={styles.dueToday}>{text}</span>;
      if (kind === "none") return <span aria-label="none">{text}</span>;
      return text;
    }
    case "updatedAt": {
      const [date, shown, createdDate, createdShown] = cell as [string, string, string?, string?];
      const updated = <time dateTime={date}>{shown}</time>;
      if (!createdDate) return updated;
      return (
        <>
          {updated}
          <small>
            <time dateTime={createdDate}>{createdShown}</time>
          </small>
        </>
      );
    }
    case "reviewer":
      return cell === "" ? labels.unassigned : (cell as string);
    default:
      return cell as string;
  }
}

/**
 * A column header: [column id, name, minimum-width classes] and, when the list sorts by it, [how it is sorted
 * now ("" not by it), the URL of the list sorted by it (next order, first page), the sorted state for screen
 * readers].
 */
export type ClaimHeader = [id: string, name: string, className: string] | [id: string, name: string, className: string, sorted: "asc" | "desc" | "", href: string, sortedText: string];

/**
 * The whole table from its data. Small screens show one card per claim (claim-table.module.css): the explicit
 * ARIA roles keep the table semantics for assistive technology when CSS changes the table's display.
 */
export function ClaimTableView(props: {
  regionLabel: string;
  caption: string;
  /** --col-1 … --col-n: each column's name, which small screens write before each cell. */
  columnLabels: CSSProperties;
  headers: ClaimHeader[];
  columns: ClaimColumnId[];
  rows: ClaimRowData[];
  labels: ClaimRowLabels;
}) {
  const { columns, labels } = props;
  return (
    <div
      role="region"
      aria-label={props.regionLabel}
      // Focusable so that keyboard users can scroll it sideways when it is wider than the screen.
      tabIndex={0}
      className="md:overflow-x-auto md:rounded md:border md:border-slate-200 md:bg-white"
    >
      <table role="table" className={`w-full text-left text-sm ${styles.table}`} style={props.columnLabels} data-testid="claims-table">
        <caption className="sr-only">{props.caption}</caption>
        <thead role="rowgroup" className="bg-slate-100 text-xs text-slate-700 uppercase">
          <tr role="row">
            {props.headers.map(([id, name, className, sorted, href, sortedText]) => (
              <th
                key={id}
                role="columnheader"
                scope="col"
                className={`px-3 py-2 font-semibold ${className}`}
                aria-sort={href === undefined ? undefined : sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
              >
                {href === undefined ? (
                  name
                ) : (
                  // Sorting is a link: the URL is the state, so it works without JavaScript and "back" undoes it.
                  <Link href={href} prefetch={false} className="inline-flex items-center gap-1 rounded underline-offset-2 hover:underline">
                    {name}
                    <span aria-hidden="true" className={sorted ? "text-slate-900" : "text-slate-400"}>
                      {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                    </span>
                    {sortedText ? <span className="sr-only">{sortedText}</span> : null}
                  </Link>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {props.rows.map(([id, ...cells]) => (
            <tr key={id} role="row" data-testid="claim-row">
              {cells.map((cell, i) => (
                <td key={columns[i]} role="cell">
                  {renderCell(columns[i], id, cell, labels)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The status badge of the lists (status-badge.tsx's, drawn by the CSS module instead of utility classes). */
function ListStatusBadge(props: { status: ClaimStatus; label: string; describedBy?: string }) {
  return (
    <span data-testid="status-badge" data-status={props.status} aria-describedby={props.describedBy} className={styles.badge}>
      <span aria-hidden="true">{STATUS_MARKER[props.status]}</span>
      {props.label}
    </span>
  );
}

/**
 * The one place a list writes the statuses' meanings: each row's badge points here (aria-describedby). Open for
 * partners, who read the meanings; staff know them. A client component for the same reason as the rows: its
 * markup is written once, in the HTML, and the payload carries only the texts.
 */
export function ClaimStatusLegend(props: {
  title: string;
  open: boolean;
  statuses: readonly ClaimStatus[];
  labels: Record<ClaimStatus, string>;
  meanings: Partial<Record<ClaimStatus, string>>;
}) {
  return (
    <details className="rounded border border-slate-200 bg-white p-3 text-sm" open={props.open}>
      <summary className="cursor-pointer font-medium">{props.title}</summary>
      <dl className="mt-2 grid gap-2 sm:grid-cols-[max-content_1fr] sm:gap-x-4">
        {props.statuses.map((s) => (
          <div key={s} className="contents">
            <dt>
              <ListStatusBadge status={s} label={props.labels[s]} />
            </dt>
            <dd className="text-slate-700" id={statusMeaningId(s)}>
              {props.meanings[s]}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
