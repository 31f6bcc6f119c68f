// Index coverage of the claim lists (docs/performance-notes.md): for every scope (partner, reviewer, admin),
// status tab, filter and sort, the SQL the list sends must be answerable by walking an index in the list's
// order — never a sequential scan of Claim, never sorting the matching rows. With sequential scans, bitmap
// scans and sorts switched off, PostgreSQL still produces them only when no index can do the job, so a
// missing index shows up here as a Seq Scan or a Sort node (the figures at scale are in the notes).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { listClaimsPage } from "../../lib/claims/list-page";
import { CLAIM_SORTS, listClaimDetails, type ClaimListFilters } from "../../lib/claims/queries";
import { actor, claimRows, createOrganization, insertClaims, recordingClient } from "./dashboard-data";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

const NOW = new Date("2026-06-10T12:00:00.000Z");

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  /** With EXPLAIN ANALYZE only. */
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * A Sort of the claims themselves. Relations read with the page (relationJoins: one LATERAL subquery per
 * relation) sort one claim's few products by position under their own Aggregate; that is not the list's order.
 */
function sortsClaims(node: PlanNode): boolean {
  return node["Node Type"] === "Sort" && nodes(node).some((n) => n["Relation Name"] === "Claim");
}

describe.skipIf(!pgAvailable)("claim list plans use the indexes (PostgreSQL)", () => {
  let t: TestDatabase;
  let logged: PrismaClient;
  let client: pg.Client;
  let org: string;
  const queries: { query: string; params: string }[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    org = await createOrganization(t.db, "plans");
    const other = await createOrganization(t.db, "others");
    await insertClaims(t.db, [...claimRows(org, 600, NOW), ...claimRows(other, 1400, NOW)]);
    logged = recordingClient(t.url, queries);
    client = new pg.Client({ connectionString: t.url });
    await client.connect();
    await client.query(`ANALYZE "Claim"`);
    await client.query("SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off");
  });
  afterAll(async () => {
    await client?.end();
    await logged?.$disconnect();
    await t?.drop();
  });

  /** The plans of the Claim statements a list page sends (the page and, for filtered views, the capped count). */
  async function claimPlans(filters: ClaimListFilters, a = actor("PARTNER_ADMIN", org)) {
    queries.length = 0;
    await listClaimsPage(logged, a, filters, NOW);
    return plansOfRecorded();
  }

  /** `analyze`: run the statements too, so the plans carry the rows each node actually read. */
  async function plansOfRecorded(analyze = false) {
    const own = queries.filter((q) => /FROM "public"\."Claim"/.test(q.query));
    return Promise.all(
      own.map(async (q) => {
        const result = await client.query(`EXPLAIN (${analyze ? "ANALYZE, " : ""}FORMAT JSON) ${q.query}`, JSON.parse(q.params));
        return { query: q.query, nodes: nodes(result.rows[0]["QUERY PLAN"][0].Plan as PlanNode) };
      }),
    );
  }

  const FILTERS: Partial<ClaimListFilters>[] = [
    {},
    { status: "SUBMITTED" },
    { status: "PARTNER_ACTION_REQUIRED" },
    { status: "REJECTED" },
    { program: "OSA" },
    { solutionArea: "BUSINESS_APPLICATIONS" },
    { overdue: true },
    { status: "UNDER_REVIEW", overdue: true },
    { q: "contoso" },
    // The review queue's views (staff only; a partner's assignee is ignored): Mine, Unassigned, per tab.
    { assignee: "me" },
    { status: "SUBMITTED", assignee: "none" },
    { status: "UNDER_REVIEW", assignee: "me" },
    // The second release's filters: each narrows an ordered index walk (a filter on the walked rows), never a
    // sort or a sequential scan.
    { activity: "USAGE" },
    { mpnId: "1234567" },
    { organizationId: "org-none" },
    { createdFrom: "2026-05-01", createdTo: "2026-06-01" },
    { submittedFrom: "2026-05-01T00:00:00Z" },
    { status: "REJECTED", decidedTo: "2026-06-01" },
    { dispute: "NONE" },
    { status: "REJECTED", dispute: "OPEN" },
    { sentForIncentiveAssessment: true },
  ];

  const SCOPES = [
    ["partner", () => actor("PARTNER_ADMIN", org)],
    ["reviewer", () => actor("REVIEWER")],
    ["admin", () => actor("ADMIN")],
  ] as const;

  for (const [scope, who] of SCOPES) {
    it(`${scope}: every status tab, filter and sort walks an index in order`, async () => {
      const problems: string[] = [];
      for (const filters of FILTERS) {
        for (const sort of CLAIM_SORTS) {
          for (const page of [1, 7]) {
            const plans = await claimPlans({ sort, page, pageSize: 25, ...filters }, who());
            expect(plans.length).toBeGreaterThan(0);
            for (const plan of plans) {
              const label = `${scope} ${JSON.stringify(filters)} ${sort} page ${page}: ${plan.nodes.map((n) => n["Node Type"] + (n["Index Name"] ? ` ${n["Index Name"]}` : "")).join(" > ")}`;
              const claimScans = plan.nodes.filter((n) => n["Relation Name"] === "Claim");
              if (plan.nodes.some(sortsClaims)) problems.push(`sorts: ${label}`);
              if (claimScans.some((n) => n["Node Type"] === "Seq Scan")) problems.push(`seq scan: ${label}`);
              if (claimScans.some((n) => n["Index Name"] === "Claim_pkey")) problems.push(`primary key walk: ${label}`);
              // Which index wins (the organization's or a global one) depends on the statistics of this small
              // database; at 1,000,000 claims partners' plans stay inside their organization (the notes).
            }
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it(`${scope}: Next and Previous cursors (keyset reads, API and pages) walk an index in order`, async () => {
      const problems: string[] = [];
      let checked = 0;
      for (const filters of FILTERS) {
        for (const sort of CLAIM_SORTS) {
          // Page 1 gives a Next cursor, page 3 (reached by cursor) a Previous one; both are keyset reads.
          const base: ClaimListFilters = { sort, page: 1, pageSize: 25, ...filters };
          const first = await listClaimsPage(t.db, who(), base, NOW);
          const second = first.nextCursor ? await listClaimsPage(t.db, who(), { ...base, cursor: first.nextCursor }, NOW) : null;
          const cursors = [
            ["next", first.nextCursor],
            ["previous", second?.nextCursor ? (await listClaimsPage(t.db, who(), { ...base, cursor: second.nextCursor }, NOW)).previousCursor : null],
          ] as const;
          for (const [kind, cursor] of cursors) {
            if (!cursor) continue;
            for (const surface of ["page", "api"] as const) {
              queries.length = 0;
              if (surface === "page") await listClaimsPage(logged, who(), { ...base, cursor }, NOW);
              else if (kind === "next") await listClaimDetails(logged, who(), { ...base, cursor }, NOW);
              else continue;
              const plans = await plansOfRecorded();
              for (const plan of plans.filter((p) => !/COUNT\(/i.test(p.query) && /ORDER BY/.test(p.query))) {
                checked += 1;
                const label = `${scope} ${surface} ${kind} ${JSON.stringify(filters)} ${sort}: ${plan.nodes.map((n) => n["Node Type"] + (n["Index Name"] ? ` ${n["Index Name"]}` : "")).join(" > ")}`;
                const claimScans = plan.nodes.filter((n) => n["Relation Name"] === "Claim");
                if (plan.nodes.some(sortsClaims)) problems.push(`sorts: ${label}`);
                if (claimScans.some((n) => n["Node Type"] === "Seq Scan")) problems.push(`seq scan: ${label}`);
                if (claimScans.some((n) => n["Index Name"] === "Claim_pkey")) problems.push(`primary key walk: ${label}`);
              }
            }
          }
        }
      }
      expect(checked).toBeGreaterThan(FILTERS.length);
      expect(problems).toEqual([]);
    });
  }

  // A sweep after an outage decides thousands of claims at one instant; an import creates hundreds at once. The
  // first page must still read one page of claims, not the whole group that shares its sort key (the id that
  // breaks the tie is in the index: migration 20261202000000_list_index_tie_breakers).
  it("a page reads one page of claims when hundreds share the sort key", async () => {
    await client.query(`UPDATE "Claim" SET "updatedAt" = $1, "createdAt" = $1 WHERE "organizationId" = $2`, [NOW, org]);
    await client.query(`ANALYZE "Claim"`);
    const read: string[] = [];
    for (const [scope, who] of SCOPES) {
      for (const sort of CLAIM_SORTS.filter((s) => !s.endsWith("dueAt"))) {
        for (const filters of [{}, { status: "SUBMITTED" as const }]) {
          queries.length = 0;
          await listClaimsPage(logged, who(), { sort, page: 1, pageSize: 25, ...filters }, NOW);
          const pages = (await plansOfRecorded(true)).filter((p) => !/COUNT\(/i.test(p.query) && /ORDER BY/.test(p.query));
          for (const plan of pages) {
            const claimsRead = plan.nodes
              .filter((n) => n["Relation Name"] === "Claim")
              .reduce((sum, n) => sum + (n["Actual Rows"] ?? 0) * (n["Actual Loops"] ?? 0), 0);
            read.push(`${scope} ${sort} ${JSON.stringify(filters)}: ${claimsRead}`);
            expect(claimsRead, read.at(-1)).toBeLessThanOrEqual(26);
          }
        }
      }
    }
    expect(read.length).toBeGreaterThanOrEqual(SCOPES.length * 2);
  });
});
