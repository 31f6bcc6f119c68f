// The key of the tamper-evident history (AUDIT_CHAIN_KEY) and how it reaches the database session.
// Plain JavaScript (with chain-key.d.mts) because prisma/schema-engine.mjs — which runs the migrations, and the
// migration that chains existing rows needs the key — cannot import TypeScript; the portal, the scripts and the
// tests import this same file, so the key id and the session setting have one definition.
//
// The database computes each row's MAC in an INSERT trigger (migration 20261201043000_tamper_evident_history), so
// every writer — the service, the sweep's set-based SQL, the seed, imports — is chained without code of its own.
// The trigger reads the session setting `cpor.audit_chain_key`, set when a connection opens (startup option for
// PostgreSQL, SET for PGlite). It holds "<keyId>:<hex(K ^ ipad)>:<hex(K ^ opad)>", the two padded HMAC-SHA-256
// keys, so SQL needs only the built-in sha256() (PostgreSQL ≥ 11, PGlite): no pgcrypto extension to install.
// A session without the setting cannot append history at all (the trigger raises), so a forgotten client fails
// loudly instead of writing unchained rows.
import { createHash } from "node:crypto";

/** Development and test only: a fixed, public key. Production (NODE_ENV=production) refuses to run without one. */
export const DEVELOPMENT_CHAIN_KEY = "cpor-development-audit-chain-key-not-a-secret";

let warned = false;

/** AUDIT_CHAIN_KEY, or the development key with a warning outside production; throws in production when unset. */
export function resolveChainKey(env = process.env, { warn = true } = {}) {
  const key = env.AUDIT_CHAIN_KEY;
  if (key) return key;
  if (env.NODE_ENV === "production") {
    throw new Error("Set AUDIT_CHAIN_KEY: the history's tamper-evident chain is signed with it (README, Configuration).");
  }
  if (warn && !warned && !env.VITEST) {
    warned = true;
    console.warn("! AUDIT_CHAIN_KEY is not set: the history is chained with the public development key (not for production).");
  }
  return DEVELOPMENT_CHAIN_KEY;
}

/** Retired keys (AUDIT_CHAIN_PREVIOUS_KEYS, comma-separated) still verify the rows they signed. */
export function previousChainKeys(env = process.env) {
  return (env.AUDIT_CHAIN_PREVIOUS_KEYS ?? "").split(",").map((k) => k.trim()).filter(Boolean);
}

/** The id stored with each row: names the key without revealing it (16 hex digits of a SHA-256). */
export function chainKeyId(key) {
  return createHash("sha256").update(`cpor-audit-chain-key-id\n${key}`, "utf8").digest("hex").slice(0, 16);
}

/** The value of the session setting `cpor.audit_chain_key` for this key (see the top comment). */
export function chainSessionSetting(key) {
  let k = Buffer.from(key, "utf8");
  if (k.length > 64) k = createHash("sha256").update(k).digest();
  const block = Buffer.alloc(64);
  k.copy(block);
  const xor = (pad) => Buffer.from(block.map((b) => b ^ pad)).toString("hex");
  return `${chainKeyId(key)}:${xor(0x36)}:${xor(0x5c)}`;
}

/** node-postgres `options` that set it when the connection opens (no spaces: nothing to escape). */
export function chainSessionOptions(key) {
  return `-c cpor.audit_chain_key=${chainSessionSetting(key)}`;
}
