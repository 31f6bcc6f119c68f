// The CSV export of a list (lib/claims/export.ts) against real PostgreSQL: every matching row exactly once,
// in the list's order, across keyset pages of 1,000 whose boundaries fall inside runs of equal timestamps and
// inside the claims without a deadline; the same visibility as the list; cells a spreadsheet could run quoted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatClaimNumber } from "../../lib/claims/claim-number";
import { CSV_COLUMNS, EXPORT_BATCH, exportClaimsCsv } from "../../lib/claims/export";
import type { Actor } from "../../lib/claims/lifecycle";
import { CLAIM_SORTS, type ClaimListFilters } from "../../lib/claims/queries";
import { actor, claimRows, createOrganization, expectedRows, insertClaims, recordingClient, storedRows, type StoredRow } from "./dashboard-data";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";
import { parseCsvRecords as parseCsv } from "../fixtures/csv";

const NOW = new Date("2026-06-10T12:00:00.000Z");

describe.skipIf(!pgAvailable)("CSV export of a list (PostgreSQL)", () => {
  let t: TestDatabase;
  let rows: StoredRow[];
  let bigOrg: string;
  let partner: Actor;
  let reviewer: Actor;

  async function exportRecords(a: Actor, filters: Omit<ClaimListFilters, "page" | "pageSize">) {
    const text = await new Response(exportClaimsCsv(t.db, a, filters, NOW)).text();
    const [header, ...records] = parseCsv(text);
    return { header, records };
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    const big = (bigOrg = await createOrganization(t.db, "big"));
    const small = await createOrganization(t.db, "small");
    // 2,600 claims: more than two keyset pages. Updated times come in pairs and every 200th claim shares
    // one instant with 1,100 others, so page boundaries fall inside runs of equal values.
    const bigRows = claimRows(big, 2600, NOW).map((r, i) => (i % 2 === 0 && i < 2200 ? { ...r, updatedAt: new Date("2026-06-01T00:00:00.000Z") } : r));
    await insertClaims(t.db, [...bigRows, ...claimRows(small, 30, NOW)]);
    rows = await storedRows(t.db);
    partner = actor("PARTNER_ADMIN", big);
    reviewer = actor("REVIEWER");
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("exports every visible matching row exactly once, in the list's order, for every sort", async () => {
    for (const sort of CLAIM_SORTS) {
      const { header, records } = await exportRecords(partner, { sort });
      expect(header).toEqual([...CSV_COLUMNS]);
      const expected = expectedRows(rows, partner, { sort }, NOW);
      expect(records.map((r) => r[0]), sort).toEqual(expected.map((r) => formatClaimNumber(r.number)));
    }
  });

  it("applies the list's filters and visibility (reviewers: no drafts, every organization)", async () => {
    const cases: [Actor, Omit<ClaimListFilters, "page" | "pageSize">][] = [
      [reviewer, { sort: "dueAt" }],
      [reviewer, { status: "REJECTED", sort: "-dueAt" }],
      [partner, { overdue: true, program: "OSA", sort: "-createdAt" }],
      [partner, { q: "contoso", sort: "updatedAt" }],
      [partner, { status: "EDITING", solutionArea: "MODERN_WORK", sort: "-updatedAt" }],
    ];
    for (const [a, filters] of cases) {
      const { records } = await exportRecords(a, filters);
      const expected = expectedRows(rows, a, filters, NOW);
      expect(records.map((r) => r[0]), JSON.stringify(filters)).toEqual(expected.map((r) => formatClaimNumber(r.number)));
    }
    const { records } = await exportRecords(reviewer, { status: "EDITING", sort: "dueAt" });
    expect(records).toEqual([]);
  });

  it("writes one line per claim with the API's codes, ISO times, and quoted or defused risky cells", async () => {
    const claim = rows.find((r) => r.status === "SUBMITTED" && r.organizationId === bigOrg)!;
    await t.db.claim.update({
      where: { id: claim.id },
      data: { customerName: '=HYPERLINK("x"), "Ltd"\nline two', customerNameLower: "zzz" },
    });
    await t.db.claimProduct.createMany({
      data: [
        { claimId: claim.id, kind: "DYNAMICS", name: "Power BI", subscriptionId: "6f1c1a9e-0000-4000-8000-000000000001", conflictKey: "a", position: 0 },
        { claimId: claim.id, kind: "DYNAMICS", name: "Power Apps", subscriptionId: "6f1c1a9e-0000-4000-8000-000000000002", conflictKey: "b", position: 1 },
      ],
    });
    const { records } = await exportRecords(partner, { q: formatClaimNumber(claim.number), sort: "-updatedAt" });
    expect(records).toHaveLength(1);
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, records[0][i]]));
    expect(row).toMatchObject({
      number: formatClaimNumber(claim.number),
      status: "SUBMITTED",
      overdue: String(claim.dueAt! < NOW),
      dueAt: claim.dueAt!.toISOString(),
      program: claim.program,
      solutionArea: claim.solutionArea,
      customerName: `'=HYPERLINK("x"), "Ltd"\nline two`,
      customerTenantId: claim.customerTenantId,
      products: "Power BI (6f1c1a9e-0000-4000-8000-000000000001); Power Apps (6f1c1a9e-0000-4000-8000-000000000002)",
      createdAt: claim.createdAt.toISOString(),
    });
  });

  it("streams: the header comes before any row is read, and an actor who sees nothing gets only the header", async () => {
    const reader = exportClaimsCsv(t.db, partner, { sort: "-updatedAt" }, NOW).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe(CSV_COLUMNS.join(",") + "\r\n");
    const second = await reader.read();
    expect(parseCsv(new TextDecoder().decode(second.value))).toHaveLength(1000);
    await reader.cancel();
    const nobody: Actor = { kind: "user", userId: "x", role: "PARTNER_ADMIN", organizationId: null };
    const text = await new Response(exportClaimsCsv(t.db, nobody, { sort: "-updatedAt" }, NOW)).text();
    expect(text).toBe(CSV_COLUMNS.join(",") + "\r\n");
  });
  it("reads in bounded keyset batches: one LIMIT 1,000 statement per batch, no OFFSET, never one big query", async () => {
    const sent: { query: string; params: string }[] = [];
    const logged = recordingClient(t.url, sent);
    try {
      for (const sort of ["-updatedAt", "dueAt"] as const) {
        sent.length = 0;
        const text = await new Response(exportClaimsCsv(logged, partner, { sort }, NOW)).text();
        const rowsOut = parseCsv(text).length - 1;
        expect(rowsOut).toBe(expectedRows(rows, partner, { sort }, NOW).length);
        expect(rowsOut).toBeGreaterThan(2 * EXPORT_BATCH);
        const reads = sent.filter((s) => /^SELECT .* FROM "public"\."Claim" /.test(s.query));
        // At least one statement a batch (the dueAt order adds one where it crosses to the claims without a
        // deadline), each limited to the batch and positioned by its WHERE (Prisma writes OFFSET 0).
        expect(reads.length).toBeGreaterThanOrEqual(Math.ceil(rowsOut / EXPORT_BATCH));
        expect(reads.length).toBeLessThanOrEqual(Math.ceil(rowsOut / EXPORT_BATCH) + 2);
        for (const read of reads) {
          const params = JSON.parse(read.params) as unknown[];
          const limit = /LIMIT \$(\d+)/.exec(read.query);
          const offset = /OFFSET \$(\d+)/.exec(read.query);
          expect(limit, read.query).not.toBeNull();
          expect(Number(params[Number(limit![1]) - 1])).toBeLessThanOrEqual(EXPORT_BATCH);
          if (offset) expect(params[Number(offset[1]) - 1]).toBe("0");
        }
      }
    } finally {
      await logged.$disconnect();
    }
  });
});
