// User administration (docs/domain.md Administration): who may manage users (every role, through the API),
// the role-family rule, the last admin, duplicate emails, set-password links, and sessionVersion ending
// sessions. Against real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, expectClaimError, type World } from "../fixtures/claims";
import { createUser, updateUser } from "../../lib/admin/users";
import { authOptions } from "../../lib/auth/options";
import {
  PASSWORD_LINK_HOURS,
  passwordLinkState,
  requestPasswordReset,
  setPasswordWithLink,
} from "../../lib/auth/password-links";
import { verifyPassword } from "../../lib/auth/password";
import { isSessionCurrent } from "../../lib/auth/session";
import { call, expectProblem, keyFor, startApiTestEnv, stopApiTestEnv, type ApiTestEnv } from "./api-helpers";
import { pgAvailable } from "./test-db";
import { openSecret } from "@/lib/mail/secret-box";

const NOW = new Date("2026-03-02T09:00:00.000Z");

describe.skipIf(!pgAvailable)("user administration (PostgreSQL)", () => {
  let env: ApiTestEnv;
  let w: World;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    env = await startApiTestEnv();
    w = await createWorld(env.t.db);
    for (const name of ["partnerA", "billingA", "reviewer", "admin"] as const) keys[name] = await keyFor(env.t.db, w[name].email);
  });
  afterAll(async () => {
    await stopApiTestEnv(env);
  });

  async function auditTypesFor(userId: string): Promise<string[]> {
    const rows = await env.t.db.auditEvent.findMany({ where: { data: { path: ["userId"], equals: userId } }, orderBy: { id: "asc" } });
    return rows.map((r) => r.type);
  }

  /** The token of the newest password email to this address: sealed in its outbox row until it is sent. */
  async function linkTokenFor(email: string): Promise<string> {
    const message = await env.t.db.outboxMessage.findFirstOrThrow({ where: { recipient: email, kind: "PASSWORD_LINK" }, orderBy: { createdAt: "desc" } });
    const token = openSecret(message.secret!);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    return token;
  }

  it("authorization matrix: only admins list, create and change users (partners of any org, billing, reviewers: 403)", async () => {
    for (const name of ["partnerA", "billingA", "reviewer"] as const) {
      expectProblem(await call("GET", "/users", { key: keys[name] }), 403, "FORBIDDEN");
      expectProblem(await call("POST", "/users", { key: keys[name], json: { email: "x@y.example", name: "X", role: "REVIEWER" } }), 403, "FORBIDDEN");
      // Their own user and another organization's: the role check comes first, nothing about the user leaks.
      expectProblem(await call("PATCH", `/users/${w.partnerA.id}`, { key: keys[name], json: { name: "Renamed" } }), 403, "FORBIDDEN");
      expectProblem(await call("PATCH", `/users/${w.partnerB.id}`, { key: keys[name], json: { name: "Renamed" } }), 403, "FORBIDDEN");
    }
    expectProblem(await call("GET", "/users"), 401, "UNAUTHENTICATED");
    const list = await call("GET", `/users?q=${encodeURIComponent(w.partnerB.email.slice(0, 10))}`, { key: keys.admin });
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { id: string }) => u.id)).toContain(w.partnerB.id);
    expect(list.body.items[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), email: expect.any(String), role: expect.any(String), active: true, lastSignInAt: null }),
    );
    expectProblem(await call("PATCH", "/users/no-such-user", { key: keys.admin, json: { name: "X" } }), 404, "NOT_FOUND");
  });

  it("creates a partner user with a single-use 72-hour set-password link; a duplicate email is 409", async () => {
    const created = await call("POST", "/users", {
      key: keys.admin,
      json: { email: "  New.Partner@Contoso.example ", name: "New Partner", role: "PARTNER_BILLING", organizationId: w.orgA.id },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ email: "new.partner@contoso.example", role: "PARTNER_BILLING", organizationId: w.orgA.id, active: true });
    const token = await linkTokenFor("new.partner@contoso.example");
    const stored = await env.t.db.passwordToken.findFirstOrThrow({ where: { userId: created.body.id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.purpose).toBe("SET");
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(PASSWORD_LINK_HOURS * 3_600_000);

    const duplicate = await call("POST", "/users", { key: keys.admin, json: { email: "new.partner@CONTOSO.example", name: "Again", role: "REVIEWER" } });
    expectProblem(duplicate, 409, "CONFLICT");

    // Partner roles need an organization; staff roles have none.
    const noOrg = expectProblem(await call("POST", "/users", { key: keys.admin, json: { email: "p@x.example", name: "P", role: "PARTNER_ADMIN" } }), 422, "VALIDATION");
    expect(noOrg.errors?.map((e) => e.path)).toContain("organizationId");
    expectProblem(
      await call("POST", "/users", { key: keys.admin, json: { email: "r@x.example", name: "R", role: "REVIEWER", organizationId: w.orgA.id } }),
      422,
      "VALIDATION",
    );

    const user = await env.t.db.user.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(user.passwordHash).toBeNull();
    expect(await passwordLinkState(env.t.db, token)).toBe("VALID");
    await expectClaimError(setPasswordWithLink(env.t.db, token, "short"), "VALIDATION");
    await setPasswordWithLink(env.t.db, token, "A-long-enough-passphrase");
    const after = await env.t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(after.passwordHash, "A-long-enough-passphrase")).toBe(true);
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    // Single use.
    expect(await passwordLinkState(env.t.db, token)).toBe("INVALID");
    await expectClaimError(setPasswordWithLink(env.t.db, token, "Another-long-passphrase"), "GONE");
    expect(await auditTypesFor(user.id)).toEqual(["USER_CREATED", "PASSWORD_SET"]);
    const created_ = await env.t.db.auditEvent.findFirstOrThrow({ where: { type: "USER_CREATED", actorId: w.admin.id } });
    expect(created_.organizationId).toBe(w.orgA.id);

    // Signing in with it: success and failures are audited (the failure without an actor).
    const credentials = authOptions.providers[0] as unknown as { options: { authorize: (c: Record<string, string>) => Promise<unknown> } };
    expect(await credentials.options.authorize({ email: user.email, password: "wrong password here" })).toBeNull();
    expect(await credentials.options.authorize({ email: "nobody@nowhere.example", password: "whatever" })).toBeNull();
    expect(await credentials.options.authorize({ email: user.email.toUpperCase(), password: "A-long-enough-passphrase" })).toMatchObject({ id: user.id });
    await authOptions.callbacks!.jwt!({ token: {}, user: { id: user.id, email: user.email }, account: { provider: "credentials" } } as never);
    const failures = await env.t.db.auditEvent.findMany({ where: { type: "SIGN_IN_FAILED" }, orderBy: { id: "asc" } });
    expect(failures.map((f) => [f.actorId, (f.data as { reason: string }).reason])).toEqual([
      [null, "WRONG_PASSWORD"],
      [null, "UNKNOWN_EMAIL"],
    ]);
    expect(failures[0].organizationId).toBe(w.orgA.id);
    const success = await env.t.db.auditEvent.findFirstOrThrow({ where: { type: "SIGN_IN_SUCCEEDED", actorId: user.id } });
    expect(success.data).toMatchObject({ email: user.email, method: "credentials" });
    expect((await env.t.db.user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).not.toBeNull();
  });

  it("forgot password: a link for an existing active user only, expiring after 72 hours; a newer link replaces the older", async () => {
    const before = await env.t.db.outboxMessage.count();
    await requestPasswordReset(env.t.db, "nobody@nowhere.example", NOW);
    expect(await env.t.db.outboxMessage.count()).toBe(before);

    await requestPasswordReset(env.t.db, w.billingA.email.toUpperCase(), NOW);
    const first = await linkTokenFor(w.billingA.email);
    await requestPasswordReset(env.t.db, w.billingA.email, new Date(NOW.getTime() + 1000));
    const second = await linkTokenFor(w.billingA.email);
    expect(second).not.toBe(first);
    expect(await passwordLinkState(env.t.db, first, new Date(NOW.getTime() + 2000))).toBe("INVALID");
    const later = new Date(NOW.getTime() + PASSWORD_LINK_HOURS * 3_600_000 + 1000);
    expect(await passwordLinkState(env.t.db, second, new Date(NOW.getTime() + 2000))).toBe("VALID");
    expect(await passwordLinkState(env.t.db, second, later)).toBe("INVALID");
    await expectClaimError(setPasswordWithLink(env.t.db, second, "A-long-enough-passphrase", later), "GONE");
    await requestPasswordReset(env.t.db, w.billingA.email, later);
    await setPasswordWithLink(env.t.db, await linkTokenFor(w.billingA.email), "A-long-enough-passphrase", later);
    expect(await auditTypesFor(w.billingA.id)).toEqual(["PASSWORD_RESET"]);
  });

  it("a role changes within its family only (cross → 422); a role change ends the user's sessions", async () => {
    const [billing] = await Promise.all([env.t.db.user.findUniqueOrThrow({ where: { id: w.billingA.id } })]);
    const token = await authOptions.callbacks!.jwt!({ token: {}, user: { id: billing.id, email: billing.email } } as never);
    expect(token.sessionVersion).toBe(billing.sessionVersion);
    expect(isSessionCurrent(billing, token.sessionVersion as number)).toBe(true);

    expectProblem(await call("PATCH", `/users/${w.billingA.id}`, { key: keys.admin, json: { role: "REVIEWER" } }), 422, "VALIDATION");
    expectProblem(await call("PATCH", `/users/${w.reviewer.id}`, { key: keys.admin, json: { role: "PARTNER_ADMIN" } }), 422, "VALIDATION");
    const changed = await call("PATCH", `/users/${w.billingA.id}`, { key: keys.admin, json: { role: "PARTNER_ADMIN" } });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ role: "PARTNER_ADMIN", organizationId: w.orgA.id });
    const row = await env.t.db.user.findUniqueOrThrow({ where: { id: w.billingA.id } });
    expect(isSessionCurrent(row, token.sessionVersion as number)).toBe(false);
    // A rename changes no rights: sessions go on.
    const renamed = await call("PATCH", `/users/${w.billingA.id}`, { key: keys.admin, json: { name: "Billing A renamed" } });
    expect(renamed.body.name).toBe("Billing A renamed");
    expect((await env.t.db.user.findUniqueOrThrow({ where: { id: w.billingA.id } })).sessionVersion).toBe(row.sessionVersion);
    expectProblem(await call("PATCH", `/users/${w.billingA.id}`, { key: keys.admin, json: {} }), 422, "VALIDATION");
    const changes = await env.t.db.auditEvent.findMany({ where: { type: "USER_CHANGED", data: { path: ["userId"], equals: w.billingA.id } }, orderBy: { id: "asc" } });
    expect(changes.map((c) => (c.data as { changes: unknown }).changes)).toEqual([
      { role: { from: "PARTNER_BILLING", to: "PARTNER_ADMIN" } },
      { name: { from: w.billingA.name, to: "Billing A renamed" } },
    ]);
  });

  it("deactivation ends sessions and stops the user's API keys at once; reactivation restores the keys", async () => {
    expect((await call("GET", "/claims", { key: keys.partnerA })).status).toBe(200);
    const before = await env.t.db.user.findUniqueOrThrow({ where: { id: w.partnerA.id } });
    const off = await call("PATCH", `/users/${w.partnerA.id}`, { key: keys.admin, json: { active: false } });
    expect(off.body.active).toBe(false);
    expectProblem(await call("GET", "/claims", { key: keys.partnerA }), 401, "UNAUTHENTICATED");
    const row = await env.t.db.user.findUniqueOrThrow({ where: { id: w.partnerA.id } });
    expect(isSessionCurrent(row, before.sessionVersion)).toBe(false);
    expect(isSessionCurrent(row, row.sessionVersion)).toBe(false); // inactive: no session at all
    // A deactivated user gets no reset link either.
    await requestPasswordReset(env.t.db, w.partnerA.email, NOW);
    expect(await env.t.db.outboxMessage.count({ where: { recipient: w.partnerA.email } })).toBe(0);
    await call("PATCH", `/users/${w.partnerA.id}`, { key: keys.admin, json: { active: true } });
    expect((await call("GET", "/claims", { key: keys.partnerA })).status).toBe(200);
    expect(await auditTypesFor(w.partnerA.id)).toEqual(["USER_DEACTIVATED", "USER_CHANGED"]);
  });

  it("the last active admin can be neither deactivated nor demoted (409), also when two admins race", async () => {
    expectProblem(await call("PATCH", `/users/${w.admin.id}`, { key: keys.admin, json: { active: false } }), 409, "CONFLICT");
    expectProblem(await call("PATCH", `/users/${w.admin.id}`, { key: keys.admin, json: { role: "REVIEWER" } }), 409, "CONFLICT");
    const second = await createUser(env.t.db, w.admin.actor as never, { email: "second.admin@portal.example", name: "Second admin", role: "ADMIN" });
    const otherDb = env.t.connect();
    const results = await Promise.allSettled([
      updateUser(env.t.db, w.admin.actor as never, second.id, { active: false }),
      updateUser(otherDb, w.admin.actor as never, w.admin.id, { active: false }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await env.t.db.user.count({ where: { role: "ADMIN", active: true } })).toBe(1);
  });
});
