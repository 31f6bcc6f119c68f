// API keys: how integrations act as a user (docs/api.md "Authentication"). A key is shown once, when it is created;
// the database keeps its SHA-256 (the secret is 256 random bits, so a fast hash is the right tool — there is
// nothing to brute-force) and a short public prefix that lets a user tell keys apart.
//
// Key format: `cpor_<8 hex: public prefix>_<43 base64url: 32 random bytes>`, e.g.
// `cpor_1a2b3c4d_q9…`. The whole string is hashed; the prefix alone identifies nothing.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event";
import { defineNodeCache } from "../cache/invalidation";
import { isProcessClient, type Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { UserRole } from "./catalogue";
import { ClaimError } from "./errors";
import type { Actor } from "./lifecycle";
import { fieldErrorsFromZod } from "./schemas";

/*
 * Who manages API keys — decision for issue 5, where the two specs disagree:
 *   - the original API contract: "Every signed-in user can create keys for themselves (Settings → API keys)".
 *   - domain.md: PARTNER_ADMIN may "manage their org's API keys"; PARTNER_BILLING has "no API key management".
 * Resolution: every signed-in user may create, list and revoke keys for themselves EXCEPT PARTNER_BILLING
 * (domain.md wins for that role); a PARTNER_ADMIN additionally sees and may revoke the keys of every user of
 * their own organization. Reviewers and admins manage only their own keys.
 * An operator may still issue a key to any active user with `npm run apikey -- create --email …` (that is
 * operations, not the billing user managing keys), and such a key acts as its user like any other.
 */
export const API_KEY_MANAGER_ROLES: readonly UserRole[] = ["PARTNER_ADMIN", "REVIEWER", "ADMIN"];

export function canManageApiKeys(role: UserRole): boolean {
  return API_KEY_MANAGER_ROLES.includes(role);
}

/** Most active keys one user may hold: enough for every integration, few enough to review in one list. */
export const MAX_ACTIVE_KEYS_PER_USER = 20;
export const API_KEY_NAME_MAX_LENGTH = 100;
/** lastUsedAt is written at most once per this interval per key, not on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

const KEY_PATTERN = /^cpor_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

/** The longest lifetime a key can be given at creation (10 years). */
export const API_KEY_MAX_DAYS = 3650;

export const apiKeyCreateSchema = z.object({
  name: z
    .string({ error: "Name the key, e.g. the integration that will use it" })
    .trim()
    .min(1, { error: "Name the key, e.g. the integration that will use it" })
    .max(API_KEY_NAME_MAX_LENGTH, {
      error: `Shorten the name to ${API_KEY_NAME_MAX_LENGTH} characters or fewer`,
    }),
  /** Optional lifetime; absent: the key works until revoked. */
  expiresInDays: z
    .number({ error: `Give the lifetime as a whole number of days from 1 to ${API_KEY_MAX_DAYS}` })
    .int({ error: `Give the lifetime as a whole number of days from 1 to ${API_KEY_MAX_DAYS}` })
    .min(1, { error: `Give the lifetime as a whole number of days from 1 to ${API_KEY_MAX_DAYS}` })
    .max(API_KEY_MAX_DAYS, { error: `Give the lifetime as a whole number of days from 1 to ${API_KEY_MAX_DAYS}` })
    .optional(),
});

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** A new random key and what is stored of it. The key itself exists only in the caller's hands. */
export function generateApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = `cpor_${randomBytes(4).toString("hex")}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

/** Whether a string has the shape of a key (checked before any database work). */
export function looksLikeApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

export interface KeyManager {
  id: string;
  role: UserRole;
  organizationId: string | null;
}

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  owner: { id: string; name: string; email: string };
  /** The viewer's own key (false: a key of another user of the partner admin's organization). */
  own: boolean;
}

function requireManager(user: KeyManager): void {
  if (!canManageApiKeys(user.role)) throw new ClaimError("FORBIDDEN", "Your role cannot manage API keys.");
}

const keyViewSelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  expiresAt: true,
  userId: true,
  user: { select: { id: true, name: true, email: true } },
} as const;

type KeyRow = Prisma.ApiKeyGetPayload<{ select: typeof keyViewSelect }>;

function viewOf(row: KeyRow, viewerId: string): ApiKeyView {
  const { user, userId, ...fields } = row;
  return { ...fields, owner: user, own: userId === viewerId };
}

function managerActor(user: KeyManager): Actor {
  return { kind: "user", userId: user.id, role: user.role, organizationId: user.organizationId };
}

function auditData(row: KeyRow) {
  return { apiKeyId: row.id, ownerId: row.userId, name: row.name, prefix: row.prefix };
}

/**
 * Stores a new key for `owner` and returns it with the one-time secret. No role check: callers decide.
 * The owner's row is locked while the active keys are counted, so concurrent creations cannot pass the
 * cap together; the key and its API_KEY_CREATED audit event commit together.
 */
async function issueKey(
  db: Db,
  actor: Actor,
  owner: { id: string; organizationId: string | null },
  { name, expiresInDays }: KeyInput,
  now: Date,
) {
  const expiresAt = expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null;
  const row = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "User" WHERE "id" = ${owner.id} FOR UPDATE`;
    const active = await tx.apiKey.count({ where: { userId: owner.id, revokedAt: null } });
    if (active >= MAX_ACTIVE_KEYS_PER_USER) {
      throw new ClaimError("VALIDATION", `A user may hold at most ${MAX_ACTIVE_KEYS_PER_USER} active API keys.`, [
        { path: "name", code: "LIMIT_REACHED", message: `Revoke a key you no longer use first (at most ${MAX_ACTIVE_KEYS_PER_USER} active keys).` },
      ]);
    }
    const { key, prefix, secretHash } = generateApiKey();
    const created = await tx.apiKey.create({ data: { userId: owner.id, name, prefix, secretHash, createdAt: now, expiresAt }, select: keyViewSelect });
    await recordAuditEvent(tx, { type: "API_KEY_CREATED", actor, organizationId: owner.organizationId, at: now, data: auditData(created) });
    return { created, key };
  });
  return { key: viewOf(row.created, owner.id), secret: row.key };
}

type KeyInput = z.infer<typeof apiKeyCreateSchema>;

function parseKeyInput(input: unknown): KeyInput {
  const parsed = apiKeyCreateSchema.safeParse(input ?? {});
  if (!parsed.success) throw new ClaimError("VALIDATION", "The key needs a name (and a valid lifetime, if any).", fieldErrorsFromZod(parsed.error));
  return parsed.data;
}

/** Settings → API keys: a key for the signed-in user themselves. The secret is returned once, never stored. */
export async function createApiKey(db: Db, user: KeyManager, input: unknown, now = new Date()) {
  requireManager(user);
  return issueKey(db, managerActor(user), user, parseKeyInput(input), now);
}

/**
 * Operators (`npm run apikey -- create`): a key for any active user, by email. Bypasses the Settings role
 * rule on purpose (see the decision above).
 */
export async function createApiKeyForEmail(
  db: Db,
  email: string,
  name: string | undefined,
  now = new Date(),
  expiresInDays?: number,
) {
  const user = await db.user.findUnique({ where: { email: email.trim() } });
  if (!user) throw new ClaimError("NOT_FOUND", `No user has the email ${email}.`);
  if (!user.active) throw new ClaimError("VALIDATION", `The user ${email} is deactivated; their keys would not work.`);
  // An operator at the console: the audit trail names the system, and the key's owner in its data.
  const issued = await issueKey(db, { kind: "system" }, user, parseKeyInput({ name: name ?? "Operator-issued key", expiresInDays }), now);
  return { ...issued, user: { id: user.id, email: user.email, role: user.role as UserRole } };
}

/** Which keys a manager sees: their own; a partner admin also every key of their organization's users. */
function visibleKeysWhere(user: KeyManager) {
  return user.role === "PARTNER_ADMIN" && user.organizationId
    ? { OR: [{ userId: user.id }, { user: { organizationId: user.organizationId } }] }
    : { userId: user.id };
}

/** Newest first; revoked keys stay listed (greyed out) so that what happened to a key remains visible. */
export async function listApiKeys(db: Db, user: KeyManager): Promise<ApiKeyView[]> {
  requireManager(user);
  const rows = await db.apiKey.findMany({
    where: visibleKeysWhere(user),
    select: keyViewSelect,
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map((row) => viewOf(row, user.id));
}

/** Revokes a key the manager may see (NOT_FOUND otherwise, as for a missing key). Revoking twice is a no-op. */
export async function revokeApiKey(db: Db, user: KeyManager, keyId: string, now = new Date()): Promise<ApiKeyView> {
  requireManager(user);
  const row = await db.apiKey.findFirst({ where: { AND: [{ id: keyId }, visibleKeysWhere(user)] }, select: keyViewSelect });
  if (!row) throw new ClaimError("NOT_FOUND", "API key not found.");
  await db.$transaction(async (tx) => {
    // Only the revocation that happens is audited: revoking twice is a no-op, and records nothing.
    const { count } = await tx.apiKey.updateMany({ where: { id: keyId, revokedAt: null }, data: { revokedAt: now } });
    if (count === 1) await recordAuditEvent(tx, { type: "API_KEY_REVOKED", actor: managerActor(user), at: now, data: auditData(row) });
  });
  const updated = await db.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: keyViewSelect });
  return viewOf(updated, user.id);
}

export interface ApiKeyPrincipal {
  apiKeyId: string;
  user: { id: string; name: string; role: UserRole; organizationId: string | null };
}

function loadApiKeyRow(db: Db, secretHash: string) {
  return db.apiKey.findUnique({
    where: { secretHash },
    select: {
      id: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      user: { select: { id: true, name: true, role: true, organizationId: true, active: true } },
    },
  });
}
const apiKeyRows = defineNodeCache<Awaited<ReturnType<typeof loadApiKeyRow>>>("apikey", 20_000);

/**
 * The user a presented key acts as, or null: unknown, malformed, revoked or expired key, or a deactivated user (their
 * keys stop working at once; nothing is cached). Records the key's last use at most once a minute.
 */
export async function authenticateApiKey(db: Db, presented: string, now = new Date()): Promise<ApiKeyPrincipal | null> {
  if (!looksLikeApiKey(presented)) return null;
  const secretHash = hashApiKey(presented);
  // Per node, dropped at once when the key or its user changes anywhere (lib/cache/): a revoked key or a
  // deactivated user still stops working at the next request.
  const row = isProcessClient(db) ? await apiKeyRows.get(secretHash, () => loadApiKeyRow(db, secretHash)) : await loadApiKeyRow(db, secretHash);
  if (!row || row.revokedAt || !row.user.active) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Guarded so that concurrent requests write it once; a failure here must not fail the request.
    await db.apiKey
      .updateMany({
        where: {
          id: row.id,
          OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS + 1) } }],
        },
        data: { lastUsedAt: now },
      })
      .then(() => {
        row.lastUsedAt = now; // this node's copy, so the next requests within the minute skip the write
      })
      .catch((error: unknown) => console.error("could not record API key use:", error));
  }
  const { active: _active, ...user } = row.user;
  return { apiKeyId: row.id, user: { ...user, role: user.role as UserRole } };
}
