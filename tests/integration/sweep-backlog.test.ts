// A backlog larger than one batch (an outage of days) is worked completely by one sweep, in bounded transactions:
// every claim past its partner deadline is rejected once with its history event, every review-stage claim past its
// deadline is flagged once, and a second sweep finds nothing left. (At 1,000,000 claims the single-transaction
// sweep passed Prisma's transaction timeout and rolled back: docs/performance-notes.md "Scale benchmark".)
// The reviewers' "deadline passed" alert is a digest per reviewer and batch: two sweeps at once over a backlog of
// several batches announce each claim exactly once, and each reviewer's digests add up to the whole backlog.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSweep } from "../../lib/claims/sweep";
import { renderMessage, type MessageData } from "../../lib/mail/templates";
import { REVIEW_DIGEST_BATCH, REVIEW_DIGEST_LISTED } from "../../lib/notifications/sweep-alerts";
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
    // 1,150 waiting for the partner (more than eleven batches of 100), 5,200 under review (more than ten of 500).
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

  it("two sweeps at once announce each overdue submission once, in digests that cover the backlog for every reviewer", async () => {
    const now = new Date();
    const org = await createOrganization(t.db, "digest");
    const reviewers = [
      { id: "rev-en", email: "rev-en@cpor.invalid", language: "en", emailOptOut: [] },
      { id: "rev-fr", email: "rev-fr@cpor.invalid", language: "fr", emailOptOut: [] },
      // In-app only: "review" emails turned off in Settings.
      { id: "rev-quiet", email: "rev-quiet@cpor.invalid", language: "en", emailOptOut: ["review"] },
    ];
    for (const r of reviewers) await t.db.user.create({ data: { ...r, name: r.id, role: "REVIEWER", active: true } });
    await t.db.user.create({ data: { id: "rev-gone", email: "rev-gone@cpor.invalid", name: "gone", role: "REVIEWER", active: false } });
    // More than two batches of overdue submissions, each a minute apart; some not due yet, some under review.
    const backlog = 2 * REVIEW_DIGEST_BATCH + 500;
    const overdue = claimRows(org, backlog, now, "sub").map((r, i) => ({ ...r, status: "SUBMITTED" as const, dueAt: new Date(now.getTime() - DAY - i * 60_000) }));
    const ahead = claimRows(org, 30, now, "ahead").map((r) => ({ ...r, status: "SUBMITTED" as const, dueAt: new Date(now.getTime() + DAY) }));
    const reviewing = claimRows(org, 30, now, "started").map((r) => ({ ...r, status: "UNDER_REVIEW" as const, dueAt: new Date(now.getTime() - DAY) }));
    await insertClaims(t.db, [...overdue, ...ahead, ...reviewing]);

    const nodes = [t.connect(), t.connect()];
    await Promise.all(nodes.map((db) => db.$queryRaw`SELECT 1 AS one`));
    const summaries = await Promise.all(nodes.map((db) => runSweep(db, now, { deliver: false })));
    expect(summaries[0].reviewersAlerted + summaries[1].reviewersAlerted).toBe(backlog);
    expect(await t.db.claim.count({ where: { id: { startsWith: "sub_" }, overdueAlertedAt: now } })).toBe(backlog);
    expect(await t.db.claim.count({ where: { id: { startsWith: "ahead_" }, overdueAlertedAt: { not: null } } })).toBe(0);
    expect(await t.db.claim.count({ where: { id: { startsWith: "started_" }, overdueAlertedAt: { not: null } } })).toBe(0);

    type Digest = Extract<MessageData, { type: "REVIEW_OVERDUE" }>;
    const outbox = await t.db.outboxMessage.findMany({ where: { kind: "REVIEW_OVERDUE" } });
    const bell = await t.db.notification.findMany({ where: { type: "REVIEW_OVERDUE" } });
    const digestsOf = (userId: string) => outbox.filter((m) => m.recipientUserId === userId).map((m) => m.data as unknown as Digest);
    const batches = digestsOf("rev-en").length;
    // Each batch is one message per reviewer (at least ⌈backlog / batch⌉ of them: two sweeps may split a batch).
    expect(batches).toBeGreaterThanOrEqual(Math.ceil(backlog / REVIEW_DIGEST_BATCH));
    for (const userId of ["rev-en", "rev-fr"]) {
      const digests = digestsOf(userId);
      expect(digests).toHaveLength(batches);
      // The totals add up to the backlog exactly: no claim announced twice, none left out.
      expect(digests.reduce((sum, d) => sum + d.total, 0)).toBe(backlog);
      for (const d of digests) {
        expect(d.claims.length).toBe(Math.min(REVIEW_DIGEST_LISTED, d.total));
        const listed = d.claims.map((c) => new Date(c.dueAt).getTime());
        expect(listed).toEqual([...listed].sort((a, b) => a - b));
      }
    }
    // Every claim listed by name is announced in no other digest.
    const listedIds = digestsOf("rev-en").flatMap((d) => d.claims.map((c) => c.claimId));
    expect(new Set(listedIds).size).toBe(listedIds.length);
    expect(outbox.filter((m) => m.recipientUserId === "rev-fr").every((m) => m.language === "fr")).toBe(true);
    expect(digestsOf("rev-quiet")).toHaveLength(0);
    expect(outbox.filter((m) => m.recipientUserId === "rev-gone")).toHaveLength(0);
    for (const userId of ["rev-en", "rev-fr", "rev-quiet"]) {
      expect(bell.filter((n) => n.userId === userId)).toHaveLength(batches);
      expect(bell.every((n) => n.claimId === null)).toBe(true);
    }
    const fr = renderMessage(digestsOf("rev-fr")[0], "fr", { baseUrl: "https://portal.example", timeZone: "UTC" });
    expect(fr.subject).toMatch(/^\d+ revendications : l'examen n'a pas commencé dans les délais$/);
    expect(fr.text).toContain("https://portal.example/review?overdue=true");

    const again = await runSweep(t.db, now, { deliver: false });
    expect(again.reviewersAlerted).toBe(0);
    expect(await t.db.outboxMessage.count({ where: { kind: "REVIEW_OVERDUE" } })).toBe(outbox.length);
    await Promise.all(nodes.map((db) => db.$disconnect()));
  }, 180_000);
});
