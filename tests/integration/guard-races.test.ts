// Writes that once escaped the guard discipline, raced for real: another transaction holds the row the write
// depends on and changes it while the write waits. The write must decide on what is committed when it gets
// the row, never on what it read before (a comment on a claim that became final, a lost settings update,
// an API key past the cap).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../lib/db";
import { MAX_ACTIVE_KEYS_PER_USER, createApiKey } from "../../lib/claims/api-keys";
import { addComment } from "../../lib/claims/service";
import { getSlaSettings, updateSlaSettings } from "../../lib/claims/settings";
import { HOUR, at, claimIn, createUser, createWorld, outcome, type World } from "../fixtures/claims";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

describe.skipIf(!pgAvailable)("guarded writes under races (PostgreSQL)", () => {
  let t: TestDatabase;
  let w: World;
  let other: Db;

  beforeAll(async () => {
    t = await createTestDatabase();
    w = await createWorld(t.db);
    other = t.connect();
  });
  afterAll(async () => {
    await t?.drop();
  });

  /** Resolves once some session of this database waits for a lock: the raced write is parked on the row. */
  async function someoneWaitsForALock() {
    for (let i = 0; i < 200; i++) {
      const [row] = await t.db.$queryRaw<{ waiting: bigint }[]>`
        SELECT count(*) AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      if (row.waiting > 0n) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("no session ever waited for a lock");
  }

  it("a comment raced by the decision that makes the claim final is refused, and nothing is stored", async () => {
    const { claim, at: t0 } = await claimIn(t.db, w, "DISPUTED");
    const now = at(t0, HOUR);
    let comment: Promise<string> | undefined;
    // What resolveDispute (uphold) commits, held open while the comment waits: an upheld dispute makes
    // the rejection final, and comments close on final claims.
    await other.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM "Claim" WHERE "id" = ${claim.id} FOR UPDATE`;
      comment = outcome(addComment(t.db, w.partnerA.actor, claim.id, { body: "One more thing" }, { now }));
      await someoneWaitsForALock();
      await tx.dispute.update({ where: { claimId: claim.id }, data: { status: "UPHELD", resolvedAt: now } });
      await tx.claim.update({ where: { id: claim.id }, data: { version: { increment: 1 } } });
    });
    expect(await comment).toBe("INVALID_TRANSITION");
    expect(await t.db.comment.count({ where: { claimId: claim.id, body: "One more thing" } })).toBe(0);
    expect(await t.db.claimEvent.count({ where: { claimId: claim.id, type: "COMMENT_ADDED", data: { path: ["body"], equals: "One more thing" } } })).toBe(0);
  });

  it("two admins saving different settings at once both keep their change (no lost update), each audited", async () => {
    await updateSlaSettings(t.db, w.admin.actor, { submittedBusinessDays: 5, timeZone: "UTC" });
    const audited = await t.db.auditEvent.count({ where: { type: "SETTINGS_CHANGED" } });
    let save: Promise<unknown> | undefined;
    await other.$transaction(async (tx) => {
      // Another save holds the row and commits its change while this one waits.
      await tx.$executeRaw`SELECT 1 FROM "Setting" WHERE "key" = 'sla' FOR UPDATE`;
      save = updateSlaSettings(t.db, w.admin.actor, { submittedBusinessDays: 8 });
      await someoneWaitsForALock();
      await tx.$executeRaw`UPDATE "Setting" SET "value" = "value" || '{"timeZone": "Europe/Paris"}'::jsonb WHERE "key" = 'sla'`;
    });
    await save;
    const settings = await getSlaSettings(t.db);
    expect(settings.submittedBusinessDays).toBe(8);
    expect(settings.timeZone).toBe("Europe/Paris");
    const [last] = await t.db.auditEvent.findMany({ where: { type: "SETTINGS_CHANGED" }, orderBy: { id: "desc" }, take: 1 });
    expect(last.data).toMatchObject({ from: { timeZone: "Europe/Paris", submittedBusinessDays: 5 }, to: { timeZone: "Europe/Paris", submittedBusinessDays: 8 } });
    expect(await t.db.auditEvent.count({ where: { type: "SETTINGS_CHANGED" } })).toBe(audited + 1);
  });

  it("concurrent first saves of a never-stored setting both succeed, merged", async () => {
    await t.db.$executeRaw`DELETE FROM "Setting" WHERE "key" = 'sla'`;
    await Promise.all([
      updateSlaSettings(t.db, w.admin.actor, { underReviewBusinessDays: 9 }),
      updateSlaSettings(other, w.admin.actor, { partnerActionBusinessDays: 4 }),
    ]);
    const settings = await getSlaSettings(t.db);
    expect([settings.underReviewBusinessDays, settings.partnerActionBusinessDays]).toEqual([9, 4]);
  });

  it("API keys created all at once never exceed the per-user cap", async () => {
    const user = await createUser(t.db, "REVIEWER", null, "key-racer");
    const clients = [t.db, other, t.connect()];
    const tries = MAX_ACTIVE_KEYS_PER_USER + 10;
    const results = await Promise.all(
      Array.from({ length: tries }, (_, i) => outcome(createApiKey(clients[i % clients.length], user, { name: `key ${i}` }))),
    );
    expect(results.filter((r) => r === "OK")).toHaveLength(MAX_ACTIVE_KEYS_PER_USER);
    expect(results.filter((r) => r === "VALIDATION")).toHaveLength(10);
    expect(await t.db.apiKey.count({ where: { userId: user.id, revokedAt: null } })).toBe(MAX_ACTIVE_KEYS_PER_USER);
    expect(await t.db.auditEvent.count({ where: { type: "API_KEY_CREATED", actorId: user.id } })).toBe(MAX_ACTIVE_KEYS_PER_USER);
  });
});
