// Read side: what each actor may see, the dashboard/queue listing and its per-status counts.
// Listing is server-side (filter, sort, page in SQL on the indexes of prisma/schema.prisma); tab counts
// come from the trigger-maintained ClaimStatusCount table, never from counting claims per request.
// Over ~300 lines on purpose: listing, counts and their where-clauses derive from one visibility scope.
import "server-only";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { CLAIM_STATUSES, type ClaimStatus, type Program, type SolutionArea } from "./catalogue";
import { parseClaimNumber } from "./claim-number";
import type { Actor } from "./lifecycle";
import { claimDetailInclude, type ClaimDetail } from "./claim-detail";
import { ClaimError } from "./errors";
import { claimCursor, decodeClaimCursor, KEYSET_SELECT, readPage } from "./list-cursor";
import { PAGE_CEILING } from "./schemas/limits";
import { EXTRA_LIST_FILTERS, type ClaimSort, type ExtraListFilters } from "./schemas/list-query";
import { SLA_STAGES } from "./sla";
import { visibilityScope, visibilityWhere, visibleStatuses } from "./visibility";

// Re-exported for the components and tests that import the list's vocabulary from here; the list query's
// schema (schemas/list-query.ts) owns it.
export { CLAIM_SORTS, type ClaimSort } from "./schemas/list-query";

export interface ClaimListFilters extends ExtraListFilters {
  status?: ClaimStatus;
  q?: string;
  program?: Program;
  solutionArea?: SolutionArea;
  overdue?: boolean;
  /**
   * Staff only (ignored for partners): `me` = claims the caller holds, `none` = claims nobody holds. With the
   * `dueAt` sort this is the reviewer's queue: a passed deadline sorts before every open one, so overdue
   * claims come first in each view without a second sort key (index (reviewerId, status, dueAt, id)).
   */
  assignee?: ClaimAssignee;
  sort: ClaimSort;
  page: number;
  pageSize: number;
  /** A keyset position (lib/paging/cursor.ts): when set, `page` is not read; the cursor says which page it is. */
  cursor?: string;
}

export const CLAIM_ASSIGNEES = ["me", "none"] as const;
export type ClaimAssignee = (typeof CLAIM_ASSIGNEES)[number];

export type StatusCounts = Record<ClaimStatus, number>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The highest code point: in the "C" collation of the *Lower columns, [q, q + MAX) holds exactly the strings
// that start with q, so a prefix search is an ordinary btree range scan.
const MAX_CODE_POINT = "\u{10FFFF}";

/**
 * True when `q` names one claim or one customer exactly (a claim number or a tenant ID): the review queue
 * then searches every status, since a reviewer typing a number wants that claim whatever tab they are on.
 */
export function isIdentifierSearch(q: string | undefined): boolean {
  const text = q?.trim() ?? "";
  return text !== "" && (parseClaimNumber(text) !== null || GUID.test(text));
}

/** The `q` search: exact claim number or tenant ID, else a case-insensitive prefix of customer name or domain. */
export function searchWhere(q: string): Prisma.ClaimWhereInput {
  const text = q.trim();
  const sequence = parseClaimNumber(text);
  if (sequence !== null) return { number: sequence };
  if (GUID.test(text)) return { customerTenantId: text.toLowerCase() };
  const prefix = text.toLowerCase();
  const range = { gte: prefix, lt: prefix + MAX_CODE_POINT };
  return { OR: [{ customerNameLower: range }, { customerDomainLower: range }] };
}

/**
 * The SQL form of sla.isOverdue: in an SLA stage and strictly past the deadline (`dueAt` is the last instant
 * still in time). `overdue: false` is its exact complement, so the two filters partition every claim.
 */
export function overdueWhere(overdue: boolean, now: Date): Prisma.ClaimWhereInput {
  return overdue
    ? { status: { in: [...SLA_STAGES] }, dueAt: { lt: now } }
    : { OR: [{ status: { notIn: [...SLA_STAGES] } }, { dueAt: null }, { dueAt: { gte: now } }] };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const isDay = (text: string) => text.length === 10;

/** `…From`: from the instant, or from the start of the UTC day; `…To`: through the instant, or the whole UTC day. */
function rangeWhere(from: string | undefined, to: string | undefined): Prisma.DateTimeNullableFilter | null {
  if (from === undefined && to === undefined) return null;
  const range: Prisma.DateTimeNullableFilter = {};
  if (from !== undefined) range.gte = new Date(from);
  if (to !== undefined) {
    if (isDay(to)) range.lt = new Date(new Date(to).getTime() + DAY_MS);
    else range.lte = new Date(to);
  }
  return range;
}

/** The second release's filters (docs/api.md "List filters") as conditions. */
export function extraFiltersWhere(filters: ExtraListFilters): Prisma.ClaimWhereInput[] {
  const and: Prisma.ClaimWhereInput[] = [];
  if (filters.activity) and.push({ activity: filters.activity });
  if (filters.mpnId) and.push({ mpnId: filters.mpnId });
  // Staff narrow to one organization; for a partner the visibility scope already is its organization, so
  // another organization's id simply matches nothing.
  if (filters.organizationId) and.push({ organizationId: filters.organizationId });
  const created = rangeWhere(filters.createdFrom, filters.createdTo);
  if (created) and.push({ createdAt: created as Prisma.DateTimeFilter });
  const submitted = rangeWhere(filters.submittedFrom, filters.submittedTo);
  if (submitted) and.push({ submittedAt: submitted });
  const decided = rangeWhere(filters.decidedFrom, filters.decidedTo);
  if (decided) and.push({ decidedAt: decided });
  if (filters.dispute === "NONE") and.push({ dispute: { is: null } });
  else if (filters.dispute) and.push({ dispute: { is: { status: filters.dispute } } });
  if (filters.sentForIncentiveAssessment !== undefined) {
    and.push({ sentForIncentiveAssessmentAt: filters.sentForIncentiveAssessment ? { not: null } : null });
  }
  return and;
}

export function listWhere(actor: Actor, filters: Omit<ClaimListFilters, "sort" | "page" | "pageSize">, now: Date) {
  const visibility = visibilityScope(actor);
  const scope = visibilityWhere(visibility);
  if (!scope) return null;
  // A status the actor never sees (a reviewer asking for EDITING) matches nothing: say so instead of asking
  // PostgreSQL, which cannot tell that `status NOT IN ('EDITING') AND status = 'EDITING'` is empty and scans them all.
  if (filters.status && !visibleStatuses(visibility).includes(filters.status)) return null;
  const and: Prisma.ClaimWhereInput[] = [scope];
  if (filters.status) and.push({ status: filters.status });
  if (filters.program) and.push({ program: filters.program });
  if (filters.solutionArea) and.push({ solutionArea: filters.solutionArea });
  if (filters.q?.trim()) and.push(searchWhere(filters.q));
  if (filters.assignee && actor.kind === "user" && (actor.role === "REVIEWER" || actor.role === "ADMIN")) {
    and.push({ reviewerId: filters.assignee === "me" ? actor.userId : null });
  }
  if (filters.overdue !== undefined) and.push(overdueWhere(filters.overdue, now));
  and.push(...extraFiltersWhere(filters));
  return { AND: and } satisfies Prisma.ClaimWhereInput;
}

// Sort order lives with the keyset walks (keyset.ts); re-exported for the callers that import it from here.
export { orderByFor } from "./keyset";

export const claimListSelect = {
  id: true,
  number: true,
  organizationId: true,
  mpnId: true,
  program: true,
  activity: true,
  solutionArea: true,
  customerName: true,
  customerDomain: true,
  customerTenantId: true,
  status: true,
  dueAt: true,
  consentEndsAt: true,
  sentForIncentiveAssessmentAt: true,
  rejectionReason: true,
  createdAt: true,
  updatedAt: true,
  products: { select: { kind: true, name: true, subscriptionId: true }, orderBy: { position: "asc" } },
  reviewerId: true,
  reviewer: { select: { id: true, name: true } },
} satisfies Prisma.ClaimSelect;

export type ClaimListRow = Prisma.ClaimGetPayload<{ select: typeof claimListSelect }>;

function emptyCounts(): StatusCounts {
  return Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

/** Per-status counts of everything the actor may see, from the maintained counts table. */
export async function statusCounts(db: Db, actor: Actor): Promise<StatusCounts> {
  const counts = emptyCounts();
  // The counts table carries organizationId and status like Claim, so the same visibility filter applies.
  const scope = visibilityWhere(visibilityScope(actor));
  if (!scope) return counts;
  const rows = await db.claimStatusCount.groupBy({ by: ["status"], where: scope, _sum: { count: true } });
  for (const row of rows) counts[row.status as ClaimStatus] = row._sum.count ?? 0;
  return counts;
}

export function onlyStatusFilter(filters: ClaimListFilters): boolean {
  return (
    !filters.q?.trim() &&
    !filters.program &&
    !filters.solutionArea &&
    filters.overdue === undefined &&
    !filters.assignee &&
    EXTRA_LIST_FILTERS.every((name) => filters[name] === undefined)
  );
}

export interface ClaimListResult {
  items: ClaimListRow[];
  total: number;
  page: number;
  pageSize: number;
  counts: StatusCounts;
  /** The cursor of the page after this one; null on the last page. */
  nextCursor: string | null;
}

function ceilingError(): ClaimError {
  const message = `page × pageSize may not exceed ${PAGE_CEILING}: follow nextCursor (pass it as cursor) to read deeper rows`;
  return new ClaimError("VALIDATION", `${message}.`, [{ path: "page", message }]);
}

/**
 * A page of the API's claim list, each claim in full (products, PoE, dispute), with an exact `total` and the
 * `nextCursor` of the following page. `page × pageSize` over PAGE_CEILING is refused: use the cursor.
 */
export async function listClaimDetails(
  db: Db,
  actor: Actor,
  filters: ClaimListFilters,
  now: Date,
): Promise<Omit<ClaimListResult, "items"> & { items: ClaimDetail[] }> {
  if (!filters.cursor && filters.page * filters.pageSize > PAGE_CEILING) throw ceilingError();
  const cursor = filters.cursor ? decodeClaimCursor(filters, filters.cursor) : null;
  const page = cursor?.page ?? filters.page;
  const where = listWhere(actor, filters, now);
  const counts = await statusCounts(db, actor);
  if (!where) return { items: [], total: 0, page, pageSize: filters.pageSize, counts, nextCursor: null };
  const [{ rows, more }, total] = await Promise.all([
    readPage(
      (args) => db.claim.findMany({ ...args, include: claimDetailInclude }),
      (args) => db.claim.findMany({ ...args, select: KEYSET_SELECT }),
      where,
      filters,
      cursor,
    ),
    // Unfiltered or status-only views read the total from the maintained counts; other filters count.
    onlyStatusFilter(filters) ? Promise.resolve(totalFromCounts(counts, filters.status)) : db.claim.count({ where }),
  ]);
  const last = rows[rows.length - 1];
  // A "Previous" cursor (the portal's) read here still has the rows it came from after it.
  const hasNext = cursor?.backward ? rows.length > 0 : more;
  return {
    items: rows,
    total,
    page,
    pageSize: filters.pageSize,
    counts,
    nextCursor: hasNext && last ? claimCursor(filters, last, page + 1) : null,
  };
}

export function totalFromCounts(counts: StatusCounts, status: ClaimStatus | undefined): number {
  return status ? counts[status] : Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/**
 * Bounds on what one portal list page reads (docs/performance-notes.md), so that every page request costs
 * about the same whatever the filters and the number of claims:
 * - a filtered view is counted up to PAGE_COUNT_LIMIT, walking the list's own index: a larger count shows as
 *   "More than 1,000" (status tabs and unfiltered views are exact: they come from the maintained counts);
 * - the page links carry keyset cursors (Next: after the last row; Previous: before the first row, walked
 *   backward), so page 400 costs what page 1 costs; a hand-written `?page=` still works by OFFSET up to
 *   PAGE_READ_LIMIT rows (deeper is not read: follow Next, reverse the sort, narrow the filters or export).
 */
export const PAGE_COUNT_LIMIT = 1_000;
export const PAGE_READ_LIMIT = PAGE_CEILING;

export interface ClaimListPage extends ClaimListResult {
  /** False when counting stopped at PAGE_COUNT_LIMIT: `total` is then a lower bound. */
  totalIsExact: boolean;
  hasNextPage: boolean;
  /** The cursor of the page before this one; null on pages 1 and 2 (page 2's previous is the plain page 1). */
  previousCursor: string | null;
  /** The requested `?page=` starts beyond PAGE_READ_LIMIT, so it was not read. */
  beyondReadLimit: boolean;
}
