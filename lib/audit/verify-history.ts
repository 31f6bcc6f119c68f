// Reads the chained history back and verifies it (lib/audit/chain.ts): one claim's history (the admin's "Verify
// history" action), every claim's, streamed in batches (`npm run audit:verify`), and the audit log's one chain.
// The rows are read as text with built-in casts only (::text, to_char), never through a database function, so a
// tampered-with function in the database cannot change what is verified.
import { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { formatClaimNumber } from "../claims/claim-number";
import { chainKeyId, previousChainKeys, resolveChainKey } from "./chain-key.mjs";
import {
  auditEventMessage,
  claimEventMessage,
  createChainVerifier,
  type AuditEventChainRow,
  type ChainBreak,
  type ChainResult,
  type ClaimEventChainRow,
} from "./chain";

/** keyId → key: the current key and the retired ones, so rows signed before a rotation still verify. */
export function chainKeyring(env: Record<string, string | undefined> = process.env): Map<string, string> {
  const keys = [resolveChainKey(env), ...previousChainKeys(env)];
  return new Map(keys.map((key) => [chainKeyId(key), key]));
}

const AT = Prisma.raw(`to_char(e."at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

const CLAIM_EVENT_COLUMNS = Prisma.sql`e."id"::text AS "id", e."claimId", e."seq", e."type", e."actorId", e."actorRole", e."actorName",
  ${AT} AS "at", e."fromStatus"::text AS "fromStatus", e."toStatus"::text AS "toStatus", e."data"::text AS "data", e."keyId", e."mac"`;

export interface ClaimHistoryResult extends ChainResult {
  claimId: string;
  number: string;
  events: number;
}

/** One claim's chain (the caller has authorized the reader: admins only). */
export async function verifyClaimHistory(db: Db, claimId: string, keys = chainKeyring()): Promise<ClaimHistoryResult> {
  const claim = await db.claim.findUniqueOrThrow({ where: { id: claimId }, select: { number: true } });
  const rows = await db.$queryRaw<ClaimEventChainRow[]>`
    SELECT ${CLAIM_EVENT_COLUMNS} FROM "ClaimEvent" e WHERE e."claimId" = ${claimId} ORDER BY e."seq"`;
  const verifier = createChainVerifier(keys, claimEventMessage);
  for (const row of rows) verifier.push(row);
  return { claimId, number: formatClaimNumber(claim.number), events: rows.length, ...verifier.result() };
}

export interface ClaimBreak extends ChainBreak {
  claimId: string;
  number: string;
}

export interface AllHistoriesResult {
  claims: number;
  events: number;
  /** The first broken link of each broken claim chain. */
  broken: ClaimBreak[];
}

/** Every claim's chain, streamed by (claimId, seq) in batches: memory stays flat at any number of events. */
export async function verifyAllClaimHistories(db: Db, keys = chainKeyring(), batchSize = 5000): Promise<AllHistoriesResult> {
  let claims = 0;
  let events = 0;
  const broken: Omit<ClaimBreak, "number">[] = [];
  type Chain = { claimId: string; verifier: ReturnType<typeof createChainVerifier<ClaimEventChainRow>> };
  let current = null as Chain | null;
  const finish = (chain: Chain | null) => {
    const b = chain?.verifier.result().broken;
    if (chain && b) broken.push({ claimId: chain.claimId, ...b });
  };
  let after: { claimId: string; seq: number } | null = null;
  for (;;) {
    const rows: ClaimEventChainRow[] = await db.$queryRaw<ClaimEventChainRow[]>`
      SELECT ${CLAIM_EVENT_COLUMNS} FROM "ClaimEvent" e
      WHERE ${after ? Prisma.sql`(e."claimId", e."seq") > (${after.claimId}, ${after.seq})` : Prisma.sql`TRUE`}
      ORDER BY e."claimId", e."seq" LIMIT ${batchSize}`;
    for (const row of rows) {
      if (current?.claimId !== row.claimId) {
        finish(current);
        current = { claimId: row.claimId, verifier: createChainVerifier(keys, claimEventMessage) };
        claims++;
      }
      current.verifier.push(row);
      events++;
    }
    if (rows.length < batchSize) break;
    const last = rows[rows.length - 1];
    after = { claimId: last.claimId, seq: last.seq };
  }
  finish(current);
  const numbers = new Map(
    (await db.claim.findMany({ where: { id: { in: broken.map((b) => b.claimId) } }, select: { id: true, number: true } })).map((c) => [c.id, c.number]),
  );
  return { claims, events, broken: broken.map((b) => ({ ...b, number: formatClaimNumber(numbers.get(b.claimId) ?? 0) })) };
}

export interface AuditChainResult extends ChainResult {
  events: number;
}

/** The audit log's one chain, streamed by seq in batches. */
export async function verifyAuditChain(db: Db, keys = chainKeyring(), batchSize = 5000): Promise<AuditChainResult> {
  const verifier = createChainVerifier(keys, auditEventMessage);
  let events = 0;
  let after = 0;
  for (;;) {
    const rows = await db.$queryRaw<AuditEventChainRow[]>`
      SELECT e."id"::text AS "id", e."seq", e."type", e."actorId", e."actorRole", e."organizationId", e."claimId",
        ${AT} AS "at", e."data"::text AS "data", e."keyId", e."mac"
      FROM "AuditEvent" e WHERE e."seq" > ${after} ORDER BY e."seq" LIMIT ${batchSize}`;
    for (const row of rows) verifier.push(row);
    events += rows.length;
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1].seq;
  }
  return { events, ...verifier.result() };
}
