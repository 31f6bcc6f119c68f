// Keyset (cursor) paging of every list against real PostgreSQL (docs/api.md "Lists and paging"): walking a list
// by `nextCursor` returns every row exactly once, in the list's order, for claims (every sort, several filters
// and scopes, ties and claims without a deadline), history, comments and disputes; rows inserted while a walk
// is under way never make an existing row come twice or go missing; the portal's Previous cursor walks back to
// the same pages; `page × pageSize` over 10,000 and a malformed, foreign or tampered cursor are 422 VALIDATION.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getClaimHistoryPage, listCommentsPage, listDisputes } from "../../lib/claims/claim-reads";
import { ClaimError } from "../../lib/claims/errors";
import type { Actor } from "../../lib/claims/lifecycle";
import { encodeCursor } from "../../lib/paging/cursor";
import { listAuditEvents } from "../../lib/admin/audit-log";
import { listNotifications } from "../../lib/notifications/inbox";
import { listClaimsPage } from "../../lib/claims/list-page";
import { CLAIM_SORTS, listClaimDetails, type ClaimListFilters } from "../../lib/claims/queries";
import { actor, claimRows, createOrganization, DAY, expectedRows, insertClaims, storedRows, type StoredRow } from "./dashboard-data";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

const NOW = new Date("2026-06-10T12:00:00.000Z");
type Filters = Omit<ClaimListFilters, "sort" | "page" | "pageSize" | "cursor">;

async function validationOf(promise: Promise<unknown>): Promise<{ code: string; paths: string[]; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClaimError);
  const claimError = error as ClaimError;
  return { code: claimError.code, paths: (claimError.errors ?? []).map((e) => e.path), message: claimError.errors?.[0]?.message ?? "" };
}

describe.skipIf(!pgAvailable)("keyset paging of every list (PostgreSQL)", () => {
  let t: TestDatabase;
  let rows: StoredRow[];
  let orgA: string;
  let partnerA: Actor;
  let reviewer: Actor;
  let admin: Actor;
  let threadClaim: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    orgA = await createOrganization(t.db, "ka");
    const orgB = await createOrganization(t.db, "kb");
    await insertClaims(t.db, [...claimRows(orgA, 130, NOW), ...claimRows(orgB, 40, NOW)]);
    rows = await storedRows(t.db);
    partnerA = actor("PARTNER_ADMIN", orgA);
    reviewer = actor("REVIEWER");
    admin = actor("ADMIN");
    threadClaim = rows.find((r) => r.organizationId === orgA)!.id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  /** Every page of a claim list through the API's function, by nextCursor from page 1. */
  async function walkApi(a: Actor, filters: Filters, sort: ClaimListFilters["sort"], pageSize: number) {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let n = 1; n < 200; n += 1) {
      const page = await listClaimDetails(t.db, a, { ...filters, sort, page: 1, pageSize, cursor }, NOW);
      expect(page.page).toBe(n);
      expect(page.items.length).toBeLessThanOrEqual(pageSize);
      ids.push(...page.items.map((c) => c.id));
      if (!page.nextCursor) return ids;
      cursor = page.nextCursor;
    }
    throw new Error("the walk did not end");
  }

  const VIEWS: [string, () => Actor, Filters][] = [
    ["partner, everything", () => partnerA, {}],
    ["partner, a status", () => partnerA, { status: "SUBMITTED" }],
    ["partner, program and search", () => partnerA, { program: "OSA", q: "contoso" }],
    ["reviewer, overdue", () => reviewer, { overdue: true }],
    ["reviewer, everything", () => reviewer, {}],
    ["admin, solution area", () => admin, { solutionArea: "MODERN_WORK" }],
  ];

  it("claims: walking by cursor returns every row exactly once, in order, for every sort, filter and scope", async () => {
    let walks = 0;
    for (const [label, who, filters] of VIEWS) {
      for (const sort of CLAIM_SORTS) {
        const expected = expectedRows(rows, who(), { ...filters, sort }, NOW).map((r) => r.id);
        // 7 a page: boundaries fall inside runs of equal timestamps and between claims with and without a deadline.
        const ids = await walkApi(who(), filters, sort, 7);
        expect(ids, `${label} ${sort}`).toEqual(expected);
        walks += 1;
      }
    }
    expect(walks).toBe(VIEWS.length * CLAIM_SORTS.length);
  });

  it("claims: a hand-written ?page=N (an OFFSET to the row before it, then a keyset read) shows the same rows as the cursor walk", async () => {
    for (const [label, who, filters] of VIEWS) {
      for (const sort of CLAIM_SORTS) {
        const expected = expectedRows(rows, who(), { ...filters, sort }, NOW).map((r) => r.id);
        const pages = Math.ceil(expected.length / 7) + 1; // one past the end: empty
        for (let page = 1; page <= pages; page += 1) {
          const api = await listClaimDetails(t.db, who(), { ...filters, sort, page, pageSize: 7 }, NOW);
          expect(api.items.map((c) => c.id), `API ${label} ${sort} page ${page}`).toEqual(expected.slice((page - 1) * 7, page * 7));
          const portal = await listClaimsPage(t.db, who(), { ...filters, sort, page, pageSize: 7 }, NOW);
          expect(portal.items.map((c) => c.id), `portal ${label} ${sort} page ${page}`).toEqual(expected.slice((page - 1) * 7, page * 7));
        }
      }
    }
  });

  it("claims: the portal's Next and Previous cursors walk the same pages forth and back", async () => {
    for (const sort of CLAIM_SORTS) {
      const filters: ClaimListFilters = { sort, page: 1, pageSize: 25 };
      const forward = [await listClaimsPage(t.db, partnerA, filters, NOW)];
      while (forward[forward.length - 1].nextCursor) {
        forward.push(await listClaimsPage(t.db, partnerA, { ...filters, cursor: forward[forward.length - 1].nextCursor! }, NOW));
      }
      expect(forward.flatMap((p) => p.items.map((c) => c.id))).toEqual(expectedRows(rows, partnerA, { sort }, NOW).map((r) => r.id));
      expect(forward.map((p) => p.page)).toEqual(forward.map((_, i) => i + 1));
      // Back from the last page: each Previous cursor shows the page that came before it, with its number.
      for (let i = forward.length - 1; i >= 2; i -= 1) {
        expect(forward[i].previousCursor, `${sort} page ${i + 1}`).not.toBeNull();
        const back = await listClaimsPage(t.db, partnerA, { ...filters, cursor: forward[i].previousCursor! }, NOW);
        expect(back.page).toBe(i);
        expect(back.items.map((c) => c.id), `${sort} back to page ${i}`).toEqual(forward[i - 1].items.map((c) => c.id));
        expect(back.hasNextPage).toBe(true);
      }
      // Page 2's previous page is the plain page 1 (no cursor): the link is the list's own URL.
      expect(forward[1].previousCursor).toBeNull();
    }
  });

  it("claims: rows inserted during a walk never make an existing row come twice or go missing", async () => {
    const before = await storedRows(t.db);
    for (const sort of ["createdAt", "-updatedAt", "dueAt", "-dueAt"] as const) {
      const expected = expectedRows(before, partnerA, { sort }, NOW).map((r) => r.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      let inserted = 0;
      do {
        const page = await listClaimDetails(t.db, partnerA, { sort, page: 1, pageSize: 20, cursor }, NOW);
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor ?? undefined;
        // New claims everywhere in the order: before the position, after it, and tied with existing rows.
        const fresh = claimRows(orgA, 6, NOW, `new-${sort}-${inserted}`).map((r, i) => ({
          ...r,
          createdAt: new Date(NOW.getTime() - (i * 5 + inserted) * DAY),
          updatedAt: i % 2 === 0 ? before[inserted % before.length].updatedAt : new Date(NOW.getTime() + i * DAY),
        }));
        await insertClaims(t.db, fresh);
        inserted += 1;
      } while (cursor);
      expect(inserted).toBeGreaterThan(3);
      expect(new Set(seen).size, `${sort}: no row twice`).toBe(seen.length);
      expect(seen.filter((id) => expected.includes(id)), `${sort}: every existing row once, in order`).toEqual(expected);
    }
    // Leave the shared rows as the other tests expect them.
    await t.db.claim.deleteMany({ where: { id: { startsWith: "new-" } } });
  });

  it("claims: page × pageSize over 10,000 is a 422 that points at the cursor; exactly 10,000 is allowed", async () => {
    const ok = await listClaimDetails(t.db, partnerA, { sort: "-updatedAt", page: 100, pageSize: 100 }, NOW);
    expect(ok.items).toEqual([]);
    const over = await validationOf(listClaimDetails(t.db, partnerA, { sort: "-updatedAt", page: 401, pageSize: 25 }, NOW));
    expect(over).toMatchObject({ code: "VALIDATION", paths: ["page"] });
    expect(over.message).toMatch(/cursor/);
  });

  it("a malformed, tampered, foreign or re-filtered cursor is a 422 on cursor", async () => {
    const first = await listClaimDetails(t.db, partnerA, { sort: "createdAt", page: 1, pageSize: 10, status: "SUBMITTED" }, NOW);
    const good = first.nextCursor!;
    expect(good).toMatch(/^[A-Za-z0-9_-]+$/);
    const decoded = JSON.parse(Buffer.from(good, "base64url").toString("utf8")) as Record<string, unknown>;
    const forged = (changes: Record<string, unknown>) => Buffer.from(JSON.stringify({ ...decoded, ...changes })).toString("base64url");
    const history = encodeCursor("history", { claimId: threadClaim }, { keys: [], id: "1" });
    const cases: [string, string, Partial<ClaimListFilters>][] = [
      ["not base64url JSON", "not a cursor!", {}],
      ["a flipped character", good.slice(0, 10) + (good[10] === "A" ? "B" : "A") + good.slice(11), {}],
      ["a value that is no instant", forged({ k: ["yesterday"] }), {}],
      ["no sort value", forged({ k: [null] }), {}],
      ["a version from the future", forged({ v: 2 }), {}],
      ["made for another status", good, { status: "APPROVED" }],
      ["made for another sort", good, { sort: "-createdAt" }],
      ["another list's cursor", history, {}],
    ];
    for (const [label, cursor, changes] of cases) {
      expect(cursor, label).not.toBe("");
      const result = await validationOf(
        listClaimDetails(t.db, partnerA, { sort: "createdAt", page: 1, pageSize: 10, status: "SUBMITTED", cursor, ...changes }, NOW),
      );
      expect(result, label).toMatchObject({ code: "VALIDATION", paths: ["cursor"] });
    }
    // The same cursor, unchanged, with its own filters: fine.
    const second = await listClaimDetails(t.db, partnerA, { sort: "createdAt", page: 1, pageSize: 10, status: "SUBMITTED", cursor: good }, NOW);
    expect(second.page).toBe(2);
    // The portal is lenient: a foreign cursor shows page 1 instead of an error.
    const lenient = await listClaimsPage(t.db, partnerA, { sort: "createdAt", page: 1, pageSize: 10, status: "APPROVED", cursor: good }, NOW);
    expect(lenient.page).toBe(1);
    // History, comments and disputes refuse a claims cursor the same way.
    for (const attempt of [
      () => getClaimHistoryPage(t.db, partnerA, threadClaim, { pageSize: 5, cursor: good }),
      () => listCommentsPage(t.db, partnerA, threadClaim, { pageSize: 5, cursor: good }),
      () => listDisputes(t.db, reviewer, { pageSize: 5, cursor: good }),
    ]) {
      expect(await validationOf(attempt())).toMatchObject({ code: "VALIDATION", paths: ["cursor"] });
    }
  });

  it("history, comments and disputes: 200 a page by default, every row once in order, new rows never duplicate", async () => {
    const at = (minutes: number) => new Date(NOW.getTime() - 10 * DAY + Math.floor(minutes / 3) * 60_000);
    // 450 events and 450 comments with runs of three equal timestamps: more than two default pages.
    await t.db.claimEvent.createMany({
      data: Array.from({ length: 450 }, (_, i) => ({
        claimId: threadClaim,
        type: "STATUS_CHANGED",
        actorId: null,
        actorRole: "SYSTEM",
        actorName: "System",
        at: at(i),
        data: { n: i },
      })),
    });
    await t.db.comment.createMany({
      data: Array.from({ length: 450 }, (_, i) => ({
        claimId: threadClaim,
        authorId: "seed",
        authorRole: "PARTNER_ADMIN" as const,
        authorName: "Seed",
        body: `comment ${i}`,
        createdAt: at(i),
      })),
    });
    // One dispute per claim (reviewers see all but drafts): 140 disputes, statuses mixed, equal timestamps.
    const disputed = rows.filter((r) => r.status !== "EDITING").slice(0, 140);
    await t.db.dispute.createMany({
      data: disputed.map((r, i) => ({
        claimId: r.id,
        status: (["OPEN", "UPHELD", "OVERTURNED"] as const)[i % 3],
        details: `dispute ${i}`,
        openedById: "seed",
        createdAt: at(i),
      })),
    });

    const expectedHistory = (await t.db.claimEvent.findMany({ where: { claimId: threadClaim }, orderBy: { id: "asc" } })).map((e) => e.id.toString());
    const expectedComments = (
      await t.db.comment.findMany({ where: { claimId: threadClaim }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })
    ).map((c) => c.id);

    // Default page size: 200.
    const firstHistory = await getClaimHistoryPage(t.db, partnerA, threadClaim, { pageSize: 200 });
    expect(firstHistory.items).toHaveLength(200);
    expect(firstHistory.nextCursor).not.toBeNull();

    type Page = { items: { id: string }[]; nextCursor: string | null };
    async function walk(read: (cursor: string | undefined) => Promise<Page>, onPage?: () => Promise<void>) {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await read(cursor);
        ids.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
        await onPage?.();
      } while (cursor);
      return ids;
    }

    let added = 0;
    const history = await walk((cursor) => getClaimHistoryPage(t.db, partnerA, threadClaim, { pageSize: 37, cursor }));
    expect(history).toEqual(expectedHistory);
    const comments = await walk(
      (cursor) => listCommentsPage(t.db, partnerA, threadClaim, { pageSize: 37, cursor }),
      // A comment posted while the thread is read (it sorts last): existing ones still come once each.
      async () => {
        added += 1;
        await t.db.comment.create({ data: { claimId: threadClaim, authorId: "seed", authorRole: "PARTNER_ADMIN", authorName: "Seed", body: `late ${added}` } });
      },
    );
    expect(new Set(comments).size).toBe(comments.length);
    expect(comments.filter((id) => expectedComments.includes(id))).toEqual(expectedComments);

    const allDisputes = await t.db.dispute.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    for (const status of [undefined, "OPEN", "UPHELD"] as const) {
      const ids = await walk((cursor) => listDisputes(t.db, reviewer, { status, pageSize: 11, cursor }));
      expect(ids, String(status)).toEqual(allDisputes.filter((d) => !status || d.status === status).map((d) => d.id));
    }
    // A dispute cursor made for OPEN is refused for UPHELD.
    const open = await listDisputes(t.db, reviewer, { status: "OPEN", pageSize: 5 });
    expect(await validationOf(listDisputes(t.db, reviewer, { status: "UPHELD", pageSize: 5, cursor: open.nextCursor! }))).toMatchObject({
      code: "VALIDATION",
      paths: ["cursor"],
    });
    // Another organization's claim is NOT_FOUND before its cursor is even read.
    const other = rows.find((r) => r.organizationId !== orgA)!.id;
    const hidden = await getClaimHistoryPage(t.db, partnerA, other, { pageSize: 5, cursor: "garbage" }).catch((e: ClaimError) => e.code);
    expect(hidden).toBe("NOT_FOUND");
  });
  it("notifications and audit events share the codec: walked once each, and a cursor is bound to its filters", async () => {
    const at = (i: number) => new Date(NOW.getTime() - Math.floor(i / 4) * 60_000);
    await t.db.notification.createMany({
      data: Array.from({ length: 130 }, (_, i) => ({
        userId: "seed",
        type: "INFO_REQUESTED",
        title: `n${i}`,
        body: "b",
        createdAt: at(i),
        readAt: i % 3 === 0 ? NOW : null,
      })),
    });
    for (const unreadOnly of [false, true]) {
      const expected = (
        await t.db.notification.findMany({
          where: { userId: "seed", ...(unreadOnly ? { readAt: null } : {}) },
          orderBy: [{ createdAt: "desc" }, { id: "asc" }],
        })
      ).map((n) => n.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof listNotifications>> = await listNotifications(t.db, "seed", { unreadOnly, cursor });
        seen.push(...page.items.map((n) => n.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
    const unread = await listNotifications(t.db, "seed", { unreadOnly: true });
    expect(await validationOf(listNotifications(t.db, "seed", { unreadOnly: false, cursor: unread.nextCursor }))).toMatchObject({
      code: "VALIDATION",
      paths: ["cursor"],
    });

    // The audit log: the history events inserted above, walked by cursor; a cursor for one type refused for another.
    const statusChanges = await listAuditEvents(t.db, admin, { type: "STATUS_CHANGED" }, 50);
    expect(statusChanges.nextCursor).not.toBeNull();
    expect(
      await validationOf(listAuditEvents(t.db, admin, { type: "COMMENT_ADDED", cursor: statusChanges.nextCursor }, 50)),
    ).toMatchObject({ code: "VALIDATION", paths: ["cursor"] });
    const next = await listAuditEvents(t.db, admin, { type: "STATUS_CHANGED", cursor: statusChanges.nextCursor }, 50);
    expect(next.items[0].id).not.toBe(statusChanges.items[0].id);
    expect(new Set([...statusChanges.items, ...next.items].map((i) => i.id)).size).toBe(100);
  });
});
