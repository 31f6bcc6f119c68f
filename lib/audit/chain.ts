// Tamper-evident history, the verifier's half (the signing half is the INSERT trigger of migration
// 20261201043000_tamper_evident_history). Pure functions of rows read as text: the message of a row, its MAC,
// and a streaming verifier that names the first broken link of one chain.
//
// Canonical message (keep in step with cpor_claim_event_message / cpor_audit_event_message in that migration):
// a header line, then each field as "<UTF-8 byte length>:<text>\n", NULL as "-\n" — unambiguous without escaping.
//   ClaimEvent: claimId, seq, id, type, actorId, actorRole, actorName, at, fromStatus, toStatus, data, keyId, prevMac
//   AuditEvent: seq, id, type, actorId, actorRole, organizationId, claimId, at, data, keyId, prevMac
// `at` is ISO-8601 UTC with milliseconds; `data` is PostgreSQL's text of the jsonb value, which is canonical JSON
// (keys de-duplicated and sorted, fixed spacing) — the verifier reads it with the same cast, never re-serializes.
// prevMac is the previous row's mac in the chain (seq − 1), NULL for seq 1.
import { createHmac, timingSafeEqual } from "node:crypto";

export interface ChainLink {
  id: string;
  seq: number;
  keyId: string;
  mac: string;
}

export interface ClaimEventChainRow extends ChainLink {
  claimId: string;
  type: string;
  actorId: string | null;
  actorRole: string;
  actorName: string;
  at: string;
  fromStatus: string | null;
  toStatus: string | null;
  data: string;
}

export interface AuditEventChainRow extends ChainLink {
  type: string;
  actorId: string | null;
  actorRole: string | null;
  organizationId: string | null;
  claimId: string | null;
  at: string;
  data: string;
}

/** One field of a message (see the top comment). */
export function chainField(value: string | number | null): string {
  if (value === null) return "-\n";
  const text = String(value);
  return `${Buffer.byteLength(text, "utf8")}:${text}\n`;
}

export function claimEventMessage(row: ClaimEventChainRow, prevMac: string | null): string {
  const fields = [row.claimId, row.seq, row.id, row.type, row.actorId, row.actorRole, row.actorName, row.at, row.fromStatus, row.toStatus, row.data, row.keyId, prevMac];
  return "cpor-claim-event/1\n" + fields.map(chainField).join("");
}

export function auditEventMessage(row: AuditEventChainRow, prevMac: string | null): string {
  const fields = [row.seq, row.id, row.type, row.actorId, row.actorRole, row.organizationId, row.claimId, row.at, row.data, row.keyId, prevMac];
  return "cpor-audit-event/1\n" + fields.map(chainField).join("");
}

/** HMAC-SHA-256 of the message, lower-case hex (what the trigger stores in `mac`). */
export function chainMac(key: string, message: string): string {
  return createHmac("sha256", key).update(message, "utf8").digest("hex");
}

/**
 * What failed at the first broken link:
 * - SEQUENCE_GAP: the row's seq is not the next one — rows before it were deleted, or rows were renumbered;
 * - UNKNOWN_KEY: its keyId names no key this portal holds (AUDIT_CHAIN_KEY, AUDIT_CHAIN_PREVIOUS_KEYS);
 * - MAC_MISMATCH: its MAC does not match its content and its predecessor's MAC — this row (or the previous row's
 *   mac) was edited after it was written.
 */
export type ChainBreakReason = "SEQUENCE_GAP" | "UNKNOWN_KEY" | "MAC_MISMATCH";

export interface ChainBreak {
  id: string;
  seq: number;
  /** The seq the chain expected at this position. */
  expectedSeq: number;
  reason: ChainBreakReason;
}

export interface ChainResult {
  /** Rows verified before the first break (all rows when intact). */
  verified: number;
  broken: ChainBreak | null;
}

/**
 * Verifies one chain fed in seq order, a row at a time (so callers stream in batches). Stops counting at the first
 * broken link: after it, nothing in the chain can be trusted to be in place.
 */
export function createChainVerifier<R extends ChainLink>(keys: ReadonlyMap<string, string>, message: (row: R, prevMac: string | null) => string) {
  let prev: { seq: number; mac: string } | null = null;
  let verified = 0;
  let broken: ChainBreak | null = null;
  return {
    push(row: R): void {
      if (broken) return;
      const expectedSeq = (prev?.seq ?? 0) + 1;
      const fail = (reason: ChainBreakReason) => {
        broken = { id: row.id, seq: row.seq, expectedSeq, reason };
      };
      if (row.seq !== expectedSeq) return fail("SEQUENCE_GAP");
      const key = keys.get(row.keyId);
      if (key === undefined) return fail("UNKNOWN_KEY");
      if (!sameHex(chainMac(key, message(row, prev?.mac ?? null)), row.mac)) return fail("MAC_MISMATCH");
      verified++;
      prev = { seq: row.seq, mac: row.mac };
    },
    result(): ChainResult {
      return { verified, broken };
    },
  };
}

/** Verifies a whole chain held in memory (one claim's history). */
export function verifyChain<R extends ChainLink>(rows: Iterable<R>, keys: ReadonlyMap<string, string>, message: (row: R, prevMac: string | null) => string): ChainResult {
  const verifier = createChainVerifier(keys, message);
  for (const row of rows) verifier.push(row);
  return verifier.result();
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** One line for people: which link broke and why (the CLI prints it; the pages use their own messages). */
export function describeBreak(b: ChainBreak): string {
  switch (b.reason) {
    case "SEQUENCE_GAP":
      return `event ${b.id} has seq ${b.seq} where ${b.expectedSeq} was expected: events are missing or were renumbered`;
    case "UNKNOWN_KEY":
      return `event ${b.id} (seq ${b.seq}) was signed with a key this portal does not hold`;
    case "MAC_MISMATCH":
      return `event ${b.id} (seq ${b.seq}) does not match its MAC: it, or the MAC of the event before it, was changed`;
  }
}
