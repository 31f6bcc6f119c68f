// The portal's claim list pages (dashboard, review queue, admin list): one page with its capped count, its
// status counts and the cursors of its Next and Previous links. The API's list (an exact total) is
// queries.listClaimDetails; both page by list-cursor.ts.
import "server-only";
import type { Db } from "../db";
import type { Actor } from "./lifecycle";
import { ClaimError } from "./errors";
import { orderByFor } from "./keyset";
import { claimCursor, decodeClaimCursor, KEYSET_SELECT, readPage, type ClaimCursor, type FindPage, type KeysetRow } from "./list-cursor";
import {
  claimListSelect,
  listWhere,
  onlyStatusFilter,
  PAGE_COUNT_LIMIT,
  PAGE_READ_LIMIT,
  statusCounts,
  totalFromCounts,
  type ClaimListFilters,
  type ClaimListPage,
  type ClaimListRow,
} from "./queries";

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
  const locate: FindPage<KeysetRow> = (args) => db.claim.findMany({ ...args, select: KEYSET_SELECT });
  const [counts, read, counted] = await Promise.all([
    statusCounts(db, actor),
    where && !beyondReadLimit ? readPage(findRows, locate, where, filters, cursor) : Promise.resolve({ rows: [] as ClaimListRow[], more: false }),
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
    const first = await readPage(findRows, locate, where, { ...filters, cursor: undefined, page: 1 }, null);
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
