// Cursors and pages of the claim lists (the API's GET /claims and the portal's list pages): what a cursor is bound
// to and holds, and one page read by keyset (keyset.ts) or by OFFSET. Split from queries.ts, which builds the
// lists' where-clauses and counts; list-page.ts builds the portal's pages from both.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { cursorInstant, decodeCursor, encodeCursor } from "../paging/cursor";
import { ClaimError } from "./errors";
import { keysetPointOf, orderByFor, readKeyset, sortField, type KeysetPoint } from "./keyset";
import type { ClaimListFilters } from "./queries";

/**
 * What a claim-list cursor is bound to: the sort and every filter (not the page or its size). A cursor made
 * for other filters is refused (API) or ignored (pages): it would position a different list.
 */
function cursorScope(filters: ClaimListFilters): Record<string, unknown> {
  const { cursor: _cursor, page: _page, pageSize: _pageSize, ...scope } = filters;
  return scope;
}

export interface ClaimCursor {
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

export type KeysetRow = { id: string; updatedAt: Date; createdAt: Date; dueAt: Date | null };

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

export type FindPage<T> = (page: {
  where: Prisma.ClaimWhereInput;
  orderBy: Prisma.ClaimOrderByWithRelationInput[];
  take: number;
  skip?: number;
}) => Promise<T[]>;

/** Just the columns a keyset position needs: what `locate` reads to find where an OFFSET page starts. */
export const KEYSET_SELECT = { id: true, updatedAt: true, createdAt: true, dueAt: true } as const;

/**
 * One page of a claim list, by keyset or OFFSET: with a cursor, the rows past its position (walked backward
 * for a "Previous" cursor, then put back in order); without one, page `page` of a hand-written `?page=` URL
 * (bounded by the callers: PAGE_CEILING, PAGE_READ_LIMIT). That OFFSET walks only the keyset columns
 * (`locate`: an index walk) to the row before the page, and the page itself is then read by keyset: an OFFSET
 * read of the full rows would build every skipped row — with relation joins, its products too (page 400 of a
 * list took ~1 s of SQL at 1,000,000 claims that way). Reads one row more than the page to tell whether more
 * follow in the direction walked.
 */
export async function readPage<T extends KeysetRow>(
  find: FindPage<T>,
  locate: FindPage<KeysetRow>,
  where: Prisma.ClaimWhereInput,
  filters: ClaimListFilters,
  cursor: ClaimCursor | null,
): Promise<{ rows: T[]; more: boolean }> {
  const take = filters.pageSize + 1;
  const skip = (filters.page - 1) * filters.pageSize;
  let from = cursor?.point;
  if (!cursor && skip > 0) {
    const [before] = await locate({ where, orderBy: orderByFor(filters.sort), skip: skip - 1, take: 1 });
    if (!before) return { rows: [], more: false };
    from = keysetPointOf(filters.sort, before);
  }
  const rows = await readKeyset(find, where, filters.sort, { from, backward: cursor?.backward, take });
  const page = rows.slice(0, filters.pageSize);
  return { rows: cursor?.backward ? page.reverse() : page, more: rows.length > filters.pageSize };
}
