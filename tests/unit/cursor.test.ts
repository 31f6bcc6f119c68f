// The one cursor codec of the keyset-paged lists (lib/paging/cursor.ts): round trips, binding to its list and
// its sort and filters, and a 422 VALIDATION on `cursor` for anything it did not make. The page links' URLs
// (lib/claims/list-params.ts) carry the cursor and drop it whenever the view changes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { threadQuerySchema } from "../../lib/api/schemas";
import { ClaimError } from "../../lib/claims/errors";
import { listFiltersFromSearchParams, listHref } from "../../lib/claims/list-params";
import { cursorFingerprint, decodeCursor, encodeCursor } from "../../lib/paging/cursor";

function refusal(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ClaimError);
    expect((error as ClaimError).code).toBe("VALIDATION");
    return (error as ClaimError).errors?.[0]?.path;
  }
  return undefined;
}

describe("cursor codec", () => {
  const scope = { sort: "-updatedAt", status: "SUBMITTED" };

  it("round-trips any position, opaque and URL-safe", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), { nil: null }), { maxLength: 3 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 100_000 }),
        (keys, id, backward, page) => {
          const cursor = encodeCursor("claims", scope, { keys, id, backward, page });
          expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
          expect(decodeCursor("claims", scope, cursor)).toEqual({ keys, id, ...(backward ? { backward: true } : {}), page });
        },
      ),
    );
  });

  it("binds the cursor to its list and to its sort and filters, whatever their key order", () => {
    const cursor = encodeCursor("claims", scope, { keys: ["2026-01-01T00:00:00.000Z"], id: "c1" });
    expect(decodeCursor("claims", { status: "SUBMITTED", sort: "-updatedAt", q: undefined }, cursor).id).toBe("c1");
    expect(refusal(() => decodeCursor("comments", scope, cursor))).toBe("cursor");
    expect(refusal(() => decodeCursor("claims", { ...scope, sort: "updatedAt" }, cursor))).toBe("cursor");
    expect(refusal(() => decodeCursor("claims", { ...scope, program: "OSA" }, cursor))).toBe("cursor");
    expect(cursorFingerprint({ a: 1, b: undefined })).toBe(cursorFingerprint({ a: 1 }));
    expect(cursorFingerprint({ a: 1 })).not.toBe(cursorFingerprint({ a: 2 }));
  });

  it("refuses (422 on cursor) anything it did not make", () => {
    const cursor = encodeCursor("claims", scope, { keys: [null], id: "c1" });
    const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const bad of [
      "",
      "has spaces",
      "x".repeat(600),
      cursor.slice(0, -2),
      json({ v: 1, l: "claims" }),
      json({ v: 2, l: "claims", f: cursorFingerprint(scope), k: [], id: "x" }),
      json({ v: 1, l: "claims", f: cursorFingerprint(scope), k: [1], id: "x" }),
      json([1, 2]),
    ]) {
      expect(refusal(() => decodeCursor("claims", scope, bad)), bad.slice(0, 30)).toBe("cursor");
    }
  });
});

describe("cursors in the list pages' URLs", () => {
  it("reads ?cursor= and writes it instead of page; any change of view drops it", () => {
    const filters = listFiltersFromSearchParams({ cursor: "abc", page: "7", sort: "createdAt" });
    expect(filters.cursor).toBe("abc");
    expect(listHref("/claims", filters, {}, { cursor: "def" })).toBe("/claims?sort=createdAt&cursor=def");
    expect(listHref("/claims", filters, {}, { sort: "dueAt", page: 1 })).toBe("/claims?sort=dueAt");
    expect(listHref("/claims", filters)).not.toContain("cursor");
  });
});

describe("thread paging query", () => {
  it("history and comments default to 200 a page, at most 200", () => {
    expect(threadQuerySchema.parse({})).toEqual({ pageSize: 200 });
    expect(threadQuerySchema.safeParse({ pageSize: "201" }).success).toBe(false);
    expect(threadQuerySchema.parse({ pageSize: "5", cursor: "abc" })).toEqual({ pageSize: 5, cursor: "abc" });
  });
});
