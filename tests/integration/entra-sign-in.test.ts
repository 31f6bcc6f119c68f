// Entra ID sign-in by tenant + object id (issue 14), through the real OpenID Connect authorization-code flow:
// a local OpenID provider (oidc-provider, on 127.0.0.1 and a random port) stands in for
// login.microsoftonline.com through ENTRA_ISSUER, and next-auth's own handler runs the portal side — the
// authorization request with state/nonce/PKCE, the code exchange and the ID-token validation (openid-client)
// — on a real HTTP server, with the portal's authOptions. Each account's claims carry tid/oid/email as
// Entra's do. Real PostgreSQL.
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { AuthOptions } from "next-auth";
import NextAuth from "next-auth";
import { decode } from "next-auth/jwt";
import type Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiTestEnv, stopApiTestEnv, type ApiTestEnv } from "./api-helpers";
import { pgAvailable } from "./test-db";

const SECRET = "entra-test-secret-of-enough-length-0123456789";
const TENANT = "6f0e0c52-4d1b-4c8e-9b1a-1f7f3c2a0001";
const FOREIGN_TENANT = "9d5b1e77-8a2c-4f0d-b3e4-2c6a7d8e0002";
const OID_ANA = "0a1b2c3d-0000-4000-8000-00000000a0a0";
const OID_IMPOSTOR = "0a1b2c3d-0000-4000-8000-00000000bad0";

/** The provider's accounts, by login_hint (= subject); a test may change a claim between sign-ins. */
const accounts: Record<string, { tid: string; oid: string; email: string; name: string }> = {
  ana: { tid: TENANT, oid: OID_ANA, email: "Ana.Lima@Contoso.example", name: "Ana Lima" },
  impostor: { tid: TENANT, oid: OID_IMPOSTOR, email: "ana.lima@contoso.example", name: "Not Ana" },
  outsider: { tid: FOREIGN_TENANT, oid: "0a1b2c3d-0000-4000-8000-0000000000b0", email: "bo@contoso.example", name: "Bo" },
  carla: { tid: TENANT, oid: "0a1b2c3d-0000-4000-8000-0000000000c0", email: "carla@contoso.example", name: "Carla" },
};

async function startProvider(portalUrl: string): Promise<{ issuer: string; close: () => Promise<void> }> {
  const { default: OidcProvider } = await import("oidc-provider");
  // The issuer names the port: listen first, then build the provider and route requests to it.
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const provider: Provider = new OidcProvider(issuer, {
    clients: [
      {
        client_id: "portal",
        client_secret: "portal-secret",
        redirect_uris: [`${portalUrl}/api/auth/callback/azure-ad`],
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: "test", use: "sig", alg: "RS256" }] as never },
    cookies: { keys: ["entra-test-cookie-key"] },
    ttl: { AccessToken: 300, AuthorizationCode: 60, Grant: 300, IdToken: 300, Interaction: 300, Session: 300 },
    claims: { openid: ["sub", "tid", "oid"], email: ["email"], profile: ["name"] },
    // Entra puts these claims in the ID token itself, which is where next-auth reads them.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) =>
      accounts[sub] ? { accountId: sub, claims: () => ({ sub, ...accounts[sub] }) } : undefined,
    // A first-party client: consent is granted without a prompt.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  // The login page of a real provider: here the account named by login_hint signs in at once.
  server.on("request", async (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      if (req.url?.startsWith("/interaction/")) {
        const details = await provider.interactionDetails(req, res);
        const accountId = String(details.params.login_hint);
        await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
        return;
      }
      provider.callback()(req, res);
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  return {
    issuer,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** next-auth's handler (its pages-router form, which needs no Next request context) on a real HTTP server. */
async function startPortal(options: () => AuthOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const cookies = Object.fromEntries(
      (req.headers.cookie ?? "")
        .split(";")
        .filter((pair) => pair.includes("="))
        .map((pair) => [pair.slice(0, pair.indexOf("=")).trim(), decodeURIComponent(pair.slice(pair.indexOf("=") + 1).trim())]),
    );
    const apiRequest = {
      method: req.method,
      headers: req.headers,
      cookies,
      body: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString())),
      query: { ...Object.fromEntries(url.searchParams), nextauth: url.pathname.replace(/^\/api\/auth\//, "").split("/") },
    };
    const apiResponse = Object.assign(res, {
      status: (code: number) => {
        res.statusCode = code;
        return apiResponse;
      },
      json: (value: unknown) => {
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify(value));
      },
      send: (value: unknown) => (typeof value === "string" ? res.end(value) : apiResponse.json(value)),
    });
    await NextAuth(apiRequest as never, apiResponse as never, options());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe.skipIf(!pgAvailable)("Entra ID sign-in by tenant + object id (local OpenID provider, PostgreSQL)", () => {
  let env: ApiTestEnv;
  let op: Awaited<ReturnType<typeof startProvider>>;
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let options: AuthOptions;
  const saved = { ...process.env };

  beforeAll(async () => {
    env = await startApiTestEnv();
    portal = await startPortal(() => options);
    op = await startProvider(portal.url);
    Object.assign(process.env, {
      NEXTAUTH_URL: portal.url,
      ENTRA_CLIENT_ID: "portal",
      ENTRA_CLIENT_SECRET: "portal-secret",
      ENTRA_TENANT_ID: TENANT,
      ENTRA_ALLOWED_TENANTS: `${TENANT}, 11111111-2222-4333-8444-555555555555`,
      ENTRA_ISSUER: op.issuer,
    });
    // The providers are read from the environment when the module loads.
    const { authOptions, isEntraEnabled } = await import("../../lib/auth/options");
    expect(isEntraEnabled()).toBe(true);
    options = { ...authOptions, secret: SECRET };
    const db = env.t.db;
    await db.user.createMany({
      data: [
        { email: "ana.lima@contoso.example", name: "Ana Lima", role: "REVIEWER" },
        { email: "bo@contoso.example", name: "Bo", role: "REVIEWER" },
        { email: "carla@contoso.example", name: "Carla", role: "REVIEWER", active: false },
      ],
    });
  });
  afterAll(async () => {
    process.env = saved;
    await op?.close();
    await portal?.close();
    await stopApiTestEnv(env);
  });

  /**
   * The whole authorization-code flow as `account`, as a browser does it: one cookie jar (cookies ignore the
   * port), every redirect followed until the flow leaves next-auth and the provider. Returns where the portal
   * sent the browser and the session cookie, if the portal signed the account in.
   */
  async function signInAs(account: string): Promise<{ redirect: string; session: string | undefined }> {
    const jar = new Map<string, string>();
    const request = async (url: string, init: RequestInit = {}) => {
      const res = await fetch(url, {
        ...init,
        redirect: "manual",
        headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
      });
      for (const header of res.headers.getSetCookie()) {
        const pair = header.split(";")[0];
        const name = pair.slice(0, pair.indexOf("="));
        const value = pair.slice(pair.indexOf("=") + 1);
        if (value === "" || /max-age=0\b|expires=thu, 01 jan 1970/i.test(header)) jar.delete(name);
        else jar.set(name, value);
      }
      return res;
    };
    const { csrfToken } = (await (await request(`${portal.url}/api/auth/csrf`)).json()) as { csrfToken: string };
    let res = await request(`${portal.url}/api/auth/signin/azure-ad?login_hint=${account}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${portal.url}/` }).toString(),
    });
    let url = res.headers.get("location") ?? "";
    expect(url.startsWith(`${op.issuer}/auth?`)).toBe(true);
    // Through the provider and next-auth's routes; the flow ends on the page the portal sends the browser to.
    for (let hop = 0; url.startsWith(op.issuer) || url.startsWith(`${portal.url}/api/auth/`); hop++) {
      if (hop > 10) throw new Error(`too many redirects at ${url}`);
      res = await request(url);
      const location = res.headers.get("location");
      if (!location) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
      url = new URL(location, url).href;
    }
    return { redirect: url, session: jar.get("next-auth.session-token") };
  }

  async function sessionUserId(session: string | undefined): Promise<string | undefined> {
    if (!session) return undefined;
    const token = await decode({ token: session, secret: SECRET });
    return token?.sub;
  }

  const userByEmail = (email: string) => env.t.db.user.findUniqueOrThrow({ where: { email } });
  const lastFailure = async () => {
    const event = await env.t.db.auditEvent.findFirst({ where: { type: "SIGN_IN_FAILED" }, orderBy: { id: "desc" } });
    return event?.data as Record<string, unknown> | undefined;
  };

  it("(a) links the user with the token's email (any case) on first sign-in and stores tid/oid", async () => {
    const ana = await userByEmail("ana.lima@contoso.example");
    expect(ana.entraObjectId).toBeNull();
    const result = await signInAs("ana");
    expect(result.redirect).toBe(`${portal.url}/`);
    expect(await sessionUserId(result.session)).toBe(ana.id);
    const linked = await userByEmail("ana.lima@contoso.example");
    expect({ tid: linked.entraTenantId, oid: linked.entraObjectId }).toEqual({ tid: TENANT, oid: OID_ANA });
    expect(linked.lastSignInAt).not.toBeNull();
    const success = await env.t.db.auditEvent.findFirst({ where: { type: "SIGN_IN_SUCCEEDED", actorId: ana.id } });
    expect(success?.data).toMatchObject({ userId: ana.id, method: "azure-ad" });
  });

  it("(b) reaches the same user after the email claim changed", async () => {
    const ana = await userByEmail("ana.lima@contoso.example");
    accounts.ana.email = "ana.silva@contoso.example";
    try {
      const result = await signInAs("ana");
      expect(await sessionUserId(result.session)).toBe(ana.id);
    } finally {
      accounts.ana.email = "Ana.Lima@Contoso.example";
    }
  });

  it("(c) refuses another object id presenting the linked user's email", async () => {
    const result = await signInAs("impostor");
    expect(result.session).toBeUndefined();
    expect(result.redirect).toBe(`${portal.url}/login?error=AccessDenied`);
    const ana = await userByEmail("ana.lima@contoso.example");
    expect(ana.entraObjectId).toBe(OID_ANA);
    expect(await lastFailure()).toMatchObject({
      reason: "ENTRA_LINKED_ELSEWHERE",
      userId: ana.id,
      method: "azure-ad",
      entraTenantId: TENANT,
      entraObjectId: OID_IMPOSTOR,
    });
  });

  it("(d) refuses a tenant that is not in ENTRA_ALLOWED_TENANTS, and links nothing", async () => {
    const result = await signInAs("outsider");
    expect(result.session).toBeUndefined();
    expect(result.redirect).toBe(`${portal.url}/login?error=AccessDenied`);
    expect((await userByEmail("bo@contoso.example")).entraTenantId).toBeNull();
    expect(await lastFailure()).toMatchObject({ reason: "ENTRA_TENANT_NOT_ALLOWED", entraTenantId: FOREIGN_TENANT });
  });

  it("(e) refuses a deactivated user, unlinked or already linked", async () => {
    const unlinked = await signInAs("carla");
    expect(unlinked.session).toBeUndefined();
    expect(unlinked.redirect).toBe(`${portal.url}/login?error=AccessDenied`);
    expect((await userByEmail("carla@contoso.example")).entraObjectId).toBeNull();
    expect(await lastFailure()).toMatchObject({ reason: "INACTIVE_USER" });

    await env.t.db.user.update({ where: { email: "ana.lima@contoso.example" }, data: { active: false } });
    const linked = await signInAs("ana");
    expect(linked.session).toBeUndefined();
    expect(linked.redirect).toBe(`${portal.url}/login?error=AccessDenied`);
    expect(await lastFailure()).toMatchObject({ reason: "INACTIVE_USER", entraObjectId: OID_ANA });
  });

  it("two identities racing for one unlinked email: exactly one links, the other is refused", async () => {
    const { entraSignIn } = await import("../../lib/auth/entra-sign-in");
    const { parseAllowedTenants } = await import("../../lib/auth/entra-link");
    const dora = await env.t.db.user.create({ data: { email: "dora@contoso.example", name: "Dora", role: "REVIEWER" } });
    const claims = (oid: string) => ({ tid: TENANT, oid, email: "dora@contoso.example" });
    const oids = ["0a1b2c3d-0000-4000-8000-0000000d0001", "0a1b2c3d-0000-4000-8000-0000000d0002"];
    const [first, second] = [env.t.connect(), env.t.connect()];
    const results = await Promise.all([
      entraSignIn(first, claims(oids[0]), parseAllowedTenants(TENANT)),
      entraSignIn(second, claims(oids[1]), parseAllowedTenants(TENANT)),
    ]);
    expect(results.filter((r) => r.ok)).toEqual([{ ok: true, userId: dora.id }]);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "ENTRA_LINKED_ELSEWHERE" }]);
    const linked = await env.t.db.user.findUniqueOrThrow({ where: { id: dora.id } });
    expect(oids[results.findIndex((r) => r.ok)]).toBe(linked.entraObjectId);
  });
});
