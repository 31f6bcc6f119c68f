// CSV export of every claim matching the dashboard's filters, streamed: rows are read in pages with a
// keyset (no OFFSET: page N costs the same as page 1) and written as they come, so memory stays flat
// whatever the number of rows. The same visibility rules and order as the list apply.
import "server-only";
import { csvLine } from "../csv/csv-cell";
import type { Db } from "../db";
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
 * All matching rows as a CSV byte stream (header first), in the list's order. Pulls one page of rows per read:
 * back-pressure aware, memory stays flat, and each page is a keyset range scan (no OFFSET).
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
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(CSV_COLUMNS.join(",") + "\r\n"));
        return;
      }
      if (done || !where) return controller.close();
      const rows = await readKeyset(
        (page) => db.claim.findMany({ ...page, select: claimListSelect }),
        where,
        filters.sort,
        { from, take: EXPORT_BATCH },
      );
      done = rows.length < EXPORT_BATCH;
      const last = rows[rows.length - 1];
      if (last) from = keysetPointOf(filters.sort, last);
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map((row) => csvRow(row, now)).join("")));
      else controller.close();
    },
  });
}
