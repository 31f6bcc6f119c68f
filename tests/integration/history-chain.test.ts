// Tamper-evident history (docs/architecture.md): every claim's events and the audit log form HMAC chains signed
// by the database's INSERT triggers. Real use cases, comments and the sweep produce chains that verify; parallel
// appends to one claim never fork; and edits made behind the portal's back — as the database superuser, with the
// append-only guards switched off — are caught, each at exactly the link that was touched.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chainSessionOptions, DEVELOPMENT_CHAIN_KEY, resolveChainKey } from "../../lib/audit/chain-key.mjs";
import type { ChainBreakReason } from "../../lib/audit/chain";
import { recordAuditEvent } from "../../lib/audit/record-audit-event";
import { chainKeyring, verifyAllClaimHistories, verifyAuditChain, verifyClaimHistory } from "../../lib/audit/verify-history";
import { addComment } from "../../lib/claims/service";
import { runSweep } from "../../lib/claims/sweep";
import type { Db } from "../../lib/db";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { DAY, MINUTE, MONDAY, at, claimIn, createWorld, type World } from "../fixtures/claims";
import { recordProof } from "../proof/report";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

type Table = "ClaimEvent" | "AuditEvent";
const ROTATED_KEY = "the-new-key-after-rotation";
/** The portal's keys plus the rotated one a test below signs with (its claim stays in the database). */
const keyring = () => chainKeyring({ AUDIT_CHAIN_KEY: resolveChainKey(), AUDIT_CHAIN_PREVIOUS_KEYS: ROTATED_KEY });
interface Tampering {
  name: string;
  /** Raw SQL run as the superuser with triggers off; returns the id of the link the verifier must name. */
  run: (rows: { id: string; seq: number }[]) => { sql: string; expect: { id: string; reason: ChainBreakReason } };
}

/** The kinds of tampering tried on a chain of at least four rows; `rows` in seq order, `where` picks the chain. */
function tamperings(table: Table, where: string): Tampering[] {
  const T = `"${table}"`;
  return [
    {
      name: "edit a row's data",
      run: (r) => ({ sql: `UPDATE ${T} SET "data" = "data" || '{"tampered": true}' WHERE "id" = ${r[1].id}`, expect: { id: r[1].id, reason: "MAC_MISMATCH" } }),
    },
    {
      name: "back-date a row",
      run: (r) => ({ sql: `UPDATE ${T} SET "at" = "at" - interval '1 day' WHERE "id" = ${r[2].id}`, expect: { id: r[2].id, reason: "MAC_MISMATCH" } }),
    },
    {
      name: "change who acted",
      run: (r) => ({ sql: `UPDATE ${T} SET "actorRole" = 'ADMIN' WHERE "id" = ${r[0].id}`, expect: { id: r[0].id, reason: "MAC_MISMATCH" } }),
    },
    {
      name: "delete a row in the middle",
      run: (r) => ({ sql: `DELETE FROM ${T} WHERE "id" = ${r[1].id}`, expect: { id: r[2].id, reason: "SEQUENCE_GAP" } }),
    },
    {
      name: "delete a row and renumber the rest",
      run: (r) => ({
        sql: `DELETE FROM ${T} WHERE "id" = ${r[1].id}; UPDATE ${T} SET "seq" = "seq" - 1 WHERE ${where} AND "seq" > ${r[1].seq}`,
        expect: { id: r[2].id, reason: "MAC_MISMATCH" },
      }),
    },
    {
      name: "swap two rows' order",
      run: (r) => ({
        sql: `UPDATE ${T} SET "seq" = -1 WHERE "id" = ${r[1].id}; UPDATE ${T} SET "seq" = ${r[1].seq} WHERE "id" = ${r[2].id};
              UPDATE ${T} SET "seq" = ${r[2].seq} WHERE "id" = ${r[1].id}`,
        expect: { id: r[2].id, reason: "MAC_MISMATCH" },
      }),
    },
    {
      name: "re-sign an edited row with a guessed key",
      run: (r) => ({
        sql: `UPDATE ${T} SET "data" = '{}', "mac" = encode(sha256(convert_to('guess' || "id", 'UTF8')), 'hex') WHERE "id" = ${r[1].id}`,
        expect: { id: r[1].id, reason: "MAC_MISMATCH" },
      }),
    },
    {
      name: "relabel a row's key id",
      run: (r) => ({ sql: `UPDATE ${T} SET "keyId" = '0000000000000000' WHERE "id" = ${r[2].id}`, expect: { id: r[2].id, reason: "UNKNOWN_KEY" } }),
    },
    {
      name: "append a forged row without the key",
      run: (r) => {
        const last = r[r.length - 1];
        const copy = table === "ClaimEvent"
          ? `"claimId", "type", "actorId", "actorRole", "actorName", "at", "fromStatus", "toStatus", "data"`
          : `"type", "actorId", "actorRole", "organizationId", "claimId", "at", "data"`;
        return {
          sql: `INSERT INTO ${T} ("id", ${copy}, "seq", "mac", "keyId")
                SELECT 900000000 + "id", ${copy}, "seq" + 1, repeat('0', 64), "keyId" FROM ${T} WHERE "id" = ${last.id}`,
          expect: { id: String(900000000 + Number(last.id)), reason: "MAC_MISMATCH" },
        };
      },
    },
  ];
}

/** Runs statements as the superuser with every trigger off (the append-only guards and the chain's signer). */
async function behindThePortal(db: Db, sql: string): Promise<void> {
  await db.$transaction([db.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`), ...sql.split(";").filter((s) => s.trim()).map((s) => db.$executeRawUnsafe(s))]);
}

describe.skipIf(!pgAvailable)("tamper-evident history (PostgreSQL)", () => {
  let t: TestDatabase;
  let w: World;

  beforeAll(async () => {
    t = await createTestDatabase();
    w = await createWorld(t.db);
    // Real histories: every path the fixtures drive, comments, then sweeps that reject, flag and remind.
    for (const target of ["APPROVED", "DISPUTED", "PARTNER_ACTION_REQUIRED", "UNDER_REVIEW", "SUBMITTED", "WITHDRAWN"] as const) {
      const built = await claimIn(t.db, w, target);
      if (target !== "WITHDRAWN") await addComment(t.db, w.reviewer.actor, built.claim.id, { body: `A note on ${target}` }, { now: at(built.at, MINUTE) });
    }
    for (let day = 1; day <= 40; day += 3) await runSweep(t.db, at(MONDAY, day * DAY));
    for (let i = 0; i < 6; i++) {
      await t.db.$transaction((tx) =>
        recordAuditEvent(tx, { type: "SIGN_IN_FAILED", actor: null, data: { email: `nobody${i}@example.com`, reason: "UNKNOWN_EMAIL" } }),
      );
    }
  }, 120_000);

  afterAll(async () => {
    await t?.drop();
  });

  it("real use cases, comments and the sweep produce chains that verify", async () => {
    const all = await verifyAllClaimHistories(t.db, chainKeyring(), 7); // a small batch: chains span batches
    expect(all.broken).toEqual([]);
    expect(all.claims).toBe(6);
    expect(all.events).toBe(await t.db.claimEvent.count());
    const bySweep = await t.db.claimEvent.count({ where: { actorRole: "SYSTEM" } });
    expect(bySweep).toBeGreaterThan(0);
    const seqs = await t.db.$queryRaw<{ ok: boolean }[]>`
      SELECT bool_and("n" = "seq") AS "ok" FROM (SELECT "seq", row_number() OVER (PARTITION BY "claimId" ORDER BY "id") AS "n" FROM "ClaimEvent") s`;
    expect(seqs[0].ok).toBe(true);
    const audit = await verifyAuditChain(t.db, chainKeyring(), 4);
    expect(audit).toMatchObject({ events: 6, verified: 6, broken: null });
  });

  it("parallel appends to one claim (comments from four pools, a sweep, audit events) never fork", async () => {
    const { claim, at: last } = await claimIn(t.db, w, "UNDER_REVIEW", { start: at(MONDAY, 60 * DAY) });
    const clients = [t.db, t.connect(), t.connect(), t.connect()];
    const results = await Promise.allSettled([
      ...Array.from({ length: 10 }, (_, i) =>
        addComment(clients[i % clients.length], w.reviewer.actor, claim.id, { body: `parallel ${i}` }, { now: at(last, MINUTE) }),
      ),
      runSweep(clients[1], at(last, 30 * DAY)),
      ...Array.from({ length: 10 }, (_, i) =>
        clients[i % clients.length].$transaction((tx) =>
          recordAuditEvent(tx, { type: "SIGN_IN_FAILED", actor: null, data: { email: `race${i}@example.com`, reason: "UNKNOWN_EMAIL" } }),
        ),
      ),
    ]);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const result = await verifyClaimHistory(t.db, claim.id);
    expect(result.broken).toBeNull();
    expect(result.verified).toBe(result.events);
    const rows = await t.db.claimEvent.findMany({ where: { claimId: claim.id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.filter((r) => r.type === "COMMENT_ADDED" && (r.data as { body: string }).body.startsWith("parallel"))).toHaveLength(10);
    expect((await verifyAuditChain(t.db)).broken).toBeNull();
  });

  it("a session without the chain key cannot append history", async () => {
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    try {
      const claim = await t.db.claim.findFirstOrThrow();
      await expect(
        client.query(`INSERT INTO "ClaimEvent" ("claimId", "type", "actorRole", "actorName", "data") VALUES ($1, 'COMMENT_ADDED', 'SYSTEM', 'x', '{}')`, [claim.id]),
      ).rejects.toThrow(/cpor\.audit_chain_key is not set/);
    } finally {
      await client.end();
    }
  });

  it("a rotated key: rows signed with the retired key verify while it is listed in AUDIT_CHAIN_PREVIOUS_KEYS", async () => {
    const { claim, at: last } = await claimIn(t.db, w, "SUBMITTED", { start: at(MONDAY, 90 * DAY) });
    const rotated = new PrismaClient({ adapter: new PrismaPg({ connectionString: t.url, options: chainSessionOptions(ROTATED_KEY) }) });
    try {
      await addComment(rotated, w.reviewer.actor, claim.id, { body: "after the rotation" }, { now: at(last, MINUTE) });
    } finally {
      await rotated.$disconnect();
    }
    const both = chainKeyring({ AUDIT_CHAIN_KEY: ROTATED_KEY, AUDIT_CHAIN_PREVIOUS_KEYS: resolveChainKey() });
    const result = await verifyClaimHistory(t.db, claim.id, both);
    expect(result.broken).toBeNull();
    expect(result.verified).toBe(result.events);
    const oldOnly = await verifyClaimHistory(t.db, claim.id, chainKeyring({ AUDIT_CHAIN_KEY: DEVELOPMENT_CHAIN_KEY }));
    expect(oldOnly.broken).toMatchObject({ seq: result.events, reason: "UNKNOWN_KEY" });
  });

  for (const table of ["ClaimEvent", "AuditEvent"] as const) {
    it(`every kind of tampering with ${table} rows is caught at exactly the touched link`, async () => {
      const claim = table === "ClaimEvent" ? (await claimIn(t.db, w, "APPROVED", { start: at(MONDAY, 120 * DAY) })).claim : null;
      const where = claim ? `"claimId" = '${claim.id}'` : "TRUE";
      const verify = async () => {
        if (claim) {
          const one = await verifyClaimHistory(t.db, claim.id, keyring());
          const all = await verifyAllClaimHistories(t.db, keyring());
          // The CLI's streaming pass must name the same link, and no other claim.
          expect(all.broken.map((b) => ({ claimId: b.claimId, id: b.id, reason: b.reason }))).toEqual(
            one.broken ? [{ claimId: claim.id, id: one.broken.id, reason: one.broken.reason }] : [],
          );
          return one.broken;
        }
        return (await verifyAuditChain(t.db, chainKeyring(), 3)).broken;
      };
      expect(await verify()).toBeNull();
      await t.db.$executeRawUnsafe(`CREATE TABLE "tamper_backup" AS SELECT * FROM "${table}" WHERE ${where}`);
      const failures: string[] = [];
      const cases = tamperings(table, where);
      for (const tampering of cases) {
        const rows = (await t.db.$queryRawUnsafe<{ id: bigint; seq: number }[]>(`SELECT "id", "seq" FROM "${table}" WHERE ${where} ORDER BY "seq"`)).map((r) => ({
          id: String(r.id),
          seq: r.seq,
        }));
        expect(rows.length).toBeGreaterThanOrEqual(4);
        const { sql, expect: wanted } = tampering.run(rows);
        await behindThePortal(t.db, sql);
        const broken = await verify();
        if (broken?.id !== wanted.id || broken.reason !== wanted.reason) {
          failures.push(`${tampering.name}: expected ${wanted.reason} at event ${wanted.id}, got ${broken ? `${broken.reason} at ${broken.id}` : "intact"}`);
        }
        // Put the chain back exactly as it was: it verifies again.
        await behindThePortal(t.db, `DELETE FROM "${table}" WHERE ${where}; INSERT INTO "${table}" SELECT * FROM "tamper_backup"`);
        expect(await verify()).toBeNull();
      }
      await t.db.$executeRawUnsafe(`DROP TABLE "tamper_backup"`);
      recordProof({
        category: "tamper-evident-history",
        subject: `${table === "ClaimEvent" ? "claim history" : "audit log"}: kinds of tampering behind the portal's back, caught at the touched link`,
        tried: cases.length,
        held: cases.length - failures.length,
      });
      expect(failures).toEqual([]);
    });
  }
});
