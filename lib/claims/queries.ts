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
import { cursorInstant, decodeCursor, encodeCursor } from "../paging/cursor";
import { ClaimError } from "./errors";
import { keysetPointOf, readKeyset, sortField, type KeysetPoint } from "./keyset";
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

/**
 * SQL order of a sort, always ending in `id` so that pages never overlap or skip. A claim without a deadline
 * counts as due last: `dueAt` ascending puts it at the end and `-dueAt` (the exact reverse) at the start, so
 * both directions are one forward or backward walk of the (…, dueAt, id) indexes.
 */
export function orderByFor(sort: ClaimSort): Prisma.ClaimOrderByWithRelationInput[] {
  const direction = sort.startsWith("-") ? "desc" : "asc";
  const field = sort.replace(/^-/, "") as "updatedAt" | "createdAt" | "dueAt";
  const primary: Prisma.ClaimOrderByWithRelationInput =
    field === "dueAt" ? { dueAt: { sort: direction, nulls: direction === "asc" ? "last" : "first" } } : { [field]: direction };
  return [primary, { id: direction }];
}

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

function onlyStatusFilter(filters: ClaimListFilters): boolean {
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

/**
 * What a claim-list cursor is bound to: the sort and every filter (not the page or its size). A cursor made
 * for other filters is refused (API) or ignored (pages): it would position a different list.
 */
function cursorScope(filters: ClaimListFilters): Record<string, unknown> {
  const { cursor: _cursor, page: _page, pageSize: _pageSize, ...scope } = filters;
  return scope;
}

interface ClaimCursor {
  point: KeysetPoint;
  backward: boolean;
  page: number;
}

/** The position a claim-list cursor holds; a malformed or foreign cursor is a VALIDATION ClaimError. */
export function decodeClaimCursor(filters: ClaimListFilters, raw: string): ClaimCursor {
  const position = decodeCursor("claims", cursorScope(filters), raw);
  const value = position.keys.length === 1 ? cursorInstant(position.keys[0]) : undefined;
  // Only a deadline may be missing (the claims without one); updatedAt and createdAt always exist.
  if (value === undefined || (value === null && sortField(filters.sort) !== "dueAt")) {
    throw new ClaimError("VALIDATION", "The cursor is not valid.", [
      { path: "cursor", message: "Not a cursor of this list: start again without a cursor" },
    ]);
  }
  return { point: { value, id: position.id }, backward: position.backward ?? false, page: position.page ?? 1 };
}

type KeysetRow = { id: string; updatedAt: Date; createdAt: Date; dueAt: Date | null };

/** A cursor to the rows after (or, `backward`, before) `row`, leading to page `page`. */
export function claimCursor(filters: ClaimListFilters, row: KeysetRow, page: number, backward = false): string {
  const point = keysetPointOf(filters.sort, row);
  return encodeCursor("claims", cursorScope(filters), {
    keys: [point.value ? point.value.toISOString() : null],
    id: point.id,
    page,
    ...(backward ? { backward: true } : {}),
  });
}

type FindPage<T> = (page: {
  where: Prisma.ClaimWhereInput;
  orderBy: Prisma.ClaimOrderByWithRelationInput[];
  take: number;
  skip?: number;
}) => Promise<T[]>;

/**
 * One page of a claim list, by keyset or OFFSET: with a cursor, the rows past its position (walked backward
 * for a "Previous" cursor, then put back in order); without one, page `page` by OFFSET (bounded by the
 * callers: PAGE_CEILING, PAGE_READ_LIMIT). Reads one row more than the page to tell whether more follow in
 * the direction walked.
 */
async function readPage<T extends KeysetRow>(
  find: FindPage<T>,
  where: Prisma.ClaimWhereInput,
  filters: ClaimListFilters,
  cursor: ClaimCursor | null,
): Promise<{ rows: T[]; more: boolean }> {
  const take = filters.pageSize + 1;
  const rows = cursor
    ? await readKeyset(find, where, filters.sort, { from: cursor.point, backward: cursor.backward, take })
    : await find({ where, orderBy: orderByFor(filters.sort), skip: (filters.page - 1) * filters.pageSize, take });
  const page = rows.slice(0, filters.pageSize);
  return { rows: cursor?.backward ? page.reverse() : page, more: rows.length > filters.pageSize };
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
    readPage((args) => db.claim.findMany({ ...args, include: claimDetailInclude }), where, filters, cursor),
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

function totalFromCounts(counts: StatusCounts, status: ClaimStatus | undefined): number {
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

/**
 * A page of the portal's claim lists (dashboard, review queue, admin). Unlike `listClaimDetails` (the API's
 * contract: an exact `total`), a filtered view's total is a capped count. Pages are lenient with URLs: a
 * cursor that does not fit the filters (edited by hand, or made for other filters) shows page 1.
 */
export async function listClaimsPage(
  db: Db,
  actor: Actor,
  filters: ClaimListFilters,
  now: Date,
  limits: { count: number; read: number } = { count: PAGE_COUNT_LIMIT, read: PAGE_READ_LIMIT },
): Promise<ClaimListPage> {
  let cursor: ClaimCursor | null = null;
  if (filters.cursor) {
    try {
      cursor = decodeClaimCursor(filters, filters.cursor);
    } catch (error) {
      if (!(error instanceof ClaimError)) throw error;
      filters = { ...filters, cursor: undefined, page: 1 };
    }
  }
  const where = listWhere(actor, filters, now);
  const beyondReadLimit = !cursor && (filters.page - 1) * filters.pageSize >= limits.read;
  const orderBy = orderByFor(filters.sort);
  const findRows: FindPage<ClaimListRow> = (args) => db.claim.findMany({ ...args, select: claimListSelect });
  const [counts, read, counted] = await Promise.all([
    statusCounts(db, actor),
    where && !beyondReadLimit ? readPage(findRows, where, filters, cursor) : Promise.resolve({ rows: [] as ClaimListRow[], more: false }),
    where && !onlyStatusFilter(filters)
      ? // With the list's ORDER BY the capped count walks the list's own index and stops after the cap
        // (without it Prisma orders by id: a walk of the primary key).
        db.claim.count({ where, orderBy, take: limits.count + 1 })
      : Promise.resolve(null),
  ]);
  let { rows } = read;
  let page = cursor?.page ?? filters.page;
  let hasNextPage = cursor?.backward ? rows.length > 0 : read.more;
  // Walking back reached the start (rows were added or removed since the link was made): show the real page 1.
  if (cursor?.backward && !read.more && where) {
    const first = await readPage(findRows, where, { ...filters, cursor: undefined, page: 1 }, null);
    ({ rows } = first);
    hasNextPage = first.more;
    page = 1;
  }
  const totalIsExact = counted === null || counted <= limits.count;
  const total = !where ? 0 : counted === null ? totalFromCounts(counts, filters.status) : Math.min(counted, limits.count);
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    items: rows,
    total,
    totalIsExact,
    hasNextPage,
    nextCursor: hasNextPage && last ? claimCursor(filters, last, page + 1) : null,
    previousCursor: page > 2 && first ? claimCursor(filters, first, page - 1, true) : null,
    beyondReadLimit,
    page,
    pageSize: filters.pageSize,
    counts,
  };
}
