// CSV export of every claim matching the dashboard's filters, streamed: rows are read in pages with a
// keyset (no OFFSET: page N costs the same as page 1) and written as they come, so memory stays flat
// whatever the number of rows. The same visibility rules and order as the list apply.
import "server-only";
import { csvLine } from "../csv/csv-cell";
import type { Db } from "../db";
import { formatClaimNumber } from "./claim-number";
import type { Actor } from "./lifecycle";
import type { Prisma } from "../generated/prisma/client";
import { claimListSelect, listWhere, type ClaimListFilters, type ClaimListRow, type ClaimSort } from "./queries";
import { isOverdue } from "./sla";

const PAGE = 1000;

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

type Direction = "asc" | "desc";
type KeysetRow = Pick<ClaimListRow, "id" | "updatedAt" | "createdAt" | "dueAt">;

/**
 * One stretch of the export order that a keyset can walk: rows ordered by `field` (none: by id alone), then id.
 * The dueAt order is two stretches, the claims with a deadline and those without (which count as due last,
 * as in orderByFor), because "after (dueAt, id)" across the NULLs is not an index range.
 */
interface Segment {
  where: Prisma.ClaimWhereInput;
  field: "updatedAt" | "createdAt" | "dueAt" | null;
  direction: Direction;
}

export function exportSegments(sort: ClaimSort): Segment[] {
  const direction: Direction = sort.startsWith("-") ? "desc" : "asc";
  const field = sort.replace(/^-/, "") as "updatedAt" | "createdAt" | "dueAt";
  if (field !== "dueAt") return [{ where: {}, field, direction }];
  const withDeadline: Segment = { where: { dueAt: { not: null } }, field: "dueAt", direction };
  const withoutDeadline: Segment = { where: { dueAt: null }, field: null, direction };
  return direction === "asc" ? [withDeadline, withoutDeadline] : [withoutDeadline, withDeadline];
}

/**
 * Rows strictly after `last` in a segment's order. The redundant `field <= v` (or `>=`) bounds the index range
 * scan; the OR only settles ties on the field. Each page then costs the same, however deep into the export.
 */
export function keysetAfter(segment: Segment, last: KeysetRow): Prisma.ClaimWhereInput {
  const past = segment.direction === "asc" ? "gt" : "lt";
  if (!segment.field) return { id: { [past]: last.id } };
  const value = last[segment.field];
  if (value === null) throw new Error(`keyset on ${segment.field} reached a row without one`);
  const bound = segment.direction === "asc" ? "gte" : "lte";
  return {
    [segment.field]: { [bound]: value },
    OR: [{ [segment.field]: { [past]: value } }, { id: { [past]: last.id } }],
  };
}

function segmentOrder(segment: Segment): Prisma.ClaimOrderByWithRelationInput[] {
  if (segment.field) return [{ [segment.field]: segment.direction }, { id: segment.direction }];
  // Ordering the NULL segment by dueAt too changes nothing in the result but lets PostgreSQL walk the
  // (…, dueAt, id) index: `dueAt IS NULL` alone does not make the index ordered by id for the planner.
  return [
    { dueAt: { sort: segment.direction, nulls: segment.direction === "asc" ? "last" : "first" } },
    { id: segment.direction },
  ];
}

/**
 * All matching rows as a CSV byte stream (header first), in the list's order. Pulls one page of rows per read:
 * back-pressure aware, memory stays flat, and each page is a keyset range scan (no OFFSET).
 */
export function exportClaimsCsv(db: Db, actor: Actor, filters: Omit<ClaimListFilters, "page" | "pageSize">, now: Date): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const where = listWhere(actor, filters, now);
  const segments = where ? exportSegments(filters.sort) : [];
  let segmentIndex = 0;
  let last: KeysetRow | undefined;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(CSV_COLUMNS.join(",") + "\r\n"));
        return;
      }
      // Loops only past segments that turn out empty, so every pull enqueues a page or closes the stream.
      while (where && segmentIndex < segments.length) {
        const segment = segments[segmentIndex];
        const rows = await db.claim.findMany({
          where: { AND: [where, segment.where, ...(last ? [keysetAfter(segment, last)] : [])] },
          select: claimListSelect,
          orderBy: segmentOrder(segment),
          take: PAGE,
        });
        if (rows.length < PAGE) {
          segmentIndex += 1;
          last = undefined;
        } else {
          last = rows[rows.length - 1];
        }
        if (rows.length > 0) {
          controller.enqueue(encoder.encode(rows.map((row) => csvRow(row, now)).join("")));
          return;
        }
      }
      controller.close();
    },
  });
}
