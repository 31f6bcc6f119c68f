// CSV export of every claim matching the dashboard's filters, streamed: rows are read in pages with a
// keyset (no OFFSET: page N costs the same as page 1) and written as they come, so memory stays flat
// whatever the number of rows. The same visibility rules and order as the list apply.
import "server-only";
import { csvLine } from "../csv/csv-cell";
import type { Db } from "../db";
import { pullStream } from "../http/pull-stream";
import { formatClaimNumber } from "./claim-number";
import type { Actor } from "./lifecycle";
import { keysetPointOf, readKeyset, type KeysetPoint } from "./keyset";
import { claimListSelect, listWhere, type ClaimListFilters, type ClaimListRow } from "./queries";
import { isOverdue } from "./sla";

/** Rows per query: each is one keyset range scan with this LIMIT (tests/integration/dashboard-export.test.ts). */
export const EXPORT_BATCH = 1000;

export const CSV_COLUMNS = [
  "number", "status", "overdue", "dueAt", "mpnId", "program", "activity", "solutionArea", "customerName",
  "customerDomain", "customerTenantId", "products", "consentEndsAt", "sentForIncentiveAssessmentAt",
  "rejectionReason", "createdAt", "updatedAt",
] as const;

function csvRow(claim: ClaimListRow, now: Date): string {
  const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    number: formatClaimNumber(claim.number),
    status: claim.status,
    overdue: isOverdue(claim, now),
    dueAt: claim.dueAt,
    mpnId: claim.mpnId,
    program: claim.program,
    activity: claim.activity,
    solutionArea: claim.solutionArea,
    customerName: claim.customerName,
    customerDomain: claim.customerDomain,
    customerTenantId: claim.customerTenantId,
    products: claim.products.map((p) => (p.subscriptionId ? `${p.name} (${p.subscriptionId})` : p.name)).join("; "),
    consentEndsAt: claim.consentEndsAt,
    sentForIncentiveAssessmentAt: claim.sentForIncentiveAssessmentAt,
    rejectionReason: claim.rejectionReason,
    createdAt: claim.createdAt,
    updatedAt: claim.updatedAt,
  };
  return csvLine(CSV_COLUMNS.map((c) => values[c]));
}

/**
 * All matching rows as a CSV byte stream (header first), in the list's order. One keyset page of rows is read per
 * read of the stream, and only when the reader asks (lib/http/pull-stream.ts): a slow client holds the export
 * where it is, memory stays flat, and each page is a keyset range scan (no OFFSET). A page is joined into one
 * string and encoded once.
 */
export function exportClaimsCsv(
  db: Db,
  actor: Actor,
  filters: Omit<ClaimListFilters, "page" | "pageSize" | "cursor">,
  now: Date,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const where = listWhere(actor, filters, now);
  let from: KeysetPoint | undefined;
  let done = !where;
  let headerSent = false;
  return pullStream(async () => {
    if (!headerSent) {
      headerSent = true;
      return encoder.encode(CSV_COLUMNS.join(",") + "\r\n");
    }
    if (done || !where) return null;
    const rows = await readKeyset(
      (page) => db.claim.findMany({ ...page, select: claimListSelect }),
      where,
      filters.sort,
      { from, take: EXPORT_BATCH },
    );
    done = rows.length < EXPORT_BATCH;
    const last = rows[rows.length - 1];
    if (last) from = keysetPointOf(filters.sort, last);
    if (rows.length === 0) return null;
    let text = "";
    for (const row of rows) text += csvRow(row, now);
    return encoder.encode(text);
  });
}
