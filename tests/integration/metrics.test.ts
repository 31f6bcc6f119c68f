// Metrics against real PostgreSQL, on claims driven through the real use cases at fixed instants (portal time
// zone UTC, default SLA: 5 business days per stage, target 10). Every expected figure is worked out by hand in
// the comments next to the claim that produces it. Period: March 2026 (Mon 2 … Tue 31), read on Wed 1 April.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimIn, createWorld, expectClaimError, type World } from "../fixtures/claims";
import { approveClaim, denyConsent, rejectClaim, resubmitClaim, startReview } from "../../lib/claims/service";
import { runSweep } from "../../lib/claims/sweep";
import { computeMetrics, type Metrics } from "../../lib/metrics/compute-metrics";
import { metricsQuerySchema } from "../../lib/metrics/metrics-query";
import { call, keyFor, startApiTestEnv, stopApiTestEnv, type ApiTestEnv } from "./api-helpers";
import { pgAvailable, type TestDatabase } from "./test-db";

const NOW = new Date("2026-04-01T12:00:00.000Z");
const MARCH = { from: "2026-03-01", to: "2026-03-31" };
const d = (iso: string) => new Date(iso);

describe.skipIf(!pgAvailable)("metrics (PostgreSQL)", () => {
  let env: ApiTestEnv | undefined;
  let t: TestDatabase;
  let w: World;

  beforeAll(async () => {
    env = await startApiTestEnv();
    t = env.t;
    w = await createWorld(t.db);
    const r = w.reviewer.actor;
    // c1: submitted Mon 2 09:02, review Mon 10:00, approved Tue 3 → 1 business day; both stages on time.
    const c1 = (await claimIn(t.db, w, "UNDER_REVIEW")).claim;
    await approveClaim(t.db, r, c1.id, {}, { now: d("2026-03-03T10:00:00Z") });
    // c2: review from Mon 2 (due Mon 9 end), rejected Mon 16 → 10 business days; the review was late, and
    // overdue at the end of Tue 10 … Sun 15 (6 days).
    const c2 = (await claimIn(t.db, w, "UNDER_REVIEW")).claim;
    await rejectClaim(t.db, r, c2.id, { reason: "INSUFFICIENT_POE", comment: "The PoE is unsigned." }, { now: d("2026-03-16T10:00:00Z") });
    // c3: info requested Mon 2 11:00 (5 review days left), resubmitted Thu 5 (new due: Thu 12 end), approved
    // Mon 9: 5 business days from submit minus 3 in partner action (Tue, Wed, Thu) = 2; three stages on time.
    const c3 = (await claimIn(t.db, w, "PARTNER_ACTION_REQUIRED")).claim;
    await resubmitClaim(t.db, w.partnerA.actor, c3.id, { comment: "The signed SOW is attached." }, { now: d("2026-03-05T10:00:00Z") });
    await approveClaim(t.db, r, c3.id, {}, { now: d("2026-03-09T10:00:00Z") });
    // c4: info requested Mon 2, never answered: the sweep rejects it on Tue 10 (partner deadline Mon 9 end):
    // 6 business days, all in partner action → 0.
    const c4 = (await claimIn(t.db, w, "PARTNER_ACTION_REQUIRED")).claim;
    // c5: approved Tue 3 11:00 (first decision → 0 days), declined by the customer on Wed 4.
    const c5 = await claimIn(t.db, w, "APPROVED", { start: d("2026-03-03T09:00:00Z") });
    await denyConsent(t.db, c5.consentToken!, {}, { now: d("2026-03-04T10:00:00Z") });
    // c9: organization B, rejected Tue 3 → 0 days; both stages on time.
    await claimIn(t.db, w, "REJECTED", { org: "B", start: d("2026-03-03T09:00:00Z") });
    await runSweep(t.db, d("2026-03-10T12:00:00Z"), { transport: { async send() {} } });
    // c6: submitted Mon 16 (due Mon 23 end), still waiting on 1 April: overdue at the end of Tue 24 … Tue 31.
    await claimIn(t.db, w, "SUBMITTED", { start: d("2026-03-16T09:00:00Z") });
    // c7: submitted Mon 16, review started late on Wed 25 by reviewer2 (overdue at the end of Tue 24 only);
    // its review is due Wed 1 April end: not overdue now.
    const c7 = (await claimIn(t.db, w, "SUBMITTED", { start: d("2026-03-16T09:00:00Z") })).claim;
    await startReview(t.db, w.reviewer2.actor, c7.id, {}, { now: d("2026-03-25T10:00:00Z") });
    // c8: a draft of organization A (admins and its partners count it, reviewers do not).
    await claimIn(t.db, w, "EDITING", { start: d("2026-03-20T09:00:00Z") });
    const c4now = await t.db.claim.findUniqueOrThrow({ where: { id: c4.id } });
    expect([c4now.status, c4now.rejectionReason]).toEqual(["REJECTED", "NO_PARTNER_RESPONSE"]);
  });
  afterAll(async () => {
    await stopApiTestEnv(env);
  });

  /** Overdue counts of March: 1 on 10–15, 2 on 24, 1 on 25–31, else 0. */
  function expectedOverdue() {
    return Array.from({ length: 31 }, (_, i) => {
      const day = i + 1;
      const overdue = day >= 10 && day <= 15 ? 1 : day === 24 ? 2 : day >= 25 ? 1 : 0;
      return { date: `2026-03-${String(day).padStart(2, "0")}`, overdue };
    });
  }

  it("gives an admin every claim's figures, computed by hand", async () => {
    const m: Metrics = await computeMetrics(t.db, w.admin.actor, MARCH, NOW);
    expect(m.byStatus).toEqual({ EDITING: 1, SUBMITTED: 1, UNDER_REVIEW: 1, PARTNER_ACTION_REQUIRED: 0, APPROVED: 2, REJECTED: 4 });
    expect(m.decisions).toEqual({ approved: 2, rejected: 4, byReason: { INSUFFICIENT_POE: 2, NO_PARTNER_RESPONSE: 1, CUSTOMER_DECLINE: 1 } });
    // SUBMITTED ended: c1 c2 c3 c4 c5 c9 on time, c7 late. UNDER_REVIEW ended: c1, c3 twice, c4, c5, c9 on time, c2 late.
    expect(m.sla).toEqual({ SUBMITTED: { decided: 7, onTime: 6 }, UNDER_REVIEW: { decided: 7, onTime: 6 } });
    // Durations [0 c4, 0 c5, 0 c9, 1 c1, 2 c3, 10 c2]: p50 = rank 3 → 0, p90 = rank 6 → 10.
    expect(m.businessDaysToDecision).toEqual({ p50: 0, p90: 10, target: 10 });
    expect(m.overdueOverTime).toEqual(expectedOverdue());
    const row = (id: string) => m.reviewers.find((x) => x.id === id);
    // reviewer approved or rejected c1, c2, c3, c5 (its approval; the decline is the customer's), c9; c4 was the sweep's. reviewer2 holds c7.
    expect(row(w.reviewer.id)).toMatchObject({ assigned: 0, decided: 5, overdue: 0 });
    expect(row(w.reviewer2.id)).toMatchObject({ assigned: 1, decided: 0, overdue: 0 });
  });

  it("hides drafts from reviewers (one visibility rule)", async () => {
    const m = await computeMetrics(t.db, w.reviewer.actor, MARCH, NOW);
    expect(m.byStatus.EDITING).toBe(0);
    expect(m.byStatus.REJECTED).toBe(4);
    expect(m.reviewers.length).toBeGreaterThanOrEqual(2);
  });

  it("gives a partner its own organization only, and no reviewer rows", async () => {
    for (const user of [w.partnerA, w.billingA]) {
      const m = await computeMetrics(t.db, user.actor, MARCH, NOW);
      expect(m.byStatus).toEqual({ EDITING: 1, SUBMITTED: 1, UNDER_REVIEW: 1, PARTNER_ACTION_REQUIRED: 0, APPROVED: 2, REJECTED: 3 });
      expect(m.decisions).toEqual({ approved: 2, rejected: 3, byReason: { INSUFFICIENT_POE: 1, NO_PARTNER_RESPONSE: 1, CUSTOMER_DECLINE: 1 } });
      expect(m.sla).toEqual({ SUBMITTED: { decided: 6, onTime: 5 }, UNDER_REVIEW: { decided: 6, onTime: 5 } });
      // [0 c4, 0 c5, 1 c1, 2 c3, 10 c2]: p50 = rank 3 → 1, p90 = rank 5 → 10.
      expect(m.businessDaysToDecision).toEqual({ p50: 1, p90: 10, target: 10 });
      expect(m.overdueOverTime).toEqual(expectedOverdue());
      expect(m.reviewers).toEqual([]);
    }
    const b = await computeMetrics(t.db, w.partnerB.actor, MARCH, NOW);
    expect(b.decisions).toEqual({ approved: 0, rejected: 1, byReason: { INSUFFICIENT_POE: 1 } });
    expect(b.byStatus.REJECTED).toBe(1);
    expect(b.overdueOverTime.every((x) => x.overdue === 0)).toBe(true);
  });

  it("bounds every figure by the period (inclusive dates)", async () => {
    // 16 March alone: c2's rejection (10 days) and its late review; c2 was overdue at the end of the 15th only.
    const m = await computeMetrics(t.db, w.admin.actor, { from: "2026-03-16", to: "2026-03-16" }, NOW);
    expect(m.decisions).toEqual({ approved: 0, rejected: 1, byReason: { INSUFFICIENT_POE: 1 } });
    expect(m.sla).toEqual({ SUBMITTED: { decided: 0, onTime: 0 }, UNDER_REVIEW: { decided: 1, onTime: 0 } });
    expect(m.businessDaysToDecision).toEqual({ p50: 10, p90: 10, target: 10 });
    expect(m.overdueOverTime).toEqual([{ date: "2026-03-16", overdue: 0 }]);
    const empty = await computeMetrics(t.db, w.admin.actor, { from: "2026-02-01", to: "2026-02-28" }, NOW);
    expect(empty.businessDaysToDecision).toEqual({ p50: null, p90: null, target: 10 });
    expect(empty.decisions).toEqual({ approved: 0, rejected: 0, byReason: {} });
  });

  it("defaults to the last 30 days and refuses bad periods (422)", async () => {
    const m = await computeMetrics(t.db, w.admin.actor, {}, NOW);
    expect(m.overdueOverTime[0].date).toBe("2026-03-03");
    expect(m.overdueOverTime.at(-1)?.date).toBe("2026-04-01");
    for (const bad of [{ from: "2026-02-30" }, { to: "2026/03/01" }, { from: "2026-03-02", to: "2026-03-01" }, { from: "2025-01-01", to: "2026-01-02" }]) {
      expect(metricsQuerySchema.safeParse(bad).success).toBe(false);
    }
    expect(metricsQuerySchema.safeParse({ from: "2025-01-01", to: "2026-01-01" }).success).toBe(true);
    await expectClaimError(computeMetrics(t.db, w.admin.actor, { from: "2027-01-01" }, NOW), "VALIDATION");
  });

  it("serves the same figures over GET /api/v1/metrics, and 422 for a bad period", async () => {
    const [adminKey, partnerKey] = await Promise.all([keyFor(t.db, w.admin.email), keyFor(t.db, w.partnerA.email)]);
    // The route reads the clock, so the expectation is computed at (nearly) the same instant: the "now" parts
    // (status counts, reviewers' held and overdue) agree because no fixture deadline falls between the calls.
    const admin = await call("GET", "/metrics?from=2026-03-01&to=2026-03-31", { key: adminKey });
    expect(admin.status).toBe(200);
    const expected = await computeMetrics(t.db, w.admin.actor, MARCH, new Date());
    expect(admin.body).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(admin.body.sla).toEqual({ SUBMITTED: { decided: 7, onTime: 6 }, UNDER_REVIEW: { decided: 7, onTime: 6 } });
    const partner = await call("GET", "/metrics?from=2026-03-01&to=2026-03-31", { key: partnerKey });
    expect(partner.status).toBe(200);
    expect(partner.body.reviewers).toEqual([]);
    expect(partner.body.decisions.rejected).toBe(3);
    for (const query of ["from=2026-03-32", "to=yesterday", "from=2026-03-02&to=2026-03-01", "from=2025-01-01&to=2026-01-02"]) {
      const bad = await call("GET", `/metrics?${query}`, { key: adminKey });
      expect([query, bad.status, bad.body.code]).toEqual([query, 422, "VALIDATION"]);
    }
  });
});
