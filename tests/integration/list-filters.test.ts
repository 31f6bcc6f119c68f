// The second release's list filters (docs/api.md "List filters"), one test each, through the list query the API,
// export.csv and the pages share (listWhere), on claims built by the real use cases. Plans: dashboard-plans.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/claims/lifecycle";
import { listClaimDetails, type ClaimListFilters } from "../../lib/claims/queries";
import { claimListQuerySchema } from "../../lib/claims/schemas";
import { at, claimIn, createWorld, DAY, HOUR, MONDAY, type World } from "../fixtures/claims";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

const NOW = new Date("2026-06-10T12:00:00.000Z");

describe.skipIf(!pgAvailable)("list filters (PostgreSQL)", () => {
  let t: TestDatabase;
  let w: World;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase();
    w = await createWorld(t.db);
    ids.draftUsage = (await claimIn(t.db, w, "EDITING", { draft: { activity: "USAGE" }, start: at(MONDAY, 10 * DAY) })).claim.id;
    ids.submittedSecondMpn = (await claimIn(t.db, w, "SUBMITTED", { draft: { mpnId: w.orgA.mpnIds[1] }, start: at(MONDAY, 20 * DAY) })).claim.id;
    ids.rejected = (await claimIn(t.db, w, "REJECTED", { start: MONDAY })).claim.id;
    ids.disputed = (await claimIn(t.db, w, "DISPUTED", { start: at(MONDAY, DAY) })).claim.id;
    ids.upheld = (await claimIn(t.db, w, "DISPUTED", { start: at(MONDAY, 2 * DAY) })).claim.id;
    await t.db.dispute.update({ where: { claimId: ids.upheld }, data: { status: "UPHELD" } });
    ids.approvedSent = (await claimIn(t.db, w, "APPROVED", { start: at(MONDAY, 3 * DAY) })).claim.id;
    await t.db.claim.update({ where: { id: ids.approvedSent }, data: { sentForIncentiveAssessmentAt: at(MONDAY, 11 * DAY) } });
    ids.otherOrg = (await claimIn(t.db, w, "SUBMITTED", { org: "B", start: at(MONDAY, 4 * DAY) })).claim.id;
  }, 120_000);
  afterAll(async () => {
    await t?.drop();
  });

  /** The ids the list returns for `query` (parsed by the API's strict schema, as GET /claims does). */
  async function list(who: Actor, query: Record<string, string>): Promise<string[]> {
    const filters = claimListQuerySchema.parse({ pageSize: "100", ...query }) as ClaimListFilters;
    return (await listClaimDetails(t.db, who, filters, NOW)).items.map((c) => c.id).sort();
  }
  const sorted = (...keys: string[]) => keys.map((k) => ids[k]).sort();

  it("activity", async () => {
    expect(await list(w.partnerA.actor, { activity: "USAGE" })).toEqual(sorted("draftUsage"));
  });

  it("mpnId", async () => {
    expect(await list(w.partnerA.actor, { mpnId: w.orgA.mpnIds[1] })).toEqual(sorted("submittedSecondMpn"));
  });

  it("organizationId (staff narrow; a partner naming another organization sees nothing)", async () => {
    expect(await list(w.admin.actor, { organizationId: w.orgB.id })).toEqual(sorted("otherOrg"));
    expect(await list(w.partnerA.actor, { organizationId: w.orgB.id })).toEqual([]);
  });

  it("createdFrom / createdTo (a day is inclusive, through its end)", async () => {
    expect(await list(w.partnerA.actor, { createdFrom: "2026-03-03", createdTo: "2026-03-04" })).toEqual(sorted("disputed", "upheld"));
    expect(await list(w.partnerA.actor, { createdTo: "2026-03-02" })).toEqual(sorted("rejected"));
  });

  it("submittedFrom / submittedTo (an instant bound)", async () => {
    expect(await list(w.partnerA.actor, { submittedFrom: at(MONDAY, 20 * DAY).toISOString() })).toEqual(sorted("submittedSecondMpn"));
    // Drafts have no submittedAt: never in a submitted range.
    expect(await list(w.partnerA.actor, { submittedFrom: "2026-01-01" })).not.toContain(ids.draftUsage);
  });

  it("decidedFrom / decidedTo", async () => {
    expect(await list(w.partnerA.actor, { decidedFrom: at(MONDAY, DAY).toISOString(), decidedTo: at(at(MONDAY, DAY), 3 * HOUR).toISOString() })).toEqual(
      sorted("disputed"),
    );
  });

  it("dispute = NONE | OPEN | UPHELD | OVERTURNED", async () => {
    expect(await list(w.partnerA.actor, { dispute: "OPEN" })).toEqual(sorted("disputed"));
    expect(await list(w.partnerA.actor, { dispute: "UPHELD" })).toEqual(sorted("upheld"));
    expect(await list(w.partnerA.actor, { dispute: "OVERTURNED" })).toEqual([]);
    expect(await list(w.partnerA.actor, { dispute: "NONE" })).toEqual(sorted("draftUsage", "submittedSecondMpn", "rejected", "approvedSent"));
  });

  it("sentForIncentiveAssessment = true | false", async () => {
    expect(await list(w.partnerA.actor, { sentForIncentiveAssessment: "true" })).toEqual(sorted("approvedSent"));
    expect(await list(w.partnerA.actor, { sentForIncentiveAssessment: "false" })).not.toContain(ids.approvedSent);
  });

  it("the strict schema refuses a bad value of each new filter (the API's 422)", () => {
    for (const query of [{ activity: "GOLF" }, { mpnId: "12" }, { createdFrom: "yesterday" }, { decidedTo: "2026-02-30x" }, { dispute: "MAYBE" }, { sentForIncentiveAssessment: "yes" }]) {
      expect(claimListQuerySchema.safeParse(query).success, JSON.stringify(query)).toBe(false);
    }
  });
});
