// API keys: created once and stored hashed, listed with their last use, revoked; who may manage whose keys
// (the decision in lib/claims/api-keys.ts); and the operators' CLI. Against real PostgreSQL.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, expectClaimError, type World } from "../fixtures/claims";
import {
  LAST_USED_RESOLUTION_MS,
  MAX_ACTIVE_KEYS_PER_USER,
  authenticateApiKey,
  createApiKey,
  hashApiKey,
  listApiKeys,
  revokeApiKey,
} from "../../lib/claims/api-keys";
import { call, expectProblem, startApiTestEnv, stopApiTestEnv, type ApiTestEnv } from "./api-helpers";
import { pgAvailable } from "./test-db";

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
/** `npm run apikey -- …` without npm's start-up cost: the same script under tsx. */
const apikeyCli = (args: string[], databaseUrl: string) =>
  execFileAsync(process.execPath, ["--import", "tsx", "scripts/apikey.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });

describe.skipIf(!pgAvailable)("API keys (PostgreSQL)", () => {
  let env: ApiTestEnv;
  let w: World;
  const manager = (user: World[keyof World]) => user as { id: string; role: "PARTNER_ADMIN"; organizationId: string | null };

  beforeAll(async () => {
    env = await startApiTestEnv();
    w = await createWorld(env.t.db);
  });
  afterAll(async () => {
    await stopApiTestEnv(env);
  });

  it("a new key is shown once: the database keeps its SHA-256 and public prefix, never the secret", async () => {
    const { key, secret } = await createApiKey(env.t.db, manager(w.partnerA), { name: "  ERP sync  " });
    expect(secret).toMatch(/^cpor_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({ name: "ERP sync", prefix: secret.slice(0, 13), lastUsedAt: null, revokedAt: null, own: true });
    const row = await env.t.db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.secretHash).toBe(hashApiKey(secret));
    const hits = await env.t.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "ApiKey" k WHERE strpos(row_to_json(k)::text, ${secret.slice(14)}) > 0`;
    expect(hits[0].n).toBe(0);
    expect((await call("GET", "/claims", { key: secret })).status).toBe(200);
  });

  it("names are required and bounded; a user holds at most the maximum of active keys", async () => {
    const reviewer = manager(w.reviewer2);
    expect((await expectClaimError(createApiKey(env.t.db, reviewer, { name: "   " }), "VALIDATION")).errors?.[0]?.path).toBe("name");
    await expectClaimError(createApiKey(env.t.db, reviewer, { name: "x".repeat(101) }), "VALIDATION");
    await expectClaimError(createApiKey(env.t.db, reviewer, "not an object"), "VALIDATION");
    for (let i = 0; i < MAX_ACTIVE_KEYS_PER_USER; i++) await createApiKey(env.t.db, reviewer, { name: `key ${i}` });
    await expectClaimError(createApiKey(env.t.db, reviewer, { name: "one too many" }), "VALIDATION");
    const [first] = await listApiKeys(env.t.db, reviewer);
    await revokeApiKey(env.t.db, reviewer, first.id);
    await expect(createApiKey(env.t.db, reviewer, { name: "after revoking one" })).resolves.toBeTruthy();
  });

  it("PARTNER_BILLING has no key management (decision: docs/domain.md, Decisions)", async () => {
    const billing = manager(w.billingA);
    await expectClaimError(createApiKey(env.t.db, billing, { name: "mine" }), "FORBIDDEN");
    await expectClaimError(listApiKeys(env.t.db, billing), "FORBIDDEN");
    await expectClaimError(revokeApiKey(env.t.db, billing, "any"), "FORBIDDEN");
  });

  it("a partner admin sees and revokes the keys of their organization's users, never another organization's", { timeout: 60_000 }, async () => {
    // An operator issued a key to the billing user (the CLI may); their partner admin manages it.
    const { stdout } = await apikeyCli(
      ["create", "--email", w.billingA.email, "--name", "Billing export", "--expires-in-days", "30"],
      env.t.url,
    );
    const lines = stdout.trimEnd().split("\n");
    const billingKey = lines[lines.length - 1];
    expect(billingKey).toMatch(/^cpor_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(stdout).toContain("Billing export");
    expect(stdout).toMatch(/It expires at \d{4}-\d{2}-\d{2}T/);
    expect((await call("GET", "/claims", { key: billingKey })).status).toBe(200);

    const partnerBKey = await createApiKey(env.t.db, manager(w.partnerB), { name: "Fabrikam tool" });
    const adminView = await listApiKeys(env.t.db, manager(w.partnerA));
    const billingEntry = adminView.find((k) => k.name === "Billing export");
    expect(billingEntry).toMatchObject({ own: false, owner: { id: w.billingA.id, email: w.billingA.email } });
    expect(adminView.map((k) => k.owner.id)).not.toContain(w.partnerB.id);
    expect(billingEntry!.lastUsedAt).toBeInstanceOf(Date);

    await expectClaimError(revokeApiKey(env.t.db, manager(w.partnerA), partnerBKey.key.id), "NOT_FOUND");
    await expectClaimError(revokeApiKey(env.t.db, manager(w.reviewer), billingEntry!.id), "NOT_FOUND");
    const revoked = await revokeApiKey(env.t.db, manager(w.partnerA), billingEntry!.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expectProblem(await call("GET", "/claims", { key: billingKey }), 401, "UNAUTHENTICATED");
    // Revoking again changes nothing (the first revocation time stays).
    const again = await revokeApiKey(env.t.db, manager(w.partnerA), billingEntry!.id);
    expect(again.revokedAt).toEqual(revoked.revokedAt);
    // A key with a lifetime works until it ends, then answers 401 like a revoked one.
    const created = new Date(Date.now() - 2 * 86_400_000);
    const shortLived = await createApiKey(env.t.db, manager(w.reviewer), { name: "Two-day key", expiresInDays: 2 }, created);
    expect(shortLived.key.expiresAt).toEqual(new Date(created.getTime() + 2 * 86_400_000));
    expect(await authenticateApiKey(env.t.db, shortLived.secret, new Date(created.getTime() + 86_400_000))).not.toBeNull();
    expectProblem(await call("GET", "/claims", { key: shortLived.secret }), 401, "UNAUTHENTICATED");
    await expectClaimError(createApiKey(env.t.db, manager(w.reviewer), { name: "Forever", expiresInDays: 0 }), "VALIDATION");
    // Reviewers and admins see only their own keys.
    expect((await listApiKeys(env.t.db, manager(w.reviewer))).every((k) => k.own)).toBe(true);
    expect((await listApiKeys(env.t.db, manager(w.partnerB))).map((k) => k.name)).toEqual(["Fabrikam tool"]);
  });

  it("the CLI refuses unknown and deactivated users and prints usage for a missing email", { timeout: 90_000 }, async () => {
    await expect(apikeyCli(["create", "--email", "nobody@nowhere.test"], env.t.url)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("No user has the email"),
    });
    await expect(apikeyCli(["create"], env.t.url)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--email is required"),
    });
    const leaver = await env.t.db.user.create({ data: { email: "gone@test.example", name: "Gone", role: "REVIEWER", active: false } });
    await expect(apikeyCli(["create", "--email", leaver.email], env.t.url)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("deactivated"),
    });
  });

  it("lastUsedAt is written at most once per minute per key", async () => {
    const { key, secret } = await createApiKey(env.t.db, manager(w.admin), { name: "throttle" });
    const t0 = new Date("2026-06-01T10:00:00.000Z");
    expect(await authenticateApiKey(env.t.db, secret, t0)).toMatchObject({ apiKeyId: key.id, user: { id: w.admin.id, role: "ADMIN" } });
    await authenticateApiKey(env.t.db, secret, new Date(t0.getTime() + LAST_USED_RESOLUTION_MS - 1));
    expect((await env.t.db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toEqual(t0);
    const later = new Date(t0.getTime() + LAST_USED_RESOLUTION_MS);
    await authenticateApiKey(env.t.db, secret, later);
    expect((await env.t.db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toEqual(later);
    expect(await authenticateApiKey(env.t.db, secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A"), later)).toBeNull();
  });
});
