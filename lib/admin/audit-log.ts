// The audit log (docs/domain.md Administration): every claim history event plus the audit events that belong to
// no claim (sign-ins, passwords, API keys, users, organizations, settings), one list ordered by (at, id),
// filtered by actor, organization, type and time range, paged by cursor and exported as streamed CSV.
// Ids are "c<n>" (ClaimEvent) and "a<n>" (AuditEvent): the two tables have their own sequences. Ties of `at`
// order audit events before claim events, then by id; the cursor is the last row's (at, id).
// Each half is an ordered, limited index walk ((at, id) on both tables); the merge reads at most 2 pages.
import "server-only";
import { csvLine } from "../csv/csv-cell";
import { ClaimError } from "../claims/errors";
import type { Actor } from "../claims/lifecycle";
import { fieldErrorsFromZod } from "../claims/schemas";
import { cursorInstant, decodeCursor, encodeCursor } from "../paging/cursor";
import type { Db } from "../db";
import { pullStream } from "../http/pull-stream";
import { Prisma } from "../generated/prisma/client";
import { auditQuerySchema, DATE, type AuditItem, type AuditQuery } from "./audit-schemas";
import { requireAdmin } from "./users";

export const AUDIT_PAGE_SIZE = 100;
export { auditQuerySchema };

type Cursor = { at: Date; src: "a" | "c"; id: bigint };

// The shared cursor codec (lib/paging/cursor.ts), bound to the filters it was made for.
function cursorScope(query: AuditQuery): Record<string, unknown> {
  const { cursor: _cursor, ...filters } = query;
  return filters;
}

function encodeAuditCursor(query: AuditQuery, row: Cursor): string {
  return encodeCursor("audit", cursorScope(query), { keys: [row.at.toISOString()], id: `${row.src}${row.id}` });
}

function decodeAuditCursor(query: AuditQuery, raw: string): Cursor {
  const position = decodeCursor("audit", cursorScope(query), raw);
  const at = cursorInstant(position.keys[0]);
  const match = /^([ac])(\d{1,19})$/.exec(position.id);
  if (!match || !at) {
    throw new ClaimError("VALIDATION", "The cursor is not valid.", [{ path: "cursor", message: "Use the nextCursor of a previous page" }]);
  }
  return { at, src: match[1] as "a" | "c", id: BigInt(match[2]) };
}

function bounds(query: AuditQuery): { from?: Date; to?: Date } {
  const from = query.from ? new Date(DATE.test(query.from) ? `${query.from}T00:00:00.000Z` : query.from) : undefined;
  const to = query.to ? new Date(DATE.test(query.to) ? `${query.to}T23:59:59.999Z` : query.to) : undefined;
  return { from, to };
}

type Row = {
  src: "a" | "c";
  id: bigint;
  at: Date;
  type: string;
  actorId: string | null;
  actorRole: string | null;
  actorEmail: string | null;
  organizationId: string | null;
  claimId: string | null;
  data: unknown;
};

/** The columns are timestamp(3) in UTC: compare with the instant written out, not a zoned parameter. */
function ts(date: Date): Prisma.Sql {
  return Prisma.sql`${date.toISOString()}::timestamp(3)`;
}

/** One half of the union, as an ordered and limited walk of its table. */
function half(src: "a" | "c", query: AuditQuery, cursor: Cursor | undefined, limit: number): Prisma.Sql {
  const { from, to } = bounds(query);
  const e = Prisma.raw(src === "a" ? `"AuditEvent" e` : `"ClaimEvent" e JOIN "Claim" c ON c."id" = e."claimId"`);
  const org = Prisma.raw(src === "a" ? `e."organizationId"` : `c."organizationId"`);
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.actorId) conditions.push(Prisma.sql`e."actorId" = ${query.actorId}`);
  if (query.organizationId) conditions.push(Prisma.sql`${org} = ${query.organizationId}`);
  if (query.type) conditions.push(Prisma.sql`e."type" = ${query.type}`);
  if (from) conditions.push(Prisma.sql`e."at" >= ${ts(from)}`);
  if (to) conditions.push(Prisma.sql`e."at" <= ${ts(to)}`);
  if (cursor) {
    // Audit rows sort before claim rows at the same instant: compare (at, id) within a table, at alone across.
    if (cursor.src === src) conditions.push(Prisma.sql`(e."at", e."id") > (${ts(cursor.at)}, ${cursor.id})`);
    else if (src === "a") conditions.push(Prisma.sql`e."at" > ${ts(cursor.at)}`);
    else conditions.push(Prisma.sql`e."at" >= ${ts(cursor.at)}`);
  }
  return Prisma.sql`(SELECT ${src}::text AS "src", e."id", e."at", e."type", e."actorId", e."actorRole",
      ${org} AS "organizationId", e."claimId", e."data"
    FROM ${e} WHERE ${Prisma.join(conditions, " AND ")} ORDER BY e."at", e."id" LIMIT ${limit})`;
}

/** One page of the audit log, oldest first. */
function parseAuditQuery(rawQuery: unknown): AuditQuery {
  const parsed = auditQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw new ClaimError("VALIDATION", "The query has invalid parameters.", fieldErrorsFromZod(parsed.error));
  return parsed.data;
}

export async function listAuditEvents(db: Db, actor: Actor, rawQuery: unknown, pageSize = AUDIT_PAGE_SIZE) {
  requireAdmin(actor);
  const query = parseAuditQuery(rawQuery);
  const cursor = query.cursor ? decodeAuditCursor(query, query.cursor) : undefined;
  const rows = await db.$queryRaw<Row[]>`
    SELECT u."src", u."id", u."at", u."type", u."actorId", u."actorRole", usr."email" AS "actorEmail",
      u."organizationId", u."claimId", u."data"
    FROM (${half("a", query, cursor, pageSize + 1)} UNION ALL ${half("c", query, cursor, pageSize + 1)}) u
    LEFT JOIN "User" usr ON usr."id" = u."actorId"
    ORDER BY u."at", u."src", u."id"
    LIMIT ${pageSize + 1}`;
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    items: page.map(itemOf),
    nextCursor: rows.length > pageSize && last ? encodeAuditCursor(query, { at: last.at, src: last.src, id: last.id }) : null,
  };
}

function itemOf(row: Row): AuditItem {
  return {
    id: `${row.src}${row.id}`,
    at: row.at.toISOString(),
    type: row.type,
    actor: row.actorId ? { id: row.actorId, email: row.actorEmail ?? "", role: row.actorRole } : null,
    organizationId: row.organizationId,
    claimId: row.claimId,
    data: row.data,
  };
}

export const AUDIT_CSV_COLUMNS = ["id", "at", "type", "actorId", "actorEmail", "actorRole", "organizationId", "claimId", "data"] as const;

function auditCsvLine(item: AuditItem): string {
  return csvLine([item.id, item.at, item.type, item.actor?.id, item.actor?.email, item.actor?.role, item.organizationId, item.claimId, JSON.stringify(item.data)]);
}

/** Every matching event as CSV, one page per read (keyset paging: memory stays flat). */
export function exportAuditEventsCsv(db: Db, actor: Actor, rawQuery: unknown): ReadableStream<Uint8Array> {
  requireAdmin(actor);
  // Refused before the first byte: a bad filter is a 422, not a broken download.
  const { cursor: first, ...base } = parseAuditQuery(rawQuery);
  if (first) decodeAuditCursor(base, first);
  const encoder = new TextEncoder();
  let cursor: string | null | undefined = first;
  let headerSent = false;
  // One page of 1,000 events per read, only when the reader asks (lib/http/pull-stream.ts).
  return pullStream(async () => {
    if (!headerSent) {
      headerSent = true;
      return encoder.encode(AUDIT_CSV_COLUMNS.join(",") + "\r\n");
    }
    if (cursor === null) return null;
    const page = await listAuditEvents(db, actor, { ...base, ...(cursor ? { cursor } : {}) }, 1000);
    cursor = page.nextCursor;
    return page.items.length > 0 ? encoder.encode(page.items.map(auditCsvLine).join("")) : null;
  });
}
