// The one cursor codec of every keyset-paged list (claims, history, comments, disputes, notifications, audit). A cursor is opaque to
// clients: base64url of a small JSON document validated with zod on the way back in. It carries
//   - `l`: the list it belongs to (a history cursor is refused by the comments endpoint),
//   - `f`: a fingerprint of the sort and filters it was made for: a cursor replayed with other filters or
//     another sort is refused (422) rather than silently walking a different list from a foreign position,
//   - `k` + `id`: the sort key values of the row it points at, the id breaking ties,
//   - `d`: the direction (`b` = the rows before that row, for a "Previous" link; absent = after it),
//   - `p`: the page number the cursor leads to (only for showing "Page N"; it does not position anything).
// Cursors are not signed: they hold nothing secret and position nothing the visibility rules do not filter
// anyway (every query still applies the caller's scope), so a forged position only moves within what the
// caller may see. A malformed or foreign cursor is a 422 VALIDATION with path `cursor`.
import { createHash } from "node:crypto";
import { z } from "zod";
import { ClaimError } from "../claims/errors";
import { CURSOR_MAX_LENGTH } from "./cursor-param";

export type CursorList = "claims" | "history" | "comments" | "disputes" | "notifications" | "audit";

export interface CursorPosition {
  /** The sort key values of the row, in the list's key order (ISO instants or null). */
  keys: (string | null)[];
  id: string;
  /** Rows before the position (a "Previous" link) instead of after it. */
  backward?: boolean;
  /** The page the cursor leads to, for display. */
  page?: number;
}

const payloadSchema = z.object({
  v: z.literal(1),
  l: z.enum(["claims", "history", "comments", "disputes", "notifications", "audit"]),
  f: z.string().max(64),
  k: z.array(z.string().max(64).nullable()).max(4),
  id: z.string().min(1).max(64),
  d: z.literal("b").optional(),
  p: z.number().int().min(1).max(1_000_000_000).optional(),
});


/** A stable short digest of the sort and filters a cursor belongs to (undefined values and key order ignored). */
export function cursorFingerprint(scope: Record<string, unknown>): string {
  const canonical = Object.keys(scope)
    .filter((key) => scope[key] !== undefined && scope[key] !== null && scope[key] !== "")
    .sort()
    .map((key) => [key, scope[key] instanceof Date ? (scope[key] as Date).toISOString() : scope[key]]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("base64url").slice(0, 16);
}

export function encodeCursor(list: CursorList, scope: Record<string, unknown>, position: CursorPosition): string {
  const payload: z.infer<typeof payloadSchema> = {
    v: 1,
    l: list,
    f: cursorFingerprint(scope),
    k: position.keys,
    id: position.id,
    ...(position.backward ? { d: "b" as const } : {}),
    ...(position.page ? { p: position.page } : {}),
  };
  return Buffer.from(JSON.stringify(payload)).toString("base64url");
}

function invalid(message: string): ClaimError {
  return new ClaimError("VALIDATION", "The cursor is not valid.", [{ path: "cursor", message }]);
}

const RESTART = "start again without a cursor and follow each page's nextCursor";

/**
 * The position a cursor holds, after checking it was made by this list for this sort and these filters.
 * Throws a VALIDATION ClaimError (→ 422, path `cursor`) otherwise.
 */
export function decodeCursor(list: CursorList, scope: Record<string, unknown>, raw: string): CursorPosition {
  let payload: z.infer<typeof payloadSchema>;
  try {
    if (raw.length > CURSOR_MAX_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) throw new Error("not base64url");
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    if (!parsed.success) throw new Error("wrong shape");
    payload = parsed.data;
  } catch {
    throw invalid(`Not a cursor of this API: pass the nextCursor of a previous page unchanged, or ${RESTART}`);
  }
  if (payload.l !== list) throw invalid(`This cursor belongs to another list: ${RESTART}`);
  if (payload.f !== cursorFingerprint(scope)) {
    throw invalid(`This cursor was made for another sort or other filters: keep them unchanged while paging, or ${RESTART}`);
  }
  return { keys: payload.k, id: payload.id, ...(payload.d ? { backward: true } : {}), ...(payload.p ? { page: payload.p } : {}) };
}

/** A key value of a position as an instant (null stays null); a value that is not one is a 422. */
export function cursorInstant(value: string | null | undefined): Date | null {
  if (value === null) return null;
  const date = typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw invalid(`Not a cursor of this API: ${RESTART}`);
  return date;
}

/** The id of a position as a bigint (history events); anything else is a 422. */
export function cursorBigint(value: string): bigint {
  if (!/^\d{1,19}$/.test(value)) throw invalid(`Not a cursor of this API: ${RESTART}`);
  return BigInt(value);
}
