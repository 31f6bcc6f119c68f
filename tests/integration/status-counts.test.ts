// Database-level guarantees the service relies on: the trigger-maintained ClaimStatusCount equals the real
// counts after a mix of operations (service, sweep, refused and failed calls), and ClaimEvent is append-only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DAY,
  HOUR,
  MINUTE,
  at,
  claimIn,
  createWorld,
  expectClaimError,
  expectStatusCountsConsistent,
  poeFile,
  type World,
} from "../fixtures/claims";
import { CLAIM_STATUSES, type ClaimStatus } from "../../lib/claims/catalogue";
import { statusCounts } from "../../lib/claims/queries";
import {
  addComment,
  approveClaim,
  denyConsent,
  openDispute,
  recordPoeFile,
  rejectClaim,
  resolveDispute,
  resubmitClaim,
  startReview,
  submitClaim,
  updateClaim,
  withdrawClaim,
} from "../../lib/claims/service";
import { runSweep } from "../../lib/claims/sweep";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

describe.skipIf(!pgAvailable)("database invariants (PostgreSQL)", () => {
  let t: TestDatabase;
  let w: World;

  beforeAll(async () => {
    process.env.MAIL_LOG_FILE ??= "/dev/null";
    t = await createTestDatabase();
    w = await createWorld(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function realCounts(organizationId?: string, exclude?: ClaimStatus): Promise<Record<ClaimStatus, number>> {
    const counts = Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as Record<ClaimStatus, number>;
    const rows = await t.db.claim.groupBy({
      by: ["status"],
      where: { ...(organizationId ? { organizationId } : {}), ...(exclude ? { status: { not: exclude } } : {}) },
      _count: { _all: true },
    });
    for (const row of rows) counts[row.status] = row._count._all;
    return counts;
  }

  it("ClaimStatusCount matches SELECT status, count(*) after a mix of operations in two organizations", async () => {
    // every status in both organizations, built through the service
    const targets = ["EDITING", "SUBMITTED", "UNDER_REVIEW", "PARTNER_ACTION_REQUIRED", "APPROVED", "REJECTED", "WITHDRAWN", "DISPUTED"] as const;
    const built = await Promise.all(targets.flatMap((target) => [claimIn(t.db, w, target), claimIn(t.db, w, target, { org: "B" })]));
    await expectStatusCountsConsistent(t.db);
    const [aEditing, , aSubmitted, , aReview, bReview, aPar, bPar, aApproved, bApproved, , , , , aDisputed] = built;
    const later = at(aEditing.at, DAY);

    // more moves: submit, edit, start review, approve, reject, withdraw, deny, resubmit, dispute resolution
    await recordPoeFile(t.db, w.partnerA.actor, aEditing.claim.id, poeFile(), { now: later });
    await submitClaim(t.db, w.partnerA.actor, aEditing.claim.id, {}, { now: at(later, MINUTE) });
    await updateClaim(t.db, w.partnerA.actor, aSubmitted.claim.id, aSubmitted.claim.version, { commentary: "edit" }, { now: later });
    await startReview(t.db, w.reviewer.actor, aSubmitted.claim.id, {}, { now: at(later, HOUR) });
    await approveClaim(t.db, w.reviewer.actor, aReview.claim.id, {}, { now: later });
    await rejectClaim(t.db, w.reviewer.actor, bReview.claim.id, { reason: "POE_UNAVAILABLE" }, { now: later });
    await withdrawClaim(t.db, w.partnerB.actor, bApproved.claim.id, { comment: "No longer working together" }, { now: later });
    await denyConsent(t.db, aApproved.consentToken!, {}, { now: later });
    await resubmitClaim(t.db, w.partnerA.actor, aPar.claim.id, { comment: "done" }, { now: later });
    await resolveDispute(t.db, w.reviewer.actor, aDisputed.claim.dispute!.id, { outcome: "OVERTURN", comment: "ok" }, { now: later });
    await expectStatusCountsConsistent(t.db);

    // refused calls change no count
    await expectClaimError(approveClaim(t.db, w.reviewer.actor, aPar.claim.id, { version: 0 }, { now: later }), "CONFLICT");
    await expectClaimError(openDispute(t.db, w.partnerA.actor, aDisputed.claim.id, { details: "again" }, { now: later }), "INVALID_TRANSITION");
    await addComment(t.db, w.partnerB.actor, bPar.claim.id, { body: "working on it" }, { now: later });

    // the sweep's set-based updates keep the counts too (bPar's partner deadline passes)
    const summary = await runSweep(t.db, at(bPar.claim.dueAt!, 1));
    expect(summary.autoRejected).toBeGreaterThanOrEqual(1);
    expect((await t.db.claim.findUniqueOrThrow({ where: { id: bPar.claim.id } })).status).toBe("REJECTED");
    await expectStatusCountsConsistent(t.db);

    // and statusCounts (which reads the maintained table) answers each actor with the real numbers
    expect(await statusCounts(t.db, w.partnerA.actor)).toEqual(await realCounts(w.orgA.id));
    expect(await statusCounts(t.db, w.billingB.actor)).toEqual(await realCounts(w.orgB.id));
    expect(await statusCounts(t.db, w.admin.actor)).toEqual(await realCounts());
    expect(await statusCounts(t.db, w.reviewer.actor)).toEqual({ ...(await realCounts(undefined, "EDITING")), EDITING: 0 });
  });

  it("ClaimStatusCount follows multi-row and deleting statements too (bulk SQL, not only the service)", async () => {
    await t.db.$executeRawUnsafe(`UPDATE "Claim" SET "status" = 'SUBMITTED' WHERE "status" = 'EDITING'`);
    await expectStatusCountsConsistent(t.db);
    // a claim with no history, products or files can be deleted; the counts follow
    const { claim } = await claimIn(t.db, w, "EDITING");
    await t.db.$executeRawUnsafe(`ALTER TABLE "ClaimEvent" DISABLE TRIGGER claim_event_no_update_delete`);
    try {
      await t.db.$executeRawUnsafe(`DELETE FROM "ClaimEvent" WHERE "claimId" = $1`, claim.id);
    } finally {
      await t.db.$executeRawUnsafe(`ALTER TABLE "ClaimEvent" ENABLE TRIGGER claim_event_no_update_delete`);
    }
    await t.db.claim.delete({ where: { id: claim.id } });
    await expectStatusCountsConsistent(t.db);
  });

  it("ClaimEvent is append-only: UPDATE, DELETE and TRUNCATE raise and change nothing", async () => {
    const { claim } = await claimIn(t.db, w, "SUBMITTED");
    const events = await t.db.claimEvent.findMany({ where: { claimId: claim.id }, orderBy: { id: "asc" } });
    expect(events.length).toBeGreaterThan(0);
    const id = events[0].id;

    await expect(t.db.$executeRawUnsafe(`UPDATE "ClaimEvent" SET "actorName" = 'Mallory' WHERE "id" = $1`, id)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(t.db.$executeRawUnsafe(`DELETE FROM "ClaimEvent" WHERE "id" = $1`, id)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(t.db.$executeRawUnsafe(`TRUNCATE "ClaimEvent"`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    await expect(t.db.claimEvent.update({ where: { id }, data: { type: "COMMENT_ADDED" } })).rejects.toThrow(/append-only/);
    await expect(t.db.claimEvent.deleteMany({ where: { claimId: claim.id } })).rejects.toThrow(/append-only/);
    // and the claim cannot be deleted out from under its history
    await expect(t.db.claim.delete({ where: { id: claim.id } })).rejects.toThrow();

    expect(await t.db.claimEvent.findMany({ where: { claimId: claim.id }, orderBy: { id: "asc" } })).toEqual(events);
    // appending still works
    await addComment(t.db, w.partnerA.actor, claim.id, { body: "still writable" }, { now: at(claim.updatedAt, MINUTE) });
    expect(await t.db.claimEvent.count({ where: { claimId: claim.id } })).toBe(events.length + 1);
  });
});
