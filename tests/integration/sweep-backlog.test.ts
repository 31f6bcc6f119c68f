// A backlog larger than one batch (an outage of days) is worked completely by one sweep, in bounded transactions:
// every claim past its partner deadline is rejected once with its history event, every review-stage claim past its
// deadline is flagged once, and a second sweep finds nothing left. (At 1,000,000 claims the single-transaction
// sweep passed Prisma's transaction timeout and rolled back: docs/performance-notes.md "Scale benchmark".)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSweep } from "../../lib/claims/sweep";
import { createOrganization, insertClaims, claimRows } from "./dashboard-data";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

const DAY = 24 * 60 * 60 * 1000;

describe.skipIf(!pgAvailable)("sweep of a backlog larger than a batch (PostgreSQL)", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("rejects and flags every due claim exactly once, batch after batch", async () => {
    const now = new Date();
    const org = await createOrganization(t.db, "backlog");
    const past = new Date(now.getTime() - 2 * DAY);
    // 1,150 waiting for the partner (more than five batches of 200), 5,200 under review (more than one of 5,000).
    const waiting = claimRows(org, 1150, now, "wait").map((r) => ({ ...r, status: "PARTNER_ACTION_REQUIRED" as const, dueAt: past }));
    const reviewing = claimRows(org, 5200, now, "rev").map((r) => ({ ...r, status: "UNDER_REVIEW" as const, dueAt: past }));
    await insertClaims(t.db, [...waiting, ...reviewing]);

    const first = await runSweep(t.db, now);
    expect(first.autoRejected).toBe(1150);
    expect(first.flaggedOverdue).toBe(5200);
    expect(await t.db.claim.count({ where: { status: "PARTNER_ACTION_REQUIRED" } })).toBe(0);
    expect(await t.db.claim.count({ where: { status: "REJECTED", rejectionReason: "NO_PARTNER_RESPONSE" } })).toBe(1150);
    expect(await t.db.claim.count({ where: { status: "UNDER_REVIEW", overdue: false } })).toBe(0);
    expect(await t.db.claimEvent.count({ where: { type: "STATUS_CHANGED", actorRole: "SYSTEM" } })).toBe(1150);
    expect(await t.db.claimEvent.count({ where: { type: "SLA_OVERDUE" } })).toBe(5200);

    const second = await runSweep(t.db, now);
    expect(second.autoRejected).toBe(0);
    expect(second.flaggedOverdue).toBe(0);
  }, 120_000);
});
