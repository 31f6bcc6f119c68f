// The bulk seed's fast path (prisma/bulk-seed.ts): history events signed set-based with the chain trigger switched
// off inside each batch's transaction. The chains it writes verify with the independent Node verifier (what
// `npm run audit:verify` runs), later appends through the trigger continue them, a tampered bulk row is named, and
// while a loader has the trigger off no other session can append history unsigned — it waits for the lock.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chainKeyId, chainSessionOptions, resolveChainKey } from "../../lib/audit/chain-key.mjs";
import { chainKeyring, verifyAllClaimHistories, verifyClaimHistory } from "../../lib/audit/verify-history";
import { seedBulk } from "../../prisma/bulk-seed";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

const CLAIMS = 3000;

describe.skipIf(!pgAvailable)("bulk seed: fast path keeps the history chain valid (PostgreSQL)", () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
    // Small batches on two connections: batches overlap as in a real load.
    const result = await seedBulk(t.db, CLAIMS, 7, { batchSize: 700, workers: 2, log: () => {} });
    expect(result.claims).toBe(CLAIMS);
  }, 120_000);

  afterAll(async () => {
    await t?.drop();
  });

  it("loads every claim with its product and one signed CLAIM_CREATED event, and the chains verify", async () => {
    expect(await t.db.claim.count({ where: { id: { startsWith: "bulk_" } } })).toBe(CLAIMS);
    expect(await t.db.claimProduct.count({ where: { claimId: { startsWith: "bulk_" } } })).toBe(CLAIMS);
    const events = await t.db.claimEvent.findMany({ select: { claimId: true, seq: true, keyId: true, mac: true, type: true, data: true } });
    expect(events).toHaveLength(CLAIMS);
    expect(new Set(events.map((e) => e.claimId)).size).toBe(CLAIMS);
    expect(events.every((e) => e.seq === 1 && e.type === "CLAIM_CREATED" && e.keyId === chainKeyId(resolveChainKey()) && /^[0-9a-f]{64}$/.test(e.mac))).toBe(true);
    const numbers = new Map((await t.db.claim.findMany({ select: { id: true, number: true } })).map((c) => [c.id, c.number]));
    expect(events.every((e) => (e.data as { number: string }).number === `CPOR-${String(numbers.get(e.claimId)).padStart(6, "0")}`)).toBe(true);

    const all = await verifyAllClaimHistories(t.db, chainKeyring(), 1000);
    expect(all).toMatchObject({ claims: CLAIMS, events: CLAIMS, broken: [] });
  });

  it("leaves the chain trigger enabled, and later appends through it continue the bulk chains", async () => {
    const triggers = await t.db.$queryRaw<{ tgenabled: string }[]>`
      SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'claim_event_chain' AND tgrelid = '"ClaimEvent"'::regclass`;
    expect(triggers).toEqual([{ tgenabled: "O" }]);
    await t.db.$executeRaw`INSERT INTO "ClaimEvent" ("claimId", "type", "actorRole", "actorName", "data")
      VALUES ('bulk_20', 'COMMENT_ADDED', 'SYSTEM', 'test', '{"body": "after the load"}')`;
    const result = await verifyClaimHistory(t.db, "bulk_20");
    expect(result).toMatchObject({ events: 2, verified: 2, broken: null });
  });

  it("names a bulk row edited afterwards", async () => {
    const row = await t.db.claimEvent.findFirstOrThrow({ where: { claimId: "bulk_40" } });
    await t.db.$transaction([
      t.db.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`),
      t.db.$executeRawUnsafe(`UPDATE "ClaimEvent" SET "at" = "at" - interval '1 day' WHERE "id" = ${row.id}`),
    ]);
    const result = await verifyClaimHistory(t.db, "bulk_40");
    expect(result.broken).toMatchObject({ id: String(row.id), reason: "MAC_MISMATCH" });
  });

  it("while a loader has the trigger off, another session cannot append history: it waits for the loader's COMMIT", async () => {
    const options = chainSessionOptions(resolveChainKey());
    const loader = new pg.Client({ connectionString: t.url, options });
    const other = new pg.Client({ connectionString: t.url, options });
    await loader.connect();
    await other.connect();
    try {
      await loader.query(`BEGIN`);
      await loader.query(`ALTER TABLE "ClaimEvent" DISABLE TRIGGER claim_event_chain`);
      await other.query(`SET lock_timeout = '300ms'`);
      const append = `INSERT INTO "ClaimEvent" ("claimId", "type", "actorRole", "actorName", "data")
        VALUES ('bulk_60', 'COMMENT_ADDED', 'SYSTEM', 'test', '{}') RETURNING "seq"`;
      await expect(other.query(append)).rejects.toThrow(/lock timeout/);
      await loader.query(`ROLLBACK`);
      const { rows } = await other.query(append);
      expect(rows).toEqual([{ seq: 2 }]);
    } finally {
      await loader.end();
      await other.end();
    }
    expect((await verifyClaimHistory(t.db, "bulk_60")).broken).toBeNull();
  });

  it("a large load drops the secondary indexes and foreign keys and restores them exactly, and its chains verify", async () => {
    const schema = () =>
      t.db.$queryRaw<{ definition: string }[]>`
        SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
         WHERE c.relname IN ('Claim', 'ClaimProduct', 'ClaimEvent')
        UNION ALL
        SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
         WHERE contype = 'f' AND conrelid::regclass::text IN ('"Claim"', '"ClaimProduct"', '"ClaimEvent"')
        ORDER BY 1`;
    const before = await schema();
    expect(before.filter((r) => r.definition.includes("FOREIGN KEY")).length).toBeGreaterThanOrEqual(6);
    const lines: string[] = [];
    await seedBulk(t.db, 1500, 7, { batchSize: 500, workers: 2, largeLoadFrom: 1000, log: (line) => lines.push(line) });
    expect(lines.at(-1)).toMatch(/indexes rebuilt, \d+ foreign keys validated; 1,500 claims with products and events \([\d,]+\/s\)/);
    expect(await schema()).toEqual(before);
    const all = await verifyAllClaimHistories(t.db);
    expect(all.broken.map((b) => b.claimId)).toEqual(["bulk_40"]); // edited on purpose above
    expect(all.claims).toBe(CLAIMS + 1500);
  });
});
