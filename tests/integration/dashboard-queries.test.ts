// The dashboard / review queue / admin list query (lib/claims/queries.ts) against real PostgreSQL: visibility,
// every filter, every sort (ties and claims without a deadline included), paging without overlaps or gaps,
// tab counts from the maintained counts table, and the bounded counts and offsets of the portal's pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { CLAIM_STATUSES, type ClaimStatus } from "../../lib/claims/catalogue";
import { formatClaimNumber } from "../../lib/claims/claim-number";
import type { Actor } from "../../lib/claims/lifecycle";
import {
  CLAIM_SORTS,
  listClaimDetails,
  type ClaimListFilters,
  type StatusCounts,
} from "../../lib/claims/queries";
import { listClaimsPage } from "../../lib/claims/list-page";
import {
  actor,
  claimRows,
  createOrganization,
  DAY,
  expectedRows,
  insertClaims,
  isOverdueRow,
  recordingClient,
  storedRows,
  visibleTo,
  type StoredRow,
} from "./dashboard-data";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

const NOW = new Date("2026-06-10T12:00:00.000Z");

type Filters = Omit<ClaimListFilters, "sort" | "page" | "pageSize">;

describe.skipIf(!pgAvailable)("dashboard list query (PostgreSQL)", () => {
  let t: TestDatabase;
  let rows: StoredRow[];
  let orgA: string;
  let orgB: string;
  let actors: Record<"partnerA" | "billingA" | "partnerB" | "reviewer" | "admin", Actor>;
  /** A client that records the SQL it sends: proves which views count and which read the counts table. */
  let logged: PrismaClient;
  const sent: { query: string; params: string }[] = [];
  const statements = () => sent.map((s) => s.query);


  beforeAll(async () => {
    t = await createTestDatabase();
    orgA = await createOrganization(t.db, "orga");
    orgB = await createOrganization(t.db, "orgb");
    // 60 claims in A (three pages of 25), 14 in B.
    await insertClaims(t.db, [...claimRows(orgA, 60, NOW), ...claimRows(orgB, 14, NOW)]);
    rows = await storedRows(t.db);
    actors = {
      partnerA: actor("PARTNER_ADMIN", orgA),
      billingA: actor("PARTNER_BILLING", orgA),
      partnerB: actor("PARTNER_ADMIN", orgB),
      reviewer: actor("REVIEWER"),
      admin: actor("ADMIN"),
    };
    logged = recordingClient(t.url, sent);
  });
  afterAll(async () => {
    await logged?.$disconnect();
    await t?.drop();
  });

  function expectedCounts(a: Actor): StatusCounts {
    const counts = Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as StatusCounts;
    for (const row of rows) if (visibleTo(a, row)) counts[row.status] += 1;
    return counts;
  }

  /** Every page of a view, read the way the dashboard reads it. */
  async function allPages(a: Actor, filters: Filters, sort: ClaimListFilters["sort"], pageSize = 25) {
    const pages = [];
    for (let page = 1; page < 100; page += 1) {
      const result = await listClaimsPage(t.db, a, { ...filters, sort, page, pageSize }, NOW);
      pages.push(result);
      if (!result.hasNextPage) break;
    }
    return pages;
  }

  const FILTERS: Filters[] = [
    {},
    { status: "SUBMITTED" },
    { status: "EDITING" },
    { status: "REJECTED" },
    { status: "APPROVED" },
    { program: "OSA" },
    { solutionArea: "BUSINESS_APPLICATIONS" },
    { overdue: true },
    { overdue: false },
    { status: "UNDER_REVIEW", program: "OSU", overdue: true },
    { q: "contoso" },
    { q: "CONTOSO-E" },
    { q: "fabrikam1" },
    { q: "northwind traders 2" },
    { q: "toso" },
  ];

  it("seeds what the tests need: every status, ties on updatedAt and dueAt, claims without a deadline", () => {
    for (const status of CLAIM_STATUSES) expect(rows.some((r) => r.status === status)).toBe(true);
    expect(new Set(rows.map((r) => r.updatedAt.getTime())).size).toBeLessThan(rows.length);
    expect(rows.some((r) => r.dueAt === null)).toBe(true);
    expect(rows.some((r) => r.status === "REJECTED" && r.dueAt !== null && r.dueAt < NOW)).toBe(true);
    expect(rows.some((r) => isOverdueRow(r, NOW))).toBe(true);
  });

  for (const name of ["partnerA", "reviewer", "admin"] as const) {
    it(`${name}: every filter × every sort returns exactly the reference rows, in order, across pages`, async () => {
      for (const filters of FILTERS) {
        for (const sort of CLAIM_SORTS) {
          const label = `${name} ${JSON.stringify(filters)} ${sort}`;
          const expected = expectedRows(rows, actors[name], { ...filters, sort }, NOW);
          const pages = await allPages(actors[name], filters, sort);
          const got = pages.flatMap((p) => p.items.map((c) => c.id));
          expect(got, label).toEqual(expected.map((r) => r.id));
          for (const page of pages) {
            expect(page.total, label).toBe(expected.length);
            expect(page.totalIsExact, label).toBe(true);
            expect(page.counts, label).toEqual(expectedCounts(actors[name]));
          }
        }
      }
    });
  }

  it("partners see their own organization only, billing admins included; other organizations' claims never", async () => {
    for (const [name, org] of [["partnerA", orgA], ["billingA", orgA], ["partnerB", orgB]] as const) {
      const result = await listClaimsPage(t.db, actors[name], { sort: "-updatedAt", page: 1, pageSize: 100 }, NOW);
      expect(result.items.length).toBe(rows.filter((r) => r.organizationId === org).length);
      expect(result.items.every((c) => c.organizationId === org)).toBe(true);
      expect(result.counts).toEqual(expectedCounts(actors[name]));
    }
    // Searching for another organization's claim by its exact number or tenant ID finds nothing.
    const other = rows.find((r) => r.organizationId === orgB)!;
    for (const q of [formatClaimNumber(other.number), other.customerTenantId.toUpperCase()]) {
      const result = await listClaimsPage(t.db, actors.partnerA, { q, sort: "-updatedAt", page: 1, pageSize: 25 }, NOW);
      expect(result.items).toEqual([]);
      expect(result.total).toBe(0);
      const mine = await listClaimsPage(t.db, actors.partnerB, { q, sort: "-updatedAt", page: 1, pageSize: 25 }, NOW);
      expect(mine.items.map((c) => c.id)).toEqual([other.id]);
    }
  });

  it("reviewers never see EDITING claims: the tab is empty without even asking the claims table", async () => {
    sent.length = 0;
    const result = await listClaimsPage(logged, actors.reviewer, { status: "EDITING", sort: "dueAt", page: 1, pageSize: 25 }, NOW);
    expect(result).toMatchObject({ items: [], total: 0, hasNextPage: false });
    expect(result.counts.EDITING).toBe(0);
    expect(statements().filter((s) => /FROM "public"\."Claim"/.test(s))).toEqual([]);
  });

  it("page sizes 25, 50 and 100 page the same rows; a page past the end is empty, not an error", async () => {
    const expected = expectedRows(rows, actors.admin, { sort: "-createdAt" }, NOW).map((r) => r.id);
    for (const pageSize of [25, 50, 100]) {
      const pages = await allPages(actors.admin, {}, "-createdAt", pageSize);
      expect(pages.length).toBe(Math.ceil(expected.length / pageSize));
      expect(pages.flatMap((p) => p.items.map((c) => c.id))).toEqual(expected);
      expect(pages.every((p, i) => p.page === i + 1 && p.pageSize === pageSize)).toBe(true);
    }
    const past = await listClaimsPage(t.db, actors.partnerA, { sort: "-updatedAt", page: 9, pageSize: 25 }, NOW);
    expect(past).toMatchObject({ items: [], total: 60, hasNextPage: false, beyondReadLimit: false });
  });

  it("tab counts and status-only totals come from the maintained counts table, not from counting claims", async () => {
    sent.length = 0;
    const all = await listClaimsPage(logged, actors.partnerA, { sort: "-updatedAt", page: 1, pageSize: 25 }, NOW);
    const tab = await listClaimsPage(logged, actors.partnerA, { status: "APPROVED", sort: "dueAt", page: 1, pageSize: 25 }, NOW);
    expect(statements().some((s) => /COUNT\(/i.test(s) && /"Claim"/.test(s))).toBe(false);
    expect(statements().filter((s) => /"ClaimStatusCount"/.test(s))).toHaveLength(2);
    expect(all.total).toBe(60);
    expect(tab.total).toBe(expectedCounts(actors.partnerA).APPROVED);

    // The counts follow status changes (the trigger), in every actor's scope.
    const claim = rows.find((r) => r.organizationId === orgA && r.status === "SUBMITTED")!;
    await t.db.claim.update({ where: { id: claim.id }, data: { status: "UNDER_REVIEW" } });
    try {
      const after = await listClaimsPage(t.db, actors.partnerA, { sort: "-updatedAt", page: 1, pageSize: 25 }, NOW);
      const before = expectedCounts(actors.partnerA);
      expect(after.counts).toEqual({ ...before, SUBMITTED: before.SUBMITTED - 1, UNDER_REVIEW: before.UNDER_REVIEW + 1 });
      const reviewer = await listClaimsPage(t.db, actors.reviewer, { status: "UNDER_REVIEW", sort: "dueAt", page: 1, pageSize: 25 }, NOW);
      expect(reviewer.total).toBe(expectedCounts(actors.reviewer).UNDER_REVIEW + 1);
    } finally {
      await t.db.claim.update({ where: { id: claim.id }, data: { status: "SUBMITTED" } });
    }
  });

  it("a filtered view's total is a count capped at the page's limit, walked in the list's order", async () => {
    sent.length = 0;
    const exact = await listClaimsPage(logged, actors.partnerA, { program: "OSA", sort: "-updatedAt", page: 1, pageSize: 25 }, NOW);
    expect(exact).toMatchObject({ total: 30, totalIsExact: true, hasNextPage: true });
    const count = statements().find((s) => /COUNT\(/i.test(s))!;
    expect(count).toMatch(/ORDER BY .*"updatedAt" DESC.*LIMIT/s);

    const capped = await listClaimsPage(t.db, actors.partnerA, { program: "OSA", sort: "-updatedAt", page: 1, pageSize: 25 }, NOW, { count: 10, read: 1000 });
    expect(capped).toMatchObject({ total: 10, totalIsExact: false, hasNextPage: true });
    expect(capped.items).toHaveLength(25);
    // The API's listClaimDetails keeps its contract: an exact total.
    const api = await listClaimDetails(t.db, actors.partnerA, { program: "OSA", sort: "-updatedAt", page: 1, pageSize: 25 }, NOW);
    expect(api.total).toBe(30);
    expect(api.items.map((c) => c.id)).toEqual(exact.items.map((c) => c.id));
  });

  it("OFFSET stops at the read limit (a hand-written ?page=), but Next follows a cursor past it", async () => {
    const limits = { count: 1000, read: 30 };
    const filters = { sort: "createdAt" as const, pageSize: 25 };
    const expected = expectedRows(rows, actors.partnerA, filters, NOW).map((r) => r.id);
    const second = await listClaimsPage(t.db, actors.partnerA, { ...filters, page: 2 }, NOW, limits);
    expect(second).toMatchObject({ hasNextPage: true, beyondReadLimit: false, page: 2 });
    expect(second.items.map((c) => c.id)).toEqual(expected.slice(25, 50));
    sent.length = 0;
    const third = await listClaimsPage(logged, actors.partnerA, { ...filters, page: 3 }, NOW, limits);
    expect(third).toMatchObject({ items: [], beyondReadLimit: true, hasNextPage: false, total: 60 });
    expect(statements().filter((s) => /FROM "public"\."Claim"/.test(s))).toEqual([]);
    // The Next link of page 2 carries a cursor: a keyset read, no OFFSET, whatever the depth.
    sent.length = 0;
    const next = await listClaimsPage(logged, actors.partnerA, { ...filters, page: 1, cursor: second.nextCursor! }, NOW, limits);
    expect(next).toMatchObject({ page: 3, hasNextPage: false, nextCursor: null, beyondReadLimit: false });
    expect(next.items.map((c) => c.id)).toEqual(expected.slice(50));
    // Prisma always writes `OFFSET $n`: the keyset read passes 0 (it skips nothing, the WHERE positions it).
    const reads = sent.filter((s) => /SELECT .* FROM "public"\."Claim"/.test(s.query) && !/COUNT/i.test(s.query));
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) {
      const offset = /OFFSET \$(\d+)/.exec(read.query);
      expect(offset ? JSON.parse(read.params)[Number(offset[1]) - 1] : "0").toBe("0");
    }
  });

  it("overdue means a business-day deadline (not the consent window, not a leftover) has passed", async () => {
    const result = await listClaimsPage(t.db, actors.admin, { overdue: true, sort: "dueAt", page: 1, pageSize: 100 }, NOW);
    expect(result.items.length).toBeGreaterThan(0);
    for (const claim of result.items) {
      expect(["SUBMITTED", "UNDER_REVIEW", "PARTNER_ACTION_REQUIRED"]).toContain(claim.status);
      expect(claim.dueAt!.getTime()).toBeLessThan(NOW.getTime());
    }
    // A deadline later today is not overdue yet; one a millisecond ago is.
    const later = await listClaimsPage(t.db, actors.admin, { overdue: true, sort: "dueAt", page: 1, pageSize: 100 }, new Date(NOW.getTime() - 3 * DAY - 1));
    expect(later.total).toBeLessThan(result.total);
  });

  it("claims without a deadline sort as due last: at the end ascending, at the start descending", async () => {
    const asc = await listClaimsPage(t.db, actors.partnerA, { sort: "dueAt", page: 3, pageSize: 25 }, NOW);
    expect(asc.items.at(-1)!.dueAt).toBeNull();
    const desc = await listClaimsPage(t.db, actors.partnerA, { sort: "-dueAt", page: 1, pageSize: 25 }, NOW);
    expect(desc.items[0].dueAt).toBeNull();
    const withDeadline = desc.items.filter((c) => c.dueAt !== null);
    expect(withDeadline.length).toBeGreaterThan(0);
    expect(desc.items.findIndex((c) => c.dueAt !== null)).toBe(desc.items.length - withDeadline.length);
  });

  it("rows carry what the table shows: products in order, customer, status and deadline", async () => {
    const claim = rows.find((r) => r.organizationId === orgA)!;
    await t.db.claimProduct.createMany({
      data: [
        { claimId: claim.id, kind: "WORKLOAD", name: "TEAMS", conflictKey: "k1", position: 1 },
        { claimId: claim.id, kind: "WORKLOAD", name: "EXCHANGE", conflictKey: "k2", position: 0 },
      ],
    });
    const result = await listClaimsPage(t.db, actors.partnerA, { q: formatClaimNumber(claim.number), sort: "-updatedAt", page: 1, pageSize: 25 }, NOW);
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({
      id: claim.id,
      number: claim.number,
      customerName: claim.customerName,
      customerDomain: claim.customerDomain,
      status: claim.status as ClaimStatus,
      products: [
        { kind: "WORKLOAD", name: "EXCHANGE", subscriptionId: null },
        { kind: "WORKLOAD", name: "TEAMS", subscriptionId: null },
      ],
    });
  });
});
