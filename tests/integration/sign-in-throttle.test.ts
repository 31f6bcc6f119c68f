// Sign-in throttling against real PostgreSQL (the RateLimit table of the migration) and real argon2.
// next-auth's App Router handler needs Next's request scope (cookies(), headers()), so the handler wrapped here
// stands in for it: it runs the portal's real credentials `authorize()` and answers as next-auth does — a JSON
// `{ url }` naming `error=CredentialsSignin` on failure, a session cookie on success.
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { authOptions } from "../../lib/auth/options";
import { hashPassword, verifyPassword } from "../../lib/auth/password";
import { withSignInThrottle } from "../../lib/auth/sign-in-guard";
import { SignInThrottle, type SignInLimits } from "../../lib/auth/sign-in-throttle";
import { closeDb } from "../../lib/db";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

vi.mock("../../lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../lib/auth/password")>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});

const PASSWORD = "correct horse battery staple";
const CALLBACK = "http://portal.test/api/auth/callback/credentials";

type Authorize = (credentials: Record<string, string>, req: unknown) => Promise<unknown>;
const credentials = authOptions.providers.find((p) => p.id === "credentials") as unknown as {
  options: { authorize: Authorize };
};

/** Stands in for next-auth's POST handler around the real authorize(). */
async function nextAuthStandIn(request: Request): Promise<Response> {
  const form = await request.formData();
  const user = await credentials.options.authorize(
    { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") },
    { headers: Object.fromEntries(request.headers) },
  );
  if (!user) return Response.json({ url: "http://portal.test/api/auth/error?error=CredentialsSignin" });
  return Response.json(
    { url: "http://portal.test/claims" },
    { headers: { "Set-Cookie": "next-auth.session-token=signed.jwt; Path=/; HttpOnly; SameSite=Lax" } },
  );
}

function attempt(
  post: (request: Request, context: unknown) => Response | Promise<Response>,
  email: string,
  password: string,
  forwardedFor?: string,
) {
  const body = new URLSearchParams({ email, password, csrfToken: "t", json: "true" });
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (forwardedFor) headers["X-Forwarded-For"] = forwardedFor;
  return post(new Request(CALLBACK, { method: "POST", headers, body }), {});
}

async function outcome(response: Response): Promise<"ok" | "wrong" | number> {
  if (response.status !== 200) return response.status;
  const { url } = (await response.json()) as { url: string };
  return url.includes("error=CredentialsSignin") ? "wrong" : "ok";
}

const passwordChecks = () => vi.mocked(verifyPassword).mock.calls.length;

describe.skipIf(!pgAvailable)("sign-in throttling", () => {
  let t: TestDatabase;
  const pools: pg.Pool[] = [];

  /** One "node": its own pool and limiter instances over the shared database. */
  function node(limits: Partial<SignInLimits>) {
    const pool = new pg.Pool({ connectionString: t.url, max: 2 });
    // The test database is dropped (WITH FORCE) at the end: a connection still open then must not crash the run.
    pool.on("error", () => {});
    pools.push(pool);
    const throttle = new SignInThrottle(
      { kind: "postgres", pool },
      { perAccount: 5, perAddress: 100, windowSeconds: 900, ...limits },
    );
    return withSignInThrottle(nextAuthStandIn, { throttle: async () => throttle });
  }

  beforeAll(async () => {
    await closeDb();
    t = await createTestDatabase();
    process.env.DATABASE_URL = t.url;
    const passwordHash = await hashPassword(PASSWORD);
    for (const email of ["ana@contoso.test", "ben@contoso.test", "cy@contoso.test", "dee@contoso.test"]) {
      await t.db.user.create({ data: { email, name: email, role: "PARTNER_ADMIN", passwordHash } });
    }
  });

  afterEach(async () => {
    delete process.env.TRUSTED_PROXIES;
    await t.db.rateLimit.deleteMany();
  });

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await closeDb();
    await t?.drop();
  });

  it("answers the 6th failed sign-in of an account 429 RATE_LIMITED with Retry-After, without checking the password", async () => {
    const post = node({});
    for (let i = 0; i < 5; i++) expect(await outcome(await attempt(post, "ana@contoso.test", "wrong"))).toBe("wrong");
    const checksBefore = passwordChecks();
    // Even the right password is not checked any more; the email is normalized before counting.
    const blocked = await attempt(post, "  ANA@contoso.test ", PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect((await blocked.json()).code).toBe("RATE_LIMITED");
    const retryAfter = Number(blocked.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(passwordChecks()).toBe(checksBefore);
    // Another account is unaffected.
    expect(await outcome(await attempt(post, "ben@contoso.test", PASSWORD))).toBe("ok");
  });

  it("limits failures per client address, read from X-Forwarded-For only behind TRUSTED_PROXIES", async () => {
    const post = node({ perAccount: 0, perAddress: 3 });
    process.env.TRUSTED_PROXIES = "1";
    // The client forges a first entry; the trusted proxy appended the real address last.
    for (const email of ["ana@contoso.test", "ben@contoso.test", "nobody@contoso.test"]) {
      expect(await outcome(await attempt(post, email, "wrong", `10.9.9.9, 203.0.113.7`))).toBe("wrong");
    }
    const checksBefore = passwordChecks();
    expect((await attempt(post, "cy@contoso.test", PASSWORD, "10.1.1.1, 203.0.113.7")).status).toBe(429);
    expect(passwordChecks()).toBe(checksBefore);
    // Another address still signs in.
    expect(await outcome(await attempt(post, "cy@contoso.test", PASSWORD, "198.51.100.4"))).toBe("ok");

    // Without trusted proxies the header is ignored: every request is one "direct" client.
    delete process.env.TRUSTED_PROXIES;
    for (const forged of ["192.0.2.1", "192.0.2.2", "192.0.2.3"]) {
      expect(await outcome(await attempt(post, "dee@contoso.test", "wrong", forged))).toBe("wrong");
    }
    expect((await attempt(post, "dee@contoso.test", PASSWORD, "192.0.2.4")).status).toBe(429);
  });

  it("a success clears its account's failures but not the address's", async () => {
    const post = node({ perAccount: 3, perAddress: 4 });
    for (let i = 0; i < 2; i++) expect(await outcome(await attempt(post, "ana@contoso.test", "wrong"))).toBe("wrong");
    expect(await outcome(await attempt(post, "ana@contoso.test", PASSWORD))).toBe("ok");
    // The account starts over: 2 more failures are still under its limit of 3…
    expect(await outcome(await attempt(post, "ana@contoso.test", "wrong"))).toBe("wrong");
    expect(await outcome(await attempt(post, "ana@contoso.test", "wrong"))).toBe("wrong");
    // …but the address kept all 4 failures: the next attempt from it, for any account, is refused.
    expect((await attempt(post, "ben@contoso.test", PASSWORD)).status).toBe(429);
  });

  it("two nodes over the same PostgreSQL share the counts", async () => {
    const first = node({});
    const second = node({});
    for (let i = 0; i < 3; i++) expect(await outcome(await attempt(first, "cy@contoso.test", "wrong"))).toBe("wrong");
    for (let i = 0; i < 2; i++) expect(await outcome(await attempt(second, "cy@contoso.test", "wrong"))).toBe("wrong");
    expect((await attempt(first, "cy@contoso.test", PASSWORD)).status).toBe(429);
    expect((await attempt(second, "cy@contoso.test", PASSWORD)).status).toBe(429);
    expect(await t.db.rateLimit.count()).toBeGreaterThan(0);
  });

  it("a limit of 0 is off", async () => {
    const post = node({ perAccount: 0, perAddress: 0 });
    for (let i = 0; i < 7; i++) expect(await outcome(await attempt(post, "dee@contoso.test", "wrong"))).toBe("wrong");
    expect(await outcome(await attempt(post, "dee@contoso.test", PASSWORD))).toBe("ok");
  });
});
