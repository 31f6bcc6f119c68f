// Read replicas (DATABASE_REPLICA_URL; docs/operations.md "Read replicas") against real PostgreSQL. The "replica"
// is a second connection URL to the same test database under a role that may only read (SELECT grants, and
// default_transaction_read_only=on): every statement sent there that writes fails. The API's lists, exports and
// metrics answer through it; a revoked SELECT on that role shows which reads really go there; decisions still go to
// the primary and the claim read after one shows its new status; the node caches keep working.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimIn, createWorld, type World } from "../fixtures/claims";
import { turnNodeCachesOn } from "./support/node-caches";
import { createApiKeyForEmail } from "../../lib/claims/api-keys";
import { getSlaSettings } from "../../lib/claims/settings";
import { closeDb, getDb, getReadDb, isProcessClient } from "../../lib/db";
import { call, startApiTestEnv, stopApiTestEnv, type ApiTestEnv } from "./api-helpers";
import { pgAvailable } from "./test-db";

describe.skipIf(!pgAvailable)("read replica: DATABASE_REPLICA_URL under a read-only role", () => {
  let env: ApiTestEnv;
  let w: World;
  let role: string;
  let keys: { partner: string; reviewer: string; admin: string };
  let restoreNodeCaches: (() => Promise<void>) | undefined;

  /** As the database owner (the test's admin connection), on the test database. */
  async function asOwner(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: env.t.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    env = await startApiTestEnv();
    w = await createWorld(env.t.db);
    role = `cpor_it_replica_${randomBytes(4).toString("hex")}`;
    const database = new URL(env.t.url).pathname.slice(1);
    await asOwner(`CREATE ROLE "${role}" LOGIN`);
    await asOwner(`ALTER ROLE "${role}" SET default_transaction_read_only = on`);
    await asOwner(`GRANT CONNECT ON DATABASE "${database}" TO "${role}"`);
    await asOwner(`GRANT USAGE ON SCHEMA public TO "${role}"`);
    await asOwner(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO "${role}"`);
    const replica = new URL(env.t.url);
    replica.username = role;
    process.env.DATABASE_REPLICA_URL = replica.toString();
    keys = {
      partner: (await createApiKeyForEmail(env.t.db, w.partnerA.email, "replica")).secret,
      reviewer: (await createApiKeyForEmail(env.t.db, w.reviewer.email, "replica")).secret,
      admin: (await createApiKeyForEmail(env.t.db, w.admin.email, "replica")).secret,
    };
    await claimIn(env.t.db, w, "SUBMITTED");
    await claimIn(env.t.db, w, "REJECTED");
  });

  afterAll(async () => {
    await restoreNodeCaches?.();
    delete process.env.DATABASE_REPLICA_URL;
    // The role is the cluster's: dropped by name once its database (and with it every grant) is gone.
    await stopApiTestEnv(env);
    if (role) {
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres" });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS "${role}"`);
      await admin.end();
    }
  });

  it("the read client's statements run as the replica's role, read-only; a write sent there fails", async () => {
    const read = getReadDb();
    expect(read).not.toBe(getDb());
    expect(isProcessClient(read)).toBe(true);
    const [who] = await read.$queryRaw<{ user: string; readOnly: string }[]>`
      SELECT current_user AS "user", current_setting('transaction_read_only') AS "readOnly"`;
    expect(who).toEqual({ user: role, readOnly: "on" });
    // Raw SQL on the read client is reads only: a write there reaches the replica and is refused.
    await expect(read.$queryRaw`UPDATE "Claim" SET "overdue" = "overdue" RETURNING 1`).rejects.toThrow(/read-only transaction/);
    // Model writes and transactions on the read client go to the primary (the extension's rule).
    const claim = await env.t.db.claim.findFirstOrThrow();
    await expect(read.claim.update({ where: { id: claim.id }, data: { overdue: claim.overdue } })).resolves.toMatchObject({ id: claim.id });
    const [primary] = await read.$transaction((tx) => tx.$queryRaw<{ user: string }[]>`SELECT current_user AS "user"`);
    expect(primary.user).not.toBe(role);
  });

  it("lists, exports and metrics answer through the replica; without SELECT there they fail, the claim itself does not", async () => {
    const claims = await call("GET", "/claims", { key: keys.partner });
    expect(claims.status, claims.text).toBe(200);
    expect(claims.body.items).toHaveLength(2);
    const exported = await call("GET", "/claims/export.csv", { key: keys.partner });
    expect(exported.status, exported.text).toBe(200);
    expect(exported.text.trim().split("\n")).toHaveLength(3);
    const metrics = await call("GET", "/metrics", { key: keys.admin });
    expect(metrics.status, metrics.text).toBe(200);
    const audit = await call("GET", "/audit-events", { key: keys.admin });
    expect(audit.status, audit.text).toBe(200);
    const disputes = await call("GET", "/disputes", { key: keys.reviewer });
    expect(disputes.status, disputes.text).toBe(200);

    // Proof that those reads went to the replica: take the role's SELECT on claims away, and they fail, while
    // one claim (read from the primary) still answers.
    const id = claims.body.items[0].id as string;
    await asOwner(`REVOKE SELECT ON "Claim" FROM "${role}"`);
    try {
      expect((await call("GET", "/claims", { key: keys.partner })).status).toBe(500);
      expect((await call("GET", "/metrics", { key: keys.admin })).status).toBe(500);
      const one = await call("GET", `/claims/${id}`, { key: keys.partner });
      expect(one.status, one.text).toBe(200);
    } finally {
      await asOwner(`GRANT SELECT ON "Claim" TO "${role}"`);
    }
  });

  it("a decision goes to the primary and the claim read after it shows the new status at once", async () => {
    const { claim } = await claimIn(env.t.db, w, "SUBMITTED");
    const decided = await call("POST", `/claims/${claim.id}/actions/start-review`, { key: keys.reviewer, json: {} });
    expect(decided.status, decided.text).toBe(200);
    const after = await call("GET", `/claims/${claim.id}`, { key: keys.reviewer });
    expect(after.body.status).toBe("UNDER_REVIEW");
    // The history event was signed on the primary (its trigger needs the session's chain key).
    expect(await env.t.db.claimEvent.count({ where: { claimId: claim.id, toStatus: "UNDER_REVIEW" } })).toBe(1);
  });

  it("node caches work for the read client and are filled from the primary", async () => {
    restoreNodeCaches = await turnNodeCachesOn();
    const read = getReadDb();
    await asOwner(`REVOKE SELECT ON "Setting", "Holiday" FROM "${role}"`);
    try {
      // Filled from the primary: the replica's role could not read these tables.
      const settings = await getSlaSettings(read);
      expect(settings.timeZone).toBeTruthy();
      await env.t.db.setting.upsert({ where: { key: "sla" }, create: { key: "sla", value: { poeMaxBytes: 123_456 } }, update: { value: { poeMaxBytes: 123_456 } } });
      const deadline = Date.now() + 3000;
      let seen = settings.poeMaxBytes;
      while (seen !== 123_456 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        seen = (await getSlaSettings(read)).poeMaxBytes;
      }
      expect(seen).toBe(123_456);
    } finally {
      await asOwner(`GRANT SELECT ON "Setting", "Holiday" TO "${role}"`);
    }
  });

  it("without DATABASE_REPLICA_URL the read client is the primary client", async () => {
    const url = process.env.DATABASE_REPLICA_URL;
    delete process.env.DATABASE_REPLICA_URL;
    try {
      await closeDb();
      expect(getReadDb()).toBe(getDb());
      expect((await call("GET", "/claims", { key: keys.partner })).status).toBe(200);
    } finally {
      process.env.DATABASE_REPLICA_URL = url;
      await closeDb();
    }
  });
});
