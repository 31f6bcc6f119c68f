// Authorization matrix of REST API v1: every endpoint called as every kind of caller (partner admin and
// billing admin of organization A, reviewer, admin, no key, a revoked key, a deactivated user's key), on a
// claim of A ("own") and of B ("other"). The expected table is written out literally below, from docs/api.md
// and domain.md; the test compares the whole observed table with it, so a single wrong cell fails it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, claimIn, createWorld, poeFile, type BuiltClaim, type Target, type World } from "../fixtures/claims";
import { recordPoeFile, submitClaim } from "../../lib/claims/service";
import { call, claimBody, keyFor, pdfBytes, startApiTestEnv, stopApiTestEnv, upload, type ApiResult, type ApiTestEnv } from "./api-helpers";
import { pgAvailable, type TestDatabase } from "./test-db";
import { OPERATIONS } from "../../lib/openapi/operations";
import { createWebhookEndpoint } from "../../lib/webhooks/endpoints";
import { IMPORT_COLUMNS } from "../../lib/claims/import/import-format";
import http from "node:http";

const ROLE_CALLERS = ["partnerAdmin", "partnerBilling", "reviewer", "admin"] as const;
const UNAUTHENTICATED_CALLERS = ["noKey", "revokedKey", "deactivatedUser"] as const;
const CALLERS = [...ROLE_CALLERS, ...UNAUTHENTICATED_CALLERS] as const;
type RoleCaller = (typeof ROLE_CALLERS)[number];
type Caller = (typeof CALLERS)[number];
type Org = "own" | "other";

type Setup = Target | "EDITING_WITH_POE" | "SUBMITTED_WITH_FILE";

interface Endpoint {
  name: string;
  /** The claim each call acts on (none: the endpoint takes no claim; "own"/"other" then only vary the body). */
  setup?: Setup;
  /** Calls that succeed change the claim: each of them gets a claim of its own. */
  mutates: boolean;
  request(context: { claim?: BuiltClaim; org: Org; key: string | null; w: World }): Promise<ApiResult>;
  /** [own organization's claim, other organization's claim] per role. */
  expected: Record<RoleCaller, readonly [number, number]>;
  /** No API key needed: every caller, with or without a key, gets the same answer. */
  public?: boolean;
}

const ok = (status: number) => [status, status] as const;
const partnerOnly = (success: number) =>
  ({ partnerAdmin: [success, 404], partnerBilling: [success, 404], reviewer: [403, 403], admin: [403, 403] }) as const;
const reviewerOnly = (success: number) =>
  ({ partnerAdmin: [403, 404], partnerBilling: [403, 404], reviewer: [success, success], admin: [403, 403] }) as const;
const readers = { partnerAdmin: [200, 404], partnerBilling: [200, 404], reviewer: [200, 200], admin: [200, 200] } as const;

/** The matrix's database, for the rows that need a row the API cannot create (another user's notification). */
let matrixDb: TestDatabase["db"];
let matrixWorld: World;
/** A webhook receiver on 127.0.0.1 that answers 200 (the matrix allows loopback targets for its own endpoints). */
let receiver: http.Server;
let receiverUrl = "";
const INSECURE = { env: { WEBHOOKS_ALLOW_INSECURE: "1" } };

/** A fresh webhook endpoint of organization A ("own") or B ("other"), registered by its partner admin. */
async function endpointOf(org: Org): Promise<string> {
  const owner = org === "own" ? matrixWorld.partnerA : matrixWorld.partnerB;
  const endpoint = await createWebhookEndpoint(matrixDb, owner.actor, { url: `${receiverUrl}/hook`, events: ["claim.status_changed"] }, INSECURE);
  return endpoint.id;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: "GET /claims",
    mutates: false,
    request: ({ key }) => call("GET", "/claims", { key }),
    expected: { partnerAdmin: ok(200), partnerBilling: ok(200), reviewer: ok(200), admin: ok(200) },
  },
  {
    name: "POST /claims (own / other organization's MPN ID)",
    mutates: true,
    request: ({ key, org, w }) => call("POST", "/claims", { key, json: claimBody((org === "own" ? w.orgA : w.orgB).mpnIds[0]) }),
    expected: { partnerAdmin: [201, 422], partnerBilling: [201, 422], reviewer: ok(403), admin: ok(403) },
  },
  {
    name: "GET /claims/export.csv",
    mutates: false,
    request: ({ key }) => call("GET", "/claims/export.csv", { key }),
    expected: { partnerAdmin: ok(200), partnerBilling: ok(200), reviewer: ok(200), admin: ok(200) },
  },
  {
    name: "GET /claims/{id} (SUBMITTED)",
    setup: "SUBMITTED",
    mutates: false,
    request: ({ key, claim }) => call("GET", `/claims/${claim!.claim.id}`, { key }),
    expected: readers,
  },
  {
    name: "GET /claims/{id} (EDITING: private to the partner)",
    setup: "EDITING",
    mutates: false,
    request: ({ key, claim }) => call("GET", `/claims/${claim!.claim.id}`, { key }),
    expected: { ...readers, reviewer: ok(404) },
  },
  {
    name: "PATCH /claims/{id}",
    setup: "SUBMITTED",
    mutates: true,
    request: ({ key, claim }) =>
      call("PATCH", `/claims/${claim!.claim.id}`, {
        key,
        json: { commentary: "Edited through the API." },
        headers: { "If-Match": `"${claim!.claim.version}"` },
      }),
    expected: partnerOnly(200),
  },
  {
    name: "POST /claims/{id}/poe",
    setup: "SUBMITTED",
    mutates: true,
    request: ({ key, claim }) => upload(claim!.claim.id, key ?? "", "proof.pdf", pdfBytes()),
    expected: partnerOnly(201),
  },
  {
    name: "GET /claims/{id}/poe/{poeId}",
    setup: "SUBMITTED_WITH_FILE",
    mutates: false,
    request: ({ key, claim }) => call("GET", `/claims/${claim!.claim.id}/poe/${claim!.claim.poeFiles[0].id}`, { key }),
    expected: readers,
  },
  {
    name: "POST /claims/{id}/actions/submit",
    setup: "EDITING_WITH_POE",
    mutates: true,
    request: ({ key, claim }) => call("POST", `/claims/${claim!.claim.id}/actions/submit`, { key, json: {} }),
    // Reviewers cannot see a draft at all (404 before the role check); admins see it and may not act (403).
    expected: { ...partnerOnly(200), reviewer: ok(404) },
  },
  {
    name: "POST /claims/{id}/actions/start-review",
    setup: "SUBMITTED",
    mutates: true,
    request: ({ key, claim }) => call("POST", `/claims/${claim!.claim.id}/actions/start-review`, { key, json: {} }),
    expected: reviewerOnly(200),
  },
  {
    name: "POST /claims/{id}/actions/request-info",
    setup: "UNDER_REVIEW",
    mutates: true,
    request: ({ key, claim }) =>
      call("POST", `/claims/${claim!.claim.id}/actions/request-info`, {
        key,
        json: { reasonCodes: ["MISSING_ALL_POE"], comment: "Please upload the signed SOW." },
      }),
    expected: reviewerOnly(200),
  },
  {
    name: "POST /claims/{id}/actions/resubmit",
    setup: "PARTNER_ACTION_REQUIRED",
    mutates: true,
    request: ({ key, claim }) => call("POST", `/claims/${claim!.claim.id}/actions/resubmit`, { key, json: { comment: "Uploaded." } }),
    expected: partnerOnly(200),
  },
  {
    name: "POST /claims/{id}/actions/approve",
    setup: "UNDER_REVIEW",
    mutates: true,
    request: ({ key, claim }) => call("POST", `/claims/${claim!.claim.id}/actions/approve`, { key, json: {} }),
    expected: reviewerOnly(200),
  },
  {
    name: "POST /claims/{id}/actions/reject",
    setup: "UNDER_REVIEW",
    mutates: true,
    request: ({ key, claim }) =>
      call("POST", `/claims/${claim!.claim.id}/actions/reject`, { key, json: { reason: "INSUFFICIENT_POE", comment: "Unsigned." } }),
    expected: reviewerOnly(200),
  },
  {
    name: "POST /claims/{id}/actions/withdraw",
    setup: "SUBMITTED",
    mutates: true,
    request: ({ key, claim }) => call("POST", `/claims/${claim!.claim.id}/actions/withdraw`, { key, json: { comment: "Wrong MPN ID" } }),
    expected: partnerOnly(200),
  },
  {
    // The reviewer caller holds the claim (claimIn starts the review as it): a take-over by the holder is a 200 no-op.
    name: "POST /claims/{id}/actions/take-over",
    setup: "UNDER_REVIEW",
    mutates: true,
    request: ({ key, claim }) => call("POST", `/claims/${claim!.claim.id}/actions/take-over`, { key, json: {} }),
    expected: reviewerOnly(200),
  },
  {
    name: "GET /claims/{id}/notes (internal: partners 404 even on their own claim)",
    setup: "SUBMITTED",
    mutates: false,
    request: ({ key, claim }) => call("GET", `/claims/${claim!.claim.id}/notes`, { key }),
    expected: { partnerAdmin: ok(404), partnerBilling: ok(404), reviewer: ok(200), admin: ok(200) },
  },
  {
    name: "POST /claims/{id}/notes (reviewers write, admins read only)",
    setup: "SUBMITTED",
    mutates: true,
    request: ({ key, claim }) => call("POST", `/claims/${claim!.claim.id}/notes`, { key, json: { body: "Checked the SOW." } }),
    expected: { partnerAdmin: ok(404), partnerBilling: ok(404), reviewer: ok(201), admin: ok(403) },
  },
  {
    name: "GET /claims/{id}/comments",
    setup: "SUBMITTED",
    mutates: false,
    request: ({ key, claim }) => call("GET", `/claims/${claim!.claim.id}/comments`, { key }),
    expected: readers,
  },
  {
    name: "POST /claims/{id}/comments",
    setup: "SUBMITTED",
    mutates: true,
    request: ({ key, claim }) => call("POST", `/claims/${claim!.claim.id}/comments`, { key, json: { body: "A question." } }),
    expected: { partnerAdmin: [201, 404], partnerBilling: [201, 404], reviewer: ok(201), admin: ok(403) },
  },
  {
    name: "GET /claims/{id}/history",
    setup: "SUBMITTED",
    mutates: false,
    request: ({ key, claim }) => call("GET", `/claims/${claim!.claim.id}/history`, { key }),
    expected: readers,
  },
  {
    name: "GET /claims/{id}/conflicts",
    setup: "SUBMITTED",
    mutates: false,
    request: ({ key, claim }) => call("GET", `/claims/${claim!.claim.id}/conflicts`, { key }),
    expected: readers,
  },
  {
    name: "POST /claims/{id}/disputes",
    setup: "REJECTED",
    mutates: true,
    request: ({ key, claim }) => call("POST", `/claims/${claim!.claim.id}/disputes`, { key, json: { details: "It is signed." } }),
    expected: partnerOnly(201),
  },
  {
    name: "GET /disputes",
    mutates: false,
    request: ({ key }) => call("GET", "/disputes?status=OPEN", { key }),
    expected: { partnerAdmin: ok(403), partnerBilling: ok(403), reviewer: ok(200), admin: ok(200) },
  },
  {
    name: "POST /disputes/{id}/resolve",
    setup: "DISPUTED",
    mutates: true,
    request: ({ key, claim }) =>
      call("POST", `/disputes/${claim!.claim.dispute!.id}/resolve`, { key, json: { outcome: "UPHOLD", comment: "The rejection stands." } }),
    expected: reviewerOnly(200),
  },
  {
    name: "POST /consent/{token}/deny (public: the token is the credential)",
    setup: "APPROVED",
    mutates: true,
    public: true,
    request: ({ key, claim }) => call("POST", `/consent/${claim!.consentToken}/deny`, { key, json: {} }),
    expected: { partnerAdmin: ok(200), partnerBilling: ok(200), reviewer: ok(200), admin: ok(200) },
  },
  {
    name: "GET /me (any key)",
    mutates: false,
    request: ({ key }) => call("GET", "/me", { key }),
    expected: { partnerAdmin: ok(200), partnerBilling: ok(200), reviewer: ok(200), admin: ok(200) },
  },
  {
    name: "GET /users (admins only)",
    mutates: false,
    request: ({ key }) => call("GET", "/users", { key }),
    expected: { partnerAdmin: ok(403), partnerBilling: ok(403), reviewer: ok(403), admin: ok(200) },
  },
  {
    name: "POST /users (a user of the own / other organization)",
    mutates: true,
    request: ({ key, org, w }) =>
      call("POST", "/users", {
        key,
        json: { email: `new-${crypto.randomUUID()}@partner.example`, name: "New user", role: "PARTNER_BILLING", organizationId: (org === "own" ? w.orgA : w.orgB).id },
      }),
    expected: { partnerAdmin: ok(403), partnerBilling: ok(403), reviewer: ok(403), admin: ok(201) },
  },
  {
    name: "PATCH /users/{id} (a user of the own / other organization)",
    mutates: true,
    request: ({ key, org, w }) => call("PATCH", `/users/${(org === "own" ? w.billingA : w.billingB).id}`, { key, json: { name: `Renamed ${Date.now()}` } }),
    expected: { partnerAdmin: ok(403), partnerBilling: ok(403), reviewer: ok(403), admin: ok(200) },
  },
  {
    name: "GET /organizations (admins only)",
    mutates: false,
    request: ({ key }) => call("GET", "/organizations", { key }),
    expected: { partnerAdmin: ok(403), partnerBilling: ok(403), reviewer: ok(403), admin: ok(200) },
  },
  {
    name: "POST /organizations",
    mutates: true,
    request: ({ key }) => call("POST", "/organizations", { key, json: { name: "New partner", mpnIds: [String(Math.floor(1e9 + Math.random() * 8e9))] } }),
    expected: { partnerAdmin: ok(403), partnerBilling: ok(403), reviewer: ok(403), admin: ok(201) },
  },
  {
    name: "PATCH /organizations/{id} (own / other organization)",
    mutates: true,
    request: ({ key, org, w }) => call("PATCH", `/organizations/${(org === "own" ? w.orgA : w.orgB).id}`, { key, json: { name: `Renamed ${Date.now()}` } }),
    expected: { partnerAdmin: ok(403), partnerBilling: ok(403), reviewer: ok(403), admin: ok(200) },
  },
  {
    name: "GET /metrics (every role; partners their own organization)",
    mutates: false,
    request: ({ key }) => call("GET", "/metrics", { key }),
    expected: { partnerAdmin: ok(200), partnerBilling: ok(200), reviewer: ok(200), admin: ok(200) },
  },
  {
    name: "GET /audit-events (admins only)",
    mutates: false,
    request: ({ key }) => call("GET", "/audit-events", { key }),
    expected: { partnerAdmin: ok(403), partnerBilling: ok(403), reviewer: ok(403), admin: ok(200) },
  },
  {
    name: "GET /audit-events/export.csv (admins only)",
    mutates: false,
    request: ({ key }) => call("GET", "/audit-events/export.csv", { key }),
    expected: { partnerAdmin: ok(403), partnerBilling: ok(403), reviewer: ok(403), admin: ok(200) },
  },
  {
    name: "DELETE /claims/{id} (a draft: discarded)",
    setup: "EDITING",
    mutates: true,
    request: ({ key, claim }) => call("DELETE", `/claims/${claim!.claim.id}`, { key }),
    expected: { partnerAdmin: [204, 404], partnerBilling: [204, 404], reviewer: ok(404), admin: ok(403) },
  },
  {
    name: "POST /claims/{id}/duplicate",
    setup: "SUBMITTED",
    mutates: true,
    request: ({ key, claim }) => call("POST", `/claims/${claim!.claim.id}/duplicate`, { key }),
    expected: partnerOnly(201),
  },
  {
    name: "GET /claims/import/template.csv (partners)",
    mutates: false,
    request: ({ key }) => call("GET", "/claims/import/template.csv", { key }),
    expected: { partnerAdmin: ok(200), partnerBilling: ok(200), reviewer: ok(403), admin: ok(403) },
  },
  {
    name: "POST /claims/import (dryRun=true: partners see each row's errors; nothing written)",
    mutates: false,
    request: ({ key }) => call("POST", "/claims/import?dryRun=true", { key, body: `${IMPORT_COLUMNS.join(",")}\n${IMPORT_COLUMNS.map(() => "").join(",")}\n`, headers: { "Content-Type": "text/csv" } }),
    expected: { partnerAdmin: ok(200), partnerBilling: ok(200), reviewer: ok(403), admin: ok(403) },
  },
  {
    name: "GET /webhooks (partner admins)",
    mutates: false,
    request: ({ key }) => call("GET", "/webhooks", { key }),
    expected: { partnerAdmin: ok(200), partnerBilling: ok(403), reviewer: ok(403), admin: ok(403) },
  },
  {
    name: "POST /webhooks (partner admins)",
    mutates: true,
    request: ({ key }) => call("POST", "/webhooks", { key, json: { url: `${receiverUrl}/hook`, events: ["claim.status_changed"] } }),
    expected: { partnerAdmin: ok(201), partnerBilling: ok(403), reviewer: ok(403), admin: ok(403) },
  },
  {
    name: "DELETE /webhooks/{id} (an endpoint of A / of B)",
    mutates: true,
    request: async ({ key, org }) => call("DELETE", `/webhooks/${await endpointOf(org)}`, { key }),
    expected: { partnerAdmin: [204, 404], partnerBilling: [403, 404], reviewer: ok(404), admin: ok(404) },
  },
  {
    name: "GET /webhooks/{id}/deliveries (an endpoint of A / of B)",
    mutates: false,
    request: async ({ key, org }) => call("GET", `/webhooks/${await endpointOf(org)}/deliveries`, { key }),
    expected: { partnerAdmin: [200, 404], partnerBilling: [403, 404], reviewer: ok(404), admin: ok(404) },
  },
  {
    name: "POST /webhooks/{id}/test (an endpoint of A / of B)",
    mutates: true,
    request: async ({ key, org }) => call("POST", `/webhooks/${await endpointOf(org)}/test`, { key }),
    expected: { partnerAdmin: [201, 404], partnerBilling: [403, 404], reviewer: ok(404), admin: ok(404) },
  },
  {
    name: "POST /claims/{id}/actions/resend-consent",
    setup: "APPROVED",
    mutates: true,
    request: ({ key, claim }) =>
      call("POST", `/claims/${claim!.claim.id}/actions/resend-consent`, { key, json: { email: "corrected@customer.example" } }),
    expected: reviewerOnly(200),
  },
  {
    name: "GET /notifications (the caller's own)",
    mutates: false,
    request: ({ key }) => call("GET", "/notifications", { key }),
    expected: { partnerAdmin: ok(200), partnerBilling: ok(200), reviewer: ok(200), admin: ok(200) },
  },
  {
    name: "POST /notifications/{id}/read (a notification of the partner admin of A / of B: only its owner)",
    mutates: true,
    request: async ({ key, org, w }) => {
      const owner = org === "own" ? w.partnerA : w.partnerB;
      const note = await matrixDb.notification.create({ data: { userId: owner.id, type: "COMMENT_ADDED", title: "t", body: "b" } });
      return call("POST", `/notifications/${note.id}/read`, { key });
    },
    expected: { partnerAdmin: [200, 404], partnerBilling: ok(404), reviewer: ok(404), admin: ok(404) },
  },
  {
    name: "POST /notifications/read-all",
    mutates: true,
    request: ({ key }) => call("POST", "/notifications/read-all", { key }),
    expected: { partnerAdmin: ok(204), partnerBilling: ok(204), reviewer: ok(204), admin: ok(204) },
  },
  {
    name: "GET /openapi.json (public)",
    mutates: false,
    public: true,
    request: ({ key }) => call("GET", "/openapi.json", { key }),
    expected: { partnerAdmin: ok(200), partnerBilling: ok(200), reviewer: ok(200), admin: ok(200) },
  },
];

const CODE_BY_STATUS: Record<number, string> = { 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND", 422: "VALIDATION" };

describe.skipIf(!pgAvailable)("REST API v1 authorization matrix (PostgreSQL)", () => {
  let env: ApiTestEnv;
  let w: World;
  const keys = {} as Record<Caller, string | null>;
  const partnerKeys = {} as Record<"A" | "B", string>;

  beforeAll(async () => {
    env = await startApiTestEnv();
    const db = env.t.db;
    matrixDb = db;
    w = await createWorld(db);
    matrixWorld = w;
    // The route handlers read WEBHOOKS_ALLOW_INSECURE from the environment: the receiver is on 127.0.0.1.
    process.env.WEBHOOKS_ALLOW_INSECURE = "1";
    receiver = http.createServer((_request, response) => response.writeHead(200).end("ok"));
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
    keys.partnerAdmin = await keyFor(db, w.partnerA.email);
    keys.partnerBilling = await keyFor(db, w.billingA.email);
    keys.reviewer = await keyFor(db, w.reviewer.email);
    keys.admin = await keyFor(db, w.admin.email);
    keys.noKey = null;
    keys.revokedKey = await keyFor(db, w.partnerA.email, "revoked");
    await db.apiKey.updateMany({ where: { name: "revoked" }, data: { revokedAt: new Date() } });
    const leaver = await db.user.create({
      data: { email: "deactivated@contoso.test", name: "Deactivated", role: "PARTNER_ADMIN", organizationId: w.orgA.id },
    });
    keys.deactivatedUser = await keyFor(db, leaver.email);
    await db.user.update({ where: { id: leaver.id }, data: { active: false } });
    partnerKeys.A = await keyFor(db, w.partnerA.email, "owner A");
    partnerKeys.B = await keyFor(db, w.partnerB.email, "owner B");
  });
  afterAll(async () => {
    delete process.env.WEBHOOKS_ALLOW_INSECURE;
    await new Promise((resolve) => receiver?.close(resolve));
    await stopApiTestEnv(env);
  });

  async function prepare(setup: Setup, org: Org): Promise<BuiltClaim> {
    const db = env.t.db;
    const owner = org === "own" ? "A" : "B";
    const start = new Date(Date.now() - 2 * DAY);
    if (setup === "EDITING_WITH_POE" || setup === "SUBMITTED_WITH_FILE") {
      const built = await claimIn(db, w, "EDITING", { org: owner, start });
      if (setup === "EDITING_WITH_POE") {
        await recordPoeFile(db, built.partner.actor, built.claim.id, poeFile());
        return built;
      }
      const uploaded = await upload(built.claim.id, partnerKeys[owner], "proof.pdf", pdfBytes());
      expect(uploaded.status, uploaded.text).toBe(201);
      return { ...built, claim: await submitClaim(db, built.partner.actor, built.claim.id, {}) };
    }
    return claimIn(db, w, setup, { org: owner, start });
  }

  it("has a row for every endpoint of the contract (every operation of the OpenAPI document)", () => {
    const covered = new Set(ENDPOINTS.map((endpoint) => endpoint.name.split(" ").slice(0, 2).join(" ")));
    expect([...covered].sort()).toEqual(OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`).sort());
  });

  for (const endpoint of ENDPOINTS) {
    it(endpoint.name, async () => {
      const observed: Record<string, [number, number]> = {};
      const expected: Record<string, [number, number]> = {};
      for (const org of ["own", "other"] as const) {
        // Callers expected to fail share one claim: a wrong answer that changed it shows as a wrong status anyway.
        let shared: BuiltClaim | undefined;
        for (const caller of CALLERS) {
          const want = endpoint.public
            ? endpoint.expected.partnerAdmin[0]
            : caller in endpoint.expected
              ? endpoint.expected[caller as RoleCaller][org === "own" ? 0 : 1]
              : 401;
          const success = want < 300;
          let claim: BuiltClaim | undefined;
          if (endpoint.setup) {
            claim = endpoint.mutates && success ? await prepare(endpoint.setup, org) : (shared ??= await prepare(endpoint.setup, org));
          }
          const result = await endpoint.request({ claim, org, key: keys[caller], w });
          if (!success && result.status === want) {
            expect(result.body.code, `${caller} on ${org}: ${result.text}`).toBe(CODE_BY_STATUS[want]);
          }
          (observed[caller] ??= [0, 0])[org === "own" ? 0 : 1] = result.status;
          (expected[caller] ??= [0, 0])[org === "own" ? 0 : 1] = want;
        }
      }
      expect(observed).toEqual(expected);
    });
  }
});
