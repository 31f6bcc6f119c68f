// Keyset walks of the claim lists (dashboard, review queue, admin list, GET /claims, the CSV exports): rows
// strictly after (or, for a "Previous" link, before) a position in a sort's order, each read an ordered index
// range scan with a LIMIT, so page 400 costs what page 1 costs. One sort may be several stretches ("segments"):
// `dueAt` puts the claims without a deadline after those with one (orderByFor), and "after (dueAt, id)" across
// the NULLs is not an index range, so each stretch is walked on its own and the next one starts where it ends.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { ClaimSort } from "./schemas/list-query";

type Direction = "asc" | "desc";
type SortField = "updatedAt" | "createdAt" | "dueAt";

/** A row's place in a sort: the sort field's value (null: no deadline) and the id that breaks ties. */
export interface KeysetPoint {
  value: Date | null;
  id: string;
}

/**
 * One stretch of a sort that a keyset can walk: rows ordered by `field` (none: by id alone), then id.
 */
export interface Segment {
  where: Prisma.ClaimWhereInput;
  field: SortField | null;
  direction: Direction;
}

export function sortField(sort: ClaimSort): SortField {
  return sort.replace(/^-/, "") as SortField;
}

/** The stretches of a sort in its order (`backward`: the reverse order, for walking back from a position). */
export function sortSegments(sort: ClaimSort, backward = false): Segment[] {
  const forward: Direction = sort.startsWith("-") ? "desc" : "asc";
  const direction: Direction = backward ? (forward === "asc" ? "desc" : "asc") : forward;
  const field = sortField(sort);
  if (field !== "dueAt") return [{ where: {}, field, direction }];
  const withDeadline: Segment = { where: { dueAt: { not: null } }, field: "dueAt", direction };
  const withoutDeadline: Segment = { where: { dueAt: null }, field: null, direction };
  // Walking ascending, deadlines come first and the claims without one last; descending, the reverse.
  return direction === "asc" ? [withDeadline, withoutDeadline] : [withoutDeadline, withDeadline];
}

/**
 * Rows strictly past `point` in a segment's order. The redundant `field <= v` (or `>=`) bounds the index range
 * scan; the OR only settles ties on the field.
 */
export function keysetAfter(segment: Segment, point: KeysetPoint): Prisma.ClaimWhereInput {
  const past = segment.direction === "asc" ? "gt" : "lt";
  if (!segment.field) return { id: { [past]: point.id } };
  if (point.value === null) throw new Error(`keyset on ${segment.field} reached a row without one`);
  const bound = segment.direction === "asc" ? "gte" : "lte";
  return {
    [segment.field]: { [bound]: point.value },
    OR: [{ [segment.field]: { [past]: point.value } }, { id: { [past]: point.id } }],
  };
}

export function segmentOrder(segment: Segment): Prisma.ClaimOrderByWithRelationInput[] {
  if (segment.field) return [{ [segment.field]: segment.direction }, { id: segment.direction }];
  // Ordering the NULL segment by dueAt too changes nothing in the result but lets PostgreSQL walk the
  // (…, dueAt, id) index: `dueAt IS NULL` alone does not make the index ordered by id for the planner.
  return [
    { dueAt: { sort: segment.direction, nulls: segment.direction === "asc" ? "last" : "first" } },
    { id: segment.direction },
  ];
}

/** Where a row stands in a sort, for a cursor. */
export function keysetPointOf(sort: ClaimSort, row: { id: string; updatedAt: Date; createdAt: Date; dueAt: Date | null }): KeysetPoint {
  return { value: row[sortField(sort)], id: row.id };
}

export type FindClaims<T> = (args: {
  where: Prisma.ClaimWhereInput;
  orderBy: Prisma.ClaimOrderByWithRelationInput[];
  take: number;
}) => Promise<T[]>;

/**
 * Up to `take` rows of `where` past `from` (none: from the start) in the sort's order, or before it in
 * reverse order when `backward` (the caller reverses them for display). One query per segment touched: one,
 * or two where a page crosses from the claims with a deadline to those without.
 */
export async function readKeyset<T>(
  find: FindClaims<T>,
  where: Prisma.ClaimWhereInput,
  sort: ClaimSort,
  options: { from?: KeysetPoint; backward?: boolean; take: number },
): Promise<T[]> {
  const segments = sortSegments(sort, options.backward);
  const from = options.from;
  // The segment the position is in: the NULL stretch for a claim without a deadline, else the field's.
  const start = from ? Math.max(0, segments.findIndex((s) => (s.field === null) === (from.value === null))) : 0;
  const rows: T[] = [];
  for (let i = start; i < segments.length && rows.length < options.take; i++) {
    const segment = segments[i];
    rows.push(
      ...(await find({
        where: { AND: [where, segment.where, ...(from && i === start ? [keysetAfter(segment, from)] : [])] },
        orderBy: segmentOrder(segment),
        take: options.take - rows.length,
      })),
    );
  }
  return rows;
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
