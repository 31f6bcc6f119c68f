// Bulk claims for benchmarks (`npm run db:seed -- --claims N [--orgs M]`, bench/lib/scale-data.ts): each claim with
// one product and its CLAIM_CREATED history event, written set-based (INSERT … SELECT generate_series) in batches,
// one transaction per batch.
//
// The history chain (docs/architecture.md "Tamper-evident history") is signed by a row trigger that locks the claim,
// reads the chain's last row and hashes: ~75 % of the load's time when every event went through it. Here the events
// are signed set-based instead, by the trigger's own SQL functions, with the trigger switched off only inside the
// batch's transaction (see appendFirstEvents for why an auditor can accept that). `npm run audit:verify` checks the
// result with the independent Node verifier; tests/integration/bulk-seed.test.ts does so after a fast-path load.
import { availableParallelism } from "node:os";
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD } from "../lib/demo-users";
import { hashPassword } from "../lib/auth/password";
import { WORKLOADS } from "../lib/claims/catalogue";
import type { Db } from "../lib/db";
import type { Prisma } from "../lib/generated/prisma/client";

type Sql = Pick<Prisma.TransactionClient, "$executeRawUnsafe" | "$queryRawUnsafe">;

/** A load of this many claims or more builds the secondary indexes and foreign keys once at the end. */
export const BULK_REBUILD_INDEXES_FROM = 100_000;
const BULK_TABLES = ["Claim", "ClaimProduct", "ClaimEvent"];

export interface BulkSeedOptions {
  batchSize?: number;
  /** Loads of this many claims or more drop the secondary indexes and foreign keys and restore them after. */
  largeLoadFrom?: number;
  /** Batches loaded at once, each on its own connection (default: this machine's cores, at most 4). */
  workers?: number;
  log?: (line: string) => void;
}

export interface BulkSeedResult {
  claims: number;
  seconds: number;
  /** Claims per second, products, events and index builds included. */
  rate: number;
}

/**
 * Partner admins for the first bulk organizations (`bulk0@partner.example` … in `bulkorg_0` …), with the demo
 * password, so a benchmark can sign in as the large partner. One argon2 hash serves them all.
 */
async function seedBulkUsers(db: Db, count: number) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.user.createMany({
    data: Array.from({ length: count }, (_, k) => ({
      id: `bulkuser_${k}`,
      email: `bulk${k}@partner.example`,
      name: `Bulk partner ${k}`,
      role: "PARTNER_ADMIN" as const,
      organizationId: `bulkorg_${k}`,
      passwordHash,
    })),
    skipDuplicates: true,
  });
}

/** `orgCount` bulk organizations (`bulkorg_<k>`, each with one MPN ID), or the demo organizations when 0. */
async function bulkOrganizations(db: Db, orgCount: number): Promise<{ id: string; mpn: string }[]> {
  let organizationIds: string[];
  if (orgCount > 0) {
    const existing = await db.organization.count({ where: { name: { startsWith: "Bulk Partner " } } });
    for (let i = existing; i < orgCount; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, orgCount - i) }, (_, k) => i + k);
      await db.organization.createMany({ data: batch.map((k) => ({ id: `bulkorg_${k}`, name: `Bulk Partner ${String(k).padStart(5, "0")}` })) });
      await db.partnerLocation.createMany({ data: batch.map((k) => ({ organizationId: `bulkorg_${k}`, mpnId: String(9_000_000 + k), name: "Bulk location" })) });
    }
    organizationIds = Array.from({ length: orgCount }, (_, k) => `bulkorg_${k}`);
    await seedBulkUsers(db, Math.min(orgCount, 20));
  } else {
    organizationIds = (await db.organization.findMany({ where: { name: { in: DEMO_ORGANIZATIONS.map((o) => o.name) } }, select: { id: true } })).map((o) => o.id);
  }
  const mpnByOrg = new Map((await db.partnerLocation.findMany({ where: { organizationId: { in: organizationIds } } })).map((l) => [l.organizationId, l.mpnId]));
  return organizationIds.map((id) => ({ id, mpn: mpnByOrg.get(id) ?? "0000000" }));
}

/** Bulk claims `bulk_<n>` after those already loaded; refused in production like the rest of the seed. */
export async function seedBulk(db: Db, total: number, orgCount: number, options: BulkSeedOptions = {}): Promise<BulkSeedResult> {
  if (process.env.NODE_ENV === "production") throw new Error("Refusing to bulk-seed in production (NODE_ENV=production).");
  const { batchSize = 50_000, largeLoadFrom = BULK_REBUILD_INDEXES_FROM, workers = Math.min(4, availableParallelism()), log = console.log } = options;
  const started = Date.now();
  const orgsJson = JSON.stringify(await bulkOrganizations(db, orgCount));
  const offset = await db.claim.count({ where: { id: { startsWith: "bulk_" } } });
  // Claim.createdById references a user: the bulk claims name one inactive, password-less creator.
  await db.user.upsert({
    where: { id: "bulk-seed" },
    create: { id: "bulk-seed", email: "bulk-seed@seed.invalid", name: "Bulk seed", role: "PARTNER_ADMIN", active: false },
    update: {},
  });
  // A large load builds the secondary indexes once at the end instead of updating ~20 of them row by row
  // (PostgreSQL's own advice for bulk loading); unique indexes and primary keys stay, they guard the data.
  // Likewise the foreign keys of the loaded tables: checked row by row they cost ~4 lookups (and row locks) per
  // claim; added back after the load, each is validated by one join over the whole table before the seed ends.
  const large = total >= largeLoadFrom;
  const rebuild = large ? await dropSecondaryIndexes(db, BULK_TABLES) : [];
  const refKeys = large ? await dropForeignKeys(db, BULK_TABLES) : [];
  const rate = (claims: number) => Math.round(claims / Math.max((Date.now() - started) / 1000, 0.001));
  const batches: { from: number; to: number }[] = [];
  for (let from = offset; from < offset + total; from += batchSize) batches.push({ from, to: Math.min(offset + total, from + batchSize) - 1 });
  let done = 0;
  let failed = false;
  // Batches run on `workers` connections at once: one batch's claims are built while another's events are written.
  // They overlap, not race: the status-count rows a batch's claims update and the ClaimEvent lock of its events
  // are held to its COMMIT, so the next batch waits there (lock order is fixed: counts, then ClaimEvent).
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      const { from, to } = batch;
      if (failed) return;
      await db.$transaction(
        async (tx) => {
          await insertClaims(tx, orgsJson, from, to);
          await insertProducts(tx, from, to);
          await appendFirstEvents(tx, from, to);
        },
        { timeout: 30 * 60_000, maxWait: 10 * 60_000 },
      ).catch((error: unknown) => {
        failed = true; // the other workers stop after their current batch
        throw error;
      });
      done += to + 1 - from;
      log(`  bulk: ${done.toLocaleString("en")} / ${total.toLocaleString("en")} claims (${rate(done).toLocaleString("en")}/s)`);
    }
  };
  try {
    const results = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(workers, batches.length)) }, worker));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failure) throw failure.reason;
  } finally {
    // Also after a failed batch: the committed batches are whole, so the keys validate and the indexes build.
    await restore(db, rebuild, refKeys, workers);
  }
  if (large) {
    log(`  bulk: ${rebuild.length} indexes rebuilt, ${refKeys.length} foreign keys validated; ${total.toLocaleString("en")} claims with products and events (${rate(total).toLocaleString("en")}/s)`);
  }
  const seconds = (Date.now() - started) / 1000;
  return { claims: total, seconds, rate: rate(total) };
}

/**
 * Claims `bulk_<from>` … `bulk_<to>`. The first organization gets every 20th claim (5%): a "large partner" like the
 * benchmark's 50,000 of 1,000,000. Status, program, solution area, activity and deadline are drawn from independent
 * hashes of the sequence number, so every organization — the large one included — has every status, both programs
 * and both solution areas, and about half of the claims in an SLA stage have a deadline still ahead (the rest are
 * due: a sweep backlog). Arithmetic in bigint: s × 104729 overflows int past ~20,000 claims.
 */
async function insertClaims(sql: Sql, orgsJson: string, from: number, to: number) {
  await sql.$executeRawUnsafe(
    `
    WITH orgs AS (SELECT (row_number() OVER ()) - 1 AS i, o->>'id' AS id, o->>'mpn' AS mpn
                  FROM jsonb_array_elements($1::jsonb) o),
    h AS (SELECT s, ('x' || substr(md5('claim' || s), 1, 15))::bit(60)::bigint AS hv FROM generate_series($2::int, $3::int) s),
    g AS (SELECT s, hv, (CASE WHEN s % 20 = 0 THEN 0 ELSE s % (SELECT count(*) FROM orgs) END) AS oi,
                 (ARRAY['EDITING','SUBMITTED','UNDER_REVIEW','PARTNER_ACTION_REQUIRED','APPROVED','REJECTED'])[1 + (hv % 6)::int] AS st,
                 now() AT TIME ZONE 'UTC' - ((s::bigint * 104729) % (365 * 24 * 60))::int * interval '1 minute' AS created,
                 -- -10 … +10 days around now, in minutes: about half ahead, half passed.
                 now() AT TIME ZONE 'UTC' + ((hv / 7) % 28800 - 14400)::int * interval '1 minute' AS due
          FROM h)
    INSERT INTO "Claim" ("id", "organizationId", "mpnId", "program", "activity", "solutionArea", "customerTenantId",
      "customerDomain", "customerName", "customerNameLower", "customerDomainLower", "commentary", "status", "version",
      "dueAt", "createdById", "createdAt", "updatedAt", "submittedAt", "rejectionReason", "rejectedAt",
      "infoRequestedAt", "nextReminderAt", "approvedAt", "decidedAt", "consentEndsAt")
    SELECT 'bulk_' || g.s, orgs.id, orgs.mpn,
      (CASE WHEN (g.hv / 11) % 2 = 0 THEN 'OSU' ELSE 'OSA' END)::"Program",
      (ARRAY['PRE_SALES','REVENUE_ASSOCIATION','USAGE'])[1 + ((g.hv / 13) % 3)::int]::"Activity",
      (CASE WHEN (g.hv / 17) % 4 = 0 THEN 'BUSINESS_APPLICATIONS' ELSE 'MODERN_WORK' END)::"SolutionArea",
      md5('tenant' || g.s)::uuid::text,
      'customer' || g.s || '.example', 'Customer ' || g.s, 'customer ' || g.s, 'customer' || g.s || '.example',
      '', g.st::"ClaimStatus", 1,
      CASE WHEN g.st IN ('SUBMITTED','UNDER_REVIEW','PARTNER_ACTION_REQUIRED') THEN g.due
           WHEN g.st = 'APPROVED' AND (g.hv / 19) % 3 = 0 THEN g.due END,
      'bulk-seed', g.created, g.created + interval '1 hour',
      CASE WHEN g.st <> 'EDITING' THEN g.created + interval '30 minutes' END,
      CASE WHEN g.st = 'REJECTED' THEN 'INSUFFICIENT_POE'::"RejectionReason" END,
      CASE WHEN g.st = 'REJECTED' THEN g.created + interval '1 hour' END,
      -- The stage fields the sweep's rules read, as the lifecycle sets them: a partner-action stage began when
      -- the information was requested (its deadline 10 business days on); an approval opened the consent window
      -- that ends at dueAt (ended and completed where dueAt is unset).
      CASE WHEN g.st = 'PARTNER_ACTION_REQUIRED' THEN g.due - interval '14 days' END,
      -- No earlier than its first reminder (2 business days before the deadline's day: at most 6 days before,
      -- across a weekend and a holiday): the first sweep that reaches it works out the exact times.
      CASE WHEN g.st = 'PARTNER_ACTION_REQUIRED' THEN date_trunc('day', g.due) - interval '6 days' END,
      CASE WHEN g.st = 'APPROVED' THEN g.created + interval '1 hour' END,
      CASE WHEN g.st IN ('APPROVED','REJECTED') THEN g.created + interval '1 hour' END,
      CASE WHEN g.st = 'APPROVED' AND (g.hv / 19) % 3 = 0 THEN g.due END
    FROM g JOIN orgs ON orgs.i = g.oi`,
    orgsJson,
    from,
    to,
  );
}

async function insertProducts(sql: Sql, from: number, to: number) {
  const workloads = `ARRAY['${WORKLOADS.join("','")}']`;
  await sql.$executeRawUnsafe(
    `INSERT INTO "ClaimProduct" ("id", "claimId", "kind", "name", "conflictKey", "position")
     SELECT 'bulkp_' || s, 'bulk_' || s, 'WORKLOAD', (${workloads})[1 + s % ${WORKLOADS.length}],
            md5('tenant' || s)::uuid::text || '|' || (CASE WHEN s % 2 = 0 THEN 'OSU' ELSE 'OSA' END) || '|workload:' || (${workloads})[1 + s % ${WORKLOADS.length}], 0
     FROM generate_series($1::int, $2::int) s`,
    from,
    to,
  );
}

/**
 * The CLAIM_CREATED event of each claim of the batch, signed set-based: seq 1, this session's key id, and
 * mac = cpor_chain_mac(setting, cpor_claim_event_message(row, NULL)) — the trigger's own SQL functions, so the
 * formula has one definition. The chain trigger (claim_event_chain) is off for this one statement. What makes that
 * acceptable, and what an auditor can check:
 * - Only the first link of brand-new chains: the claims were inserted by this same transaction (their primary key
 *   refused any that existed), so no other writer can have appended to them and there is no previous MAC to read.
 *   `UNIQUE (claimId, seq)` would refuse a second seq 1 in any case: the bypass cannot fork a chain.
 * - Invisible to everyone else: ALTER TABLE … DISABLE TRIGGER is transactional and takes a SHARE ROW EXCLUSIVE
 *   lock on "ClaimEvent" until COMMIT, so no other session can insert history while the trigger is off (it waits),
 *   and every other session only ever sees the trigger enabled (the ENABLE commits with the rows; an error rolls
 *   both back).
 * - Owner only, seed only: only the table's owner may ALTER it, and only this benchmark loader (refused when
 *   NODE_ENV=production) does; no path of the portal has a way to skip the trigger (a production portal should
 *   connect as a role that does not own the tables, docs/operations.md).
 * - Checked, not trusted: the MACs are ordinary chain MACs; `npm run audit:verify` recomputes them in Node and
 *   names any row that does not match (tests/integration/bulk-seed.test.ts runs it after a load).
 * ROW(…)::"ClaimEvent" is positional: a column added to ClaimEvent makes this cast fail loudly, never sign wrongly.
 */
async function appendFirstEvents(sql: Sql, from: number, to: number) {
  await sql.$executeRawUnsafe(`ALTER TABLE "ClaimEvent" DISABLE TRIGGER claim_event_chain`);
  await sql.$executeRawUnsafe(
    `INSERT INTO "ClaimEvent" ("id", "claimId", "type", "actorId", "actorRole", "actorName", "at", "fromStatus", "toStatus", "data", "seq", "mac", "keyId")
     SELECT (e)."id", (e)."claimId", (e)."type", (e)."actorId", (e)."actorRole", (e)."actorName", (e)."at", (e)."fromStatus",
            (e)."toStatus", (e)."data", (e)."seq", cpor_chain_mac(k.setting, cpor_claim_event_message(e, NULL)), (e)."keyId"
     FROM (SELECT cpor_chain_setting() AS setting OFFSET 0) k,
     LATERAL (
       SELECT ROW(n."id", n."claimId", 'CLAIM_CREATED', NULL, 'SYSTEM', 'Bulk seed', n."at", NULL, 'EDITING', n."data",
                  1, '', split_part(k.setting, ':', 1))::"ClaimEvent" AS e
       -- OFFSET 0 keeps this subquery whole: nextval runs once per row, not once per field read from e.
       FROM (SELECT nextval(pg_get_serial_sequence('"ClaimEvent"', 'id')) AS "id", c."id" AS "claimId", c."createdAt" AS "at",
                    jsonb_build_object('number', 'CPOR-' || lpad(c."number"::text, 6, '0')) AS "data"
             FROM "Claim" c WHERE c."id" IN (SELECT 'bulk_' || s FROM generate_series($1::int, $2::int) s)
             OFFSET 0) n
     ) x`,
    from,
    to,
  );
  await sql.$executeRawUnsafe(`ALTER TABLE "ClaimEvent" ENABLE TRIGGER claim_event_chain`);
}

/** Builds the dropped indexes, `workers` at a time (builds on one table share its SHARE lock), then adds the keys. */
async function restore(db: Db, indexes: string[], refKeys: string[], workers: number) {
  const queue = [...indexes];
  await Promise.all(
    Array.from({ length: Math.min(workers, queue.length) }, async () => {
      for (let statement = queue.shift(); statement; statement = queue.shift()) {
        await db.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '256MB'`);
          await tx.$executeRawUnsafe(statement);
        }, { timeout: 30 * 60_000, maxWait: 10 * 60_000 });
      }
    }),
  );
  for (const statement of refKeys) await db.$executeRawUnsafe(statement);
}

/** Drops the foreign keys of `tables` and returns the statements that add (and validate) them again. */
async function dropForeignKeys(db: Db, tables: string[]): Promise<string[]> {
  const keys = await db.$queryRawUnsafe<{ table: string; name: string; definition: string }[]>(
    `SELECT c.conrelid::regclass::text AS "table", quote_ident(c.conname) AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
      WHERE c.contype = 'f' AND t.relname = ANY($1::text[])`,
    tables,
  );
  for (const key of keys) await db.$executeRawUnsafe(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.name}`);
  return keys.map((key) => `ALTER TABLE ${key.table} ADD CONSTRAINT ${key.name} ${key.definition}`);
}

/** Drops the non-unique indexes of `tables` and returns the statements that recreate them. */
async function dropSecondaryIndexes(db: Db, tables: string[]): Promise<string[]> {
  const indexes = await db.$queryRawUnsafe<{ name: string; definition: string }[]>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relname = ANY($1::text[]) AND NOT i.indisunique AND NOT i.indisprimary`,
    tables,
  );
  for (const index of indexes) await db.$executeRawUnsafe(`DROP INDEX ${index.name}`);
  return indexes.map((index) => index.definition);
}
