// Races on one claim, run for real in parallel through several independent PrismaClients (each its own pool):
// the guarded update lets exactly one decision through, the others get CONFLICT or INVALID_TRANSITION, the
// history has one event for the step, and the maintained status counts stay equal to the real ones.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  HOUR,
  MINUTE,
  MONDAY,
  at,
  claimDraft,
  claimIn,
  createOrg,
  createUser,
  createWorld,
  expectStatusCountsConsistent,
  outcome,
  poeFile,
  type World,
} from "../fixtures/claims";
import type { Db } from "../../lib/db";
import {
  approveClaim,
  createClaim,
  denyConsent,
  discardClaim,
  openDispute,
  recordPoeFile,
  rejectClaim,
  resolveDispute,
  startReview,
  submitClaim,
  takeOverClaim,
  updateClaim,
  withdrawClaim,
} from "../../lib/claims/service";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

describe.skipIf(!pgAvailable)("concurrent decisions (PostgreSQL)", () => {
  let t: TestDatabase;
  let w: World;
  let clients: Db[];

  beforeAll(async () => {
    t = await createTestDatabase();
    w = await createWorld(t.db);
    clients = [t.db, t.connect(), t.connect(), t.connect()];
    // Open a few connections in every pool up front, so the races below are not serialised by connecting.
    await Promise.all(clients.flatMap((c) => Array.from({ length: 5 }, () => c.$queryRaw`SELECT 1 AS one FROM pg_sleep(0.02)`)));
  });
  afterAll(async () => {
    await t?.drop();
  });

  /** Runs `n` calls spread over the clients, all started together; returns each call's outcome. */
  function race(n: number, call: (db: Db, i: number) => Promise<unknown>) {
    return Promise.all(Array.from({ length: n }, (_, i) => outcome(call(clients[i % clients.length], i))));
  }

  async function statusChanges(claimId: string, fromStatus: "UNDER_REVIEW" | "SUBMITTED" | "APPROVED" | "REJECTED") {
    return t.db.claimEvent.findMany({ where: { claimId, type: "STATUS_CHANGED", fromStatus } });
  }

  it("10 approves + 10 rejects on one claim: exactly one wins, one STATUS_CHANGED, counts agree", async () => {
    const { claim, at: t0 } = await claimIn(t.db, w, "UNDER_REVIEW");
    const now = at(t0, HOUR);
    const results = await race(20, (db, i) =>
      i % 2 === 0
        ? approveClaim(db, w.reviewer.actor, claim.id, { version: claim.version }, { now })
        : rejectClaim(db, w.reviewer.actor, claim.id, { reason: "INSUFFICIENT_POE", version: claim.version }, { now }),
    );
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    for (const r of results) expect(["OK", "CONFLICT", "INVALID_TRANSITION"]).toContain(r);

    const row = await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(row.version).toBe(claim.version + 1);
    const changes = await statusChanges(claim.id, "UNDER_REVIEW");
    expect(changes).toHaveLength(1);
    expect(changes[0].toStatus).toBe(row.status);
    const winnerApproved = row.status === "APPROVED";
    expect(results.findIndex((r) => r === "OK") % 2 === 0).toBe(winnerApproved);
    expect(await t.db.consentToken.count({ where: { claimId: claim.id } })).toBe(winnerApproved ? 1 : 0);
    expect(await t.db.outboxMessage.count({ where: { claimId: claim.id, kind: "CUSTOMER_CONSENT_NOTICE" } })).toBe(winnerApproved ? 1 : 0);
    // the winner's decision message, once, to each of the claim's two partner users
    expect(await t.db.notification.count({ where: { claimId: claim.id, type: "CLAIM_DECIDED" } })).toBe(2);
    expect(await t.db.claimEvent.count({ where: { claimId: claim.id, type: "CONSENT_REQUESTED" } })).toBe(winnerApproved ? 1 : 0);
    await expectStatusCountsConsistent(t.db);
  });

  it("20 approves without a version: exactly one token, one notice, one STATUS_CHANGED", async () => {
    const { claim, at: t0 } = await claimIn(t.db, w, "UNDER_REVIEW");
    const now = at(t0, HOUR);
    const results = await race(20, (db) => approveClaim(db, w.reviewer.actor, claim.id, {}, { now }));
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    for (const r of results) expect(["OK", "CONFLICT", "INVALID_TRANSITION"]).toContain(r);
    expect((await statusChanges(claim.id, "UNDER_REVIEW")).map((e) => e.toStatus)).toEqual(["APPROVED"]);
    expect(await t.db.consentToken.count({ where: { claimId: claim.id } })).toBe(1);
    expect(await t.db.outboxMessage.count({ where: { claimId: claim.id, kind: "CUSTOMER_CONSENT_NOTICE" } })).toBe(1);
    await expectStatusCountsConsistent(t.db);
  });

  it("two reviewers start the same review 20 times: one assignment", async () => {
    const { claim, at: t0 } = await claimIn(t.db, w, "SUBMITTED");
    const results = await race(20, (db, i) => startReview(db, (i % 2 ? w.reviewer : w.reviewer2).actor, claim.id, {}, { now: at(t0, HOUR) }));
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    expect(await statusChanges(claim.id, "SUBMITTED")).toHaveLength(1);
    const assigned = await t.db.claimEvent.findMany({ where: { claimId: claim.id, type: "REVIEWER_ASSIGNED" } });
    expect(assigned).toHaveLength(1);
    expect((await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } })).reviewerId).toBe(assigned[0].actorId);
  });

  it("partner withdraws while reviewers approve and reject: one outcome", async () => {
    const { claim, at: t0 } = await claimIn(t.db, w, "UNDER_REVIEW");
    const now = at(t0, HOUR);
    const results = await race(18, (db, i) =>
      [
        () => withdrawClaim(db, w.partnerA.actor, claim.id, { comment: "Wrong MPN" }, { now }),
        () => approveClaim(db, w.reviewer.actor, claim.id, {}, { now }),
        // the holder both approves and rejects: another reviewer would be refused by the holder rule, not the race
        () => rejectClaim(db, w.reviewer.actor, claim.id, { reason: "POE_UNAVAILABLE" }, { now }),
      ][i % 3](),
    );
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    expect(await statusChanges(claim.id, "UNDER_REVIEW")).toHaveLength(1);
    await expectStatusCountsConsistent(t.db);
  });

  it("two reviewers take the same claim over at once: one wins, the other gets CONFLICT; one CLAIM_TAKEN_OVER", async () => {
    const { claim } = await claimIn(t.db, w, "UNDER_REVIEW"); // held by w.reviewer
    const third = await createUser(t.db, "REVIEWER", null, "reviewer-3");
    const contenders = [w.reviewer2, third];
    const results = await race(10, (db, i) => takeOverClaim(db, contenders[i % 2].actor, claim.id, { version: claim.version }));
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    expect(results.filter((r) => r === "CONFLICT")).toHaveLength(9);
    const events = await t.db.claimEvent.findMany({ where: { claimId: claim.id, type: "CLAIM_TAKEN_OVER" } });
    expect(events).toHaveLength(1);
    const row = await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(row.reviewerId).toBe(events[0].actorId);
    expect(row.version).toBe(claim.version + 1);
    expect(row.status).toBe("UNDER_REVIEW");
  });

  it("10 edits on the same version: one applied, nine CONFLICT, one FIELDS_UPDATED", async () => {
    const { claim, at: t0 } = await claimIn(t.db, w, "SUBMITTED");
    const results = await race(10, (db, i) =>
      updateClaim(db, w.partnerA.actor, claim.id, claim.version, { commentary: `edit ${i}` }, { now: at(t0, MINUTE) }),
    );
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    expect(results.filter((r) => r === "CONFLICT")).toHaveLength(9);
    const edits = await t.db.claimEvent.findMany({ where: { claimId: claim.id, type: "FIELDS_UPDATED" } });
    expect(edits).toHaveLength(1);
    const row = await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(row.commentary).toBe(`edit ${results.indexOf("OK")}`);
    expect(row.version).toBe(claim.version + 1);
  });

  it("one consent token used 10 times at once: one denial, the rest GONE", async () => {
    const { claim, consentToken, at: t0 } = await claimIn(t.db, w, "APPROVED");
    const results = await race(10, (db) => denyConsent(db, consentToken!, {}, { now: at(t0, HOUR) }));
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    for (const r of results) expect(["OK", "GONE", "CONFLICT"]).toContain(r);
    expect(await t.db.claimEvent.count({ where: { claimId: claim.id, type: "CONSENT_DENIED" } })).toBe(1);
    expect(await statusChanges(claim.id, "APPROVED")).toHaveLength(1);
  });

  it("10 disputes at once: one dispute; then 10 resolutions at once: one outcome", async () => {
    const { claim, at: t0 } = await claimIn(t.db, w, "REJECTED");
    const opened = await race(10, (db, i) => openDispute(db, w.partnerA.actor, claim.id, { details: `dispute ${i}` }, { now: at(t0, HOUR) }));
    expect(opened.filter((r) => r === "OK")).toHaveLength(1);
    for (const r of opened) expect(["OK", "CONFLICT", "INVALID_TRANSITION"]).toContain(r);
    expect(await t.db.claimEvent.count({ where: { claimId: claim.id, type: "DISPUTE_OPENED" } })).toBe(1);

    const dispute = await t.db.dispute.findUniqueOrThrow({ where: { claimId: claim.id } });
    const resolved = await race(10, (db, i) =>
      resolveDispute(db, w.reviewer.actor, dispute.id, { outcome: i % 2 ? "UPHOLD" : "OVERTURN", comment: `outcome ${i}` }, { now: at(t0, 2 * HOUR) }),
    );
    expect(resolved.filter((r) => r === "OK")).toHaveLength(1);
    for (const r of resolved) expect(["OK", "CONFLICT", "INVALID_TRANSITION"]).toContain(r);
    expect(await t.db.claimEvent.count({ where: { claimId: claim.id, type: "DISPUTE_RESOLVED" } })).toBe(1);
    const winner = resolved.indexOf("OK");
    const [row, closed] = await Promise.all([
      t.db.claim.findUniqueOrThrow({ where: { id: claim.id } }),
      t.db.dispute.findUniqueOrThrow({ where: { id: dispute.id } }),
    ]);
    expect(closed.status).toBe(winner % 2 ? "UPHELD" : "OVERTURNED");
    expect(row.status).toBe(winner % 2 ? "REJECTED" : "UNDER_REVIEW");
    await expectStatusCountsConsistent(t.db);
  });

  it("a new organization's first claims, created, submitted, withdrawn and discarded all at once, are counted exactly", async () => {
    const org = await createOrg(t.db, "Parallel Partners");
    const partner = await createUser(t.db, "PARTNER_ADMIN", org.id);
    const created = await Promise.all(
      Array.from({ length: 16 }, (_, i) => createClaim(clients[i % clients.length], partner.actor, claimDraft(org.mpnIds[i % 2]), { now: at(MONDAY, i) })),
    );
    // A draft is never withdrawn (INVALID_TRANSITION): a quarter is discarded, a quarter withdrawn after submit.
    await Promise.all(
      created.map(async (claim, i) => {
        const db = clients[i % clients.length];
        if (i % 4 === 0) return discardClaim(db, partner.actor, claim.id, undefined, { now: at(MONDAY, HOUR) });
        if (i % 4 !== 2) return;
        await recordPoeFile(db, partner.actor, claim.id, poeFile());
        await submitClaim(db, partner.actor, claim.id, {}, { now: at(MONDAY, HOUR) });
        await withdrawClaim(db, partner.actor, claim.id, { comment: "Duplicate" }, { now: at(MONDAY, 2 * HOUR) });
      }),
    );
    const counts = await t.db.claimStatusCount.findMany({ where: { organizationId: org.id }, orderBy: { status: "asc" } });
    expect(counts.map((c) => [c.status, c.count])).toEqual([
      ["EDITING", 8],
      ["SUBMITTED", 0],
      ["REJECTED", 4],
    ]);
    await expectStatusCountsConsistent(t.db);
  });
});
