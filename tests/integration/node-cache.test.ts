// The node caches (lib/cache/) against real PostgreSQL: the process's own client serves the signed-in user, API
// keys and the SLA settings from memory, and a change made through ANY connection — here a second client, as
// another node or psql would — reaches the listener as a notification and drops the copy. A change made with
// the announcing triggers switched off is NOT seen, which shows the value really came from the cache.
import type { Session } from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../fixtures/claims";
import { sessionUser } from "../../lib/auth/session";
import { turnNodeCachesOn } from "./support/node-caches";
import { authenticateApiKey } from "../../lib/claims/api-keys";
import { getSlaSettings, SLA_SETTINGS_KEY } from "../../lib/claims/settings";
import { getDb } from "../../lib/db";
import { keyFor, startApiTestEnv, stopApiTestEnv, type ApiTestEnv } from "./api-helpers";
import { pgAvailable } from "./test-db";

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!pgAvailable)("node caches invalidated by PostgreSQL notifications", () => {
  let env: ApiTestEnv;
  let w: World;
  let restoreNodeCaches: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    env = await startApiTestEnv();
    w = await createWorld(env.t.db);
    restoreNodeCaches = await turnNodeCachesOn();
  });
  afterAll(async () => {
    await restoreNodeCaches?.();
    await stopApiTestEnv(env);
  });

  /** Writes through the other connection with the announcing triggers off: no notification is sent. */
  async function silently(sql: string, ...params: unknown[]) {
    await env.t.db.$transaction([
      env.t.db.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
      env.t.db.$executeRawUnsafe(sql, ...params),
    ]);
  }

  function sessionOf(userId: string, sid: string): Session {
    return { user: { id: userId, sid, sessionEndsAt: Date.now() + 3_600_000, sessionVersion: 0 }, expires: "" } as unknown as Session;
  }

  it("a deactivated user's session ends at the next request on every node", async () => {
    const db = getDb();
    const session = sessionOf(w.partnerA.id, "sid-deactivate");
    expect((await sessionUser(db, session))?.id).toBe(w.partnerA.id);
    await silently(`UPDATE "User" SET "name" = 'Renamed silently' WHERE id = $1`, w.partnerA.id);
    expect((await sessionUser(db, session))?.name).toBe(w.partnerA.name); // served from this node's copy
    await env.t.db.user.update({ where: { id: w.partnerA.id }, data: { active: false } });
    expect(await eventually(() => sessionUser(db, session), (user) => user === null)).toBeNull();
  });

  it("a session signed out on another node is refused", async () => {
    const db = getDb();
    const session = sessionOf(w.billingA.id, "sid-signed-out");
    expect((await sessionUser(db, session))?.id).toBe(w.billingA.id);
    await env.t.db.revokedSession.create({ data: { id: "sid-signed-out", userId: w.billingA.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    expect(await eventually(() => sessionUser(db, session), (user) => user === null)).toBeNull();
  });

  it("a revoked API key stops working, and so do the keys of a user whose role changed", async () => {
    const db = getDb();
    const revoked = await keyFor(env.t.db, w.partnerB.email, "to revoke");
    const other = await keyFor(env.t.db, w.reviewer.email, "role change");
    expect((await authenticateApiKey(db, revoked))?.user.id).toBe(w.partnerB.id);
    expect((await authenticateApiKey(db, other))?.user.role).toBe("REVIEWER");
    await env.t.db.apiKey.updateMany({ where: { userId: w.partnerB.id }, data: { revokedAt: new Date() } });
    expect(await eventually(() => authenticateApiKey(db, revoked), (p) => p === null)).toBeNull();
    await env.t.db.user.update({ where: { id: w.reviewer.id }, data: { role: "ADMIN" } });
    expect((await eventually(() => authenticateApiKey(db, other), (p) => p?.user.role === "ADMIN"))?.user.role).toBe("ADMIN");
  });

  it("a settings or holiday change reaches every node's deadlines", async () => {
    const db = getDb();
    const before = await getSlaSettings(db);
    await silently(`INSERT INTO "Holiday" ("date", "name") VALUES ('2031-01-02', 'silent')`);
    expect((await getSlaSettings(db)).holidays).toEqual(before.holidays); // cached
    await env.t.db.holiday.create({ data: { date: "2031-01-03", name: "announced" } });
    const after = await eventually(() => getSlaSettings(db), (s) => s.holidays.includes("2031-01-03"));
    expect(after.holidays).toEqual(expect.arrayContaining(["2031-01-02", "2031-01-03"]));
    await env.t.db.setting.upsert({
      where: { key: SLA_SETTINGS_KEY },
      create: { key: SLA_SETTINGS_KEY, value: { poeMaxBytes: 1234567 } },
      update: { value: { poeMaxBytes: 1234567 } },
    });
    expect((await eventually(() => getSlaSettings(db), (s) => s.poeMaxBytes === 1234567)).poeMaxBytes).toBe(1234567);
  });

  it("a test's own client (not the process's) always reads the tables", async () => {
    await silently(`UPDATE "User" SET "name" = 'Seen at once' WHERE id = $1`, w.partnerB.id);
    expect((await sessionUser(env.t.db, sessionOf(w.partnerB.id, "sid-direct")))?.name).toBe("Seen at once");
  });
});
