// Proof suite, "isolation matrix" (in-process part): every API operation, every portal route handler (downloads,
// exports, uploads) and every server action, called by every role on a resource of its own and of another
// organization. Whatever a caller may not see answers exactly like a missing id (same status, same body once
// the id itself is blanked out) and changes no row of any table (tests/integration/proof-helpers.ts); lists and
// exports never contain the other organization's claim numbers, customer names or tenant IDs. The rows are
// generated from the OpenAPI operations and checked against the files under app/, so a new operation, route
// handler or server action without a row fails here. Pages are covered by tests/e2e/proof-pages.spec.ts.
//
// The session is the one thing stubbed: next-auth's getServerSession answers the test's chosen user (the user
// row, its session version and revocation are still read from PostgreSQL by lib/auth/session.ts). next-intl's
// request-bound helpers answer English from the real message files, and revalidatePath (which needs Next's
// request store) does nothing. Nothing touching the database is mocked.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { claimIn, createWorld, type BuiltClaim, type Target, type TestUser, type World } from "../fixtures/claims";
import { formatClaimNumber } from "../../lib/claims/claim-number";
import { ClaimError } from "../../lib/claims/errors";
import { IDLE } from "../../components/claims/action-state";
import { OPERATIONS, type OperationSpec } from "../../lib/openapi/operations";
import { createWebhookEndpoint } from "../../lib/webhooks/endpoints";
import { recordProof } from "../proof/report";
import { routeHandlerPatterns, serverActions } from "../proof/route-inventory";
import { call, claimBody, keyFor, pdfBytes, startApiTestEnv, stopApiTestEnv, upload, type ApiResult, type ApiTestEnv } from "./api-helpers";
import { changedTables, dbFingerprint } from "./proof-helpers";
import { pgAvailable } from "./test-db";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown>; expires: string } }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => session.current,
}));
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  const { loadMessages } = await import("../../messages");
  const messages = await loadMessages("en");
  return {
    getLocale: async () => "en",
    getTranslations: async (namespace?: string) => createTranslator({ locale: "en", messages, namespace: namespace as never }),
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, updateTag: () => undefined }));

type Caller = "partnerAdminA" | "billingA" | "partnerAdminB" | "reviewer" | "admin";
const CALLERS: Caller[] = ["partnerAdminA", "billingA", "partnerAdminB", "reviewer", "admin"];
type KeyCaller = Caller | "noKey" | "revokedKey" | "expiredKey";
const KEY_CALLERS: KeyCaller[] = [...CALLERS, "noKey", "revokedKey", "expiredKey"];
type Org = "A" | "B";

const orgOf = (caller: Caller): Org | null => (caller === "partnerAdminB" ? "B" : caller === "reviewer" || caller === "admin" ? null : "A");
const missingId = () => `c${randomBytes(12).toString("hex").slice(0, 24)}`;

/** Which kind of resource a path parameter names, from the path's first segment. */
type Kind = "claim" | "dispute" | "webhook" | "notification" | "user" | "organization" | "token";
function kindOf(path: string): Kind | null {
  if (!path.includes("{")) return null;
  return ({ claims: "claim", disputes: "dispute", webhooks: "webhook", notifications: "notification", users: "user", organizations: "organization", consent: "token" } as const)[
    path.split("/")[1] as "claims"
  ];
}

/** The claim status each operation's resource is put in, so that the owner's call would succeed. */
function targetOf(op: OperationSpec): Target | "SUBMITTED_WITH_FILE" {
  const action = /\/actions\/([\w-]+)$/.exec(op.path)?.[1];
  if (action === "submit" || (op.method === "delete" && op.path === "/claims/{id}")) return "EDITING";
  if (action && ["request-info", "approve", "reject", "take-over"].includes(action)) return "UNDER_REVIEW";
  if (action === "resubmit") return "PARTNER_ACTION_REQUIRED";
  if (action === "resend-consent" || op.path.startsWith("/consent")) return "APPROVED";
  if (op.path === "/claims/{id}/disputes") return "REJECTED";
  if (op.path.startsWith("/disputes/")) return "DISPUTED";
  if (op.path.includes("{poeId}")) return "SUBMITTED_WITH_FILE";
  return "SUBMITTED";
}

describe.skipIf(!pgAvailable)("proof · isolation matrix (PostgreSQL, in-process)", () => {
  let env: ApiTestEnv;
  let w: World;
  const keys = {} as Record<KeyCaller, string | null>;
  const users = {} as Record<Caller, TestUser>;
  /** Texts of each organization that must never reach the other one. */
  const markers: Record<Org, Set<string>> = { A: new Set(), B: new Set() };
  let seq = 0;

  const fingerprint = () => dbFingerprint(env.t.db);

  async function build(org: Org, target: Target | "SUBMITTED_WITH_FILE"): Promise<BuiltClaim & { poeId?: string }> {
    const name = `Isolation customer ${org}-${++seq}-${randomBytes(3).toString("hex")}`;
    const tenantId = randomUUID();
    const draft = { customer: { tenantId, domain: `iso-${org.toLowerCase()}-${seq}.example`, name } };
    const start = new Date(Date.now() - 3 * 86_400_000);
    const built = await claimIn(env.t.db, w, target === "SUBMITTED_WITH_FILE" ? "SUBMITTED" : target, { org, start, draft });
    markers[org].add(name).add(tenantId).add(formatClaimNumber(built.claim.number));
    if (target !== "SUBMITTED_WITH_FILE") return built;
    const poe = await env.t.db.poeFile.findFirstOrThrow({ where: { claimId: built.claim.id } });
    // The fixture's PoE row has no stored bytes: upload a real file to download.
    const uploaded = await upload(built.claim.id, keys[org === "A" ? "partnerAdminA" : "partnerAdminB"]!, "proof.pdf", pdfBytes());
    return { ...built, poeId: uploaded.status === 201 ? uploaded.body.id : poe.id };
  }

  function leaksOf(caller: Caller, text: string): string[] {
    const own = orgOf(caller);
    if (!own) return [];
    return [...markers[own === "A" ? "B" : "A"]].filter((marker) => text.includes(marker));
  }

  beforeAll(async () => {
    env = await startApiTestEnv();
    const db = env.t.db;
    process.env.API_RATE_LIMIT_PER_MINUTE = "0";
    process.env.WEBHOOKS_ALLOW_INSECURE = "1";
    w = await createWorld(db);
    Object.assign(users, { partnerAdminA: w.partnerA, billingA: w.billingA, partnerAdminB: w.partnerB, reviewer: w.reviewer, admin: w.admin });
    for (const caller of CALLERS) keys[caller] = await keyFor(db, users[caller].email);
    keys.noKey = null;
    keys.revokedKey = await keyFor(db, w.partnerA.email, "revoked");
    await db.apiKey.updateMany({ where: { name: "revoked" }, data: { revokedAt: new Date() } });
    keys.expiredKey = await keyFor(db, w.partnerA.email, "expired");
    await db.apiKey.updateMany({ where: { name: "expired" }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    // Every organization has claims in the lists and exports.
    for (const org of ["A", "B"] as const) for (const target of ["SUBMITTED", "APPROVED", "REJECTED"] as const) await build(org, target);
  });
  afterAll(async () => {
    delete process.env.API_RATE_LIMIT_PER_MINUTE;
    delete process.env.WEBHOOKS_ALLOW_INSECURE;
    session.current = null;
    await stopApiTestEnv(env);
  });

  /** Blanks out the ids of the request, so that "another organization's" and "a missing" answer compare. */
  function normalized(result: ApiResult | { status: number; text: string }, ...ids: (string | undefined)[]): string {
    let text = result.text;
    for (const id of ids) if (id) text = text.split(id).join("<id>").split(encodeURIComponent(id)).join("<id>");
    return `${result.status} ${text}`;
  }

  // ───────────────────────────── inventory: a row for every route ─────────────────────────────

  const PORTAL_ROUTES = [
    "/admin/audit/export.csv",
    "/claims/[id]/poe",
    "/claims/[id]/poe/[poeId]",
    "/claims/[id]/poe/[poeId]/preview",
    "/claims/export.csv",
    "/notifications/[id]/open",
    "/notifications/unread-count",
    "/settings/import/template.csv",
    "/settings/import/upload",
  ] as const;
  /** Route handler files that are not the portal's own data: next-auth's sign-in endpoints, the API's 404/405 catch-all. */
  const NOT_DATA_ROUTES = ["/api/auth/[...nextauth]", "/api/v1/[[...path]]"];

  it("has a row for every route handler file under app/ (API operations, portal downloads, uploads and exports)", () => {
    const apiFiles = new Set(OPERATIONS.map((op) => `/api/v1${op.path.replace(/\{(\w+)\}/g, "[$1]").replace(/\/actions\/[\w-]+$/, "/actions/[action]").replace("/consent/[id]", "/consent/[token]")}`));
    const rows = new Set<string>([...apiFiles, ...PORTAL_ROUTES, ...NOT_DATA_ROUTES]);
    // An API route file whose dynamic segment is named differently from the OpenAPI path still needs its row.
    const withoutRow = routeHandlerPatterns().filter((pattern) => !rows.has(pattern) && !rows.has(pattern.replace(/\[(\w+)\]/g, "[id]")));
    expect(withoutRow, "route handler files without a row in the isolation matrix").toEqual([]);
  });

  // ───────────────────────────── API: every operation × every caller × own/other ─────────────────────────────

  /** Valid bodies, so that a refusal is about who asks, never about what was sent. */
  function requestFor(op: OperationSpec, w: World, org: Org): { json?: unknown; body?: BodyInit; headers?: Record<string, string>; query?: string } {
    const mpn = (org === "A" ? w.orgA : w.orgB).mpnIds[0];
    const name = `${op.method.toUpperCase()} ${op.path}`;
    const action = /\/actions\/([\w-]+)$/.exec(op.path)?.[1];
    if (action) {
      const bodies: Record<string, unknown> = {
        "request-info": { reasonCodes: ["MISSING_ALL_POE"], comment: "Upload the signed SOW." },
        reject: { reason: "INSUFFICIENT_POE", comment: "Unsigned." },
        withdraw: { comment: "Wrong MPN ID" },
        resubmit: { comment: "Uploaded." },
        "resend-consent": { email: "corrected@customer.example" },
      };
      return { json: bodies[action] ?? {} };
    }
    switch (name) {
      case "POST /claims":
        return { json: claimBody(mpn) };
      case "PATCH /claims/{id}":
        return { json: { commentary: "Edited through the API." }, headers: { "If-Match": '"3"' } };
      case "POST /claims/{id}/poe":
        return { body: new Uint8Array(pdfBytes()), headers: { "X-File-Name": "proof.pdf", "Content-Type": "application/octet-stream" } };
      case "POST /claims/{id}/comments":
      case "POST /claims/{id}/notes":
        return { json: { body: "A question." } };
      case "POST /claims/{id}/disputes":
        return { json: { details: "It is signed." } };
      case "POST /disputes/{id}/resolve":
        return { json: { outcome: "UPHOLD", comment: "The rejection stands." } };
      case "POST /users":
        return { json: { email: `new-${randomUUID()}@partner.example`, name: "New user", role: "PARTNER_BILLING", organizationId: (org === "A" ? w.orgA : w.orgB).id } };
      case "PATCH /users/{id}":
      case "PATCH /organizations/{id}":
        return { json: { name: `Renamed ${seq++}` } };
      case "POST /organizations":
        return { json: { name: "New partner", mpnIds: [String(5_000_000_000 + seq++)] } };
      case "POST /webhooks":
        return { json: { url: "http://127.0.0.1:9/hook", events: ["claim.status_changed"] } };
      case "POST /claims/import":
        return { body: "mpnId\n", headers: { "Content-Type": "text/csv" }, query: "?dryRun=true" };
      case "POST /consent/{token}/deny":
        return { json: {} };
      default:
        return {};
    }
  }

  /** A fresh resource of `org` for `op`: the path with its parameters filled in, and the ids to blank out. */
  async function resourceFor(op: OperationSpec, org: Org): Promise<{ path: string; ids: string[]; owner: Org; editing: boolean; ownerUser?: string }> {
    const kind = kindOf(op.path);
    const db = env.t.db;
    const owner = org === "A" ? w.partnerA : w.partnerB;
    switch (kind) {
      case null:
        return { path: op.path, ids: [], owner: org, editing: false };
      case "claim":
      case "dispute":
      case "token": {
        const target = targetOf(op);
        const built = await build(org, target);
        const id = kind === "dispute" ? built.claim.dispute!.id : kind === "token" ? built.consentToken! : built.claim.id;
        const path = op.path.replace("{id}", id).replace("{token}", id).replace("{poeId}", built.poeId ?? "");
        return { path, ids: [id, built.poeId ?? ""].filter(Boolean), owner: org, editing: target === "EDITING" };
      }
      case "webhook": {
        const endpoint = await createWebhookEndpoint(db, owner.actor, { url: "http://127.0.0.1:9/hook", events: ["claim.status_changed"] }, { env: { WEBHOOKS_ALLOW_INSECURE: "1" } });
        return { path: op.path.replace("{id}", endpoint.id), ids: [endpoint.id], owner: org, editing: false };
      }
      case "notification": {
        const note = await db.notification.create({ data: { userId: owner.id, type: "COMMENT_ADDED", title: "t", body: "b" } });
        return { path: op.path.replace("{id}", note.id), ids: [note.id], owner: org, editing: false, ownerUser: owner.id };
      }
      case "user": {
        const user = org === "A" ? w.billingA : w.billingB;
        return { path: op.path.replace("{id}", user.id), ids: [user.id], owner: org, editing: false };
      }
      case "organization": {
        const id = (org === "A" ? w.orgA : w.orgB).id;
        return { path: op.path.replace("{id}", id), ids: [id], owner: org, editing: false };
      }
    }
  }

  /** May this caller see that the resource exists (else: it must answer like a missing one)? */
  function sees(caller: Caller, kind: Kind | null, resource: { owner: Org; editing: boolean; ownerUser?: string }): boolean {
    const org = orgOf(caller);
    switch (kind) {
      case null:
      case "token": // the consent link's token is the credential, whoever else calls
        return true;
      case "claim":
      case "dispute":
        if (org) return org === resource.owner;
        return !(caller === "reviewer" && resource.editing);
      case "webhook":
        return org === resource.owner;
      case "notification":
        return users[caller].id === resource.ownerUser;
      case "user":
      case "organization":
        return caller === "admin";
    }
  }

  function apiCall(op: OperationSpec, path: string, caller: KeyCaller, org: Org) {
    const request = requestFor(op, w, org);
    return call(op.method.toUpperCase(), `${path}${request.query ?? ""}`, { key: keys[caller], json: request.json, body: request.body, headers: request.headers });
  }

  let apiTried = 0;
  let apiHeld = 0;
  afterAll(() => {
    if (apiTried) recordProof({ category: "isolation", subject: "API operations × 8 callers (5 roles, no key, revoked key, expired key) × own/other organization", tried: apiTried, held: apiHeld });
  });

  for (const op of OPERATIONS) {
    const name = `${op.method.toUpperCase()} ${op.path}`;
    it(`API ${name}: other organization answers like a missing id, refusals change nothing, lists never leak`, async () => {
      const kind = kindOf(op.path);
      const failures: string[] = [];
      const resources = { A: await resourceFor(op, "A"), B: await resourceFor(op, "B") };
      const cells: { caller: KeyCaller; org: Org; hidden: boolean }[] = [];
      for (const caller of KEY_CALLERS) {
        for (const org of ["A", "B"] as const) {
          const hidden = caller === "noKey" || caller === "revokedKey" || caller === "expiredKey" ? op.auth : !sees(caller, kind, resources[org]);
          cells.push({ caller, org, hidden });
        }
      }
      // Hidden cells first: each must leave everything as it was, so the visible (possibly changing) calls come after.
      cells.sort((a, b) => Number(b.hidden) - Number(a.hidden));
      for (const { caller, org, hidden } of cells) {
        apiTried++;
        const label = `${caller} on ${org === "A" ? "A's" : "B's"} resource`;
        const resource = resources[org];
        const before = await fingerprint();
        const result = await apiCall(op, resource.path, caller, org);
        const changed = changedTables(before, await fingerprint());
        const problems: string[] = [];
        if (result.status >= 500) problems.push(`answered ${result.status}: ${result.text.slice(0, 200)}`);
        if (result.status >= 400 && changed.length) problems.push(`refused (${result.status}) but changed ${changed.join(", ")}`);
        if (hidden) {
          if (result.status < 400) problems.push(`answered ${result.status} to a caller who may not see it`);
          if (changed.length && result.status < 400) problems.push(`changed ${changed.join(", ")}`);
          if (caller === "noKey" || caller === "revokedKey" || caller === "expiredKey") {
            if (result.status !== 401 || result.body?.code !== "UNAUTHENTICATED") problems.push(`answered ${result.status} ${result.body?.code}, not 401 UNAUTHENTICATED`);
          } else if (kind) {
            // The same call on an id that does not exist: the answers must be indistinguishable.
            const missing = op.path.replace(/\{(\w+)\}/g, () => missingId());
            const missingIds = [...missing.matchAll(/c[0-9a-f]{24}/g)].map((m) => m[0]);
            const absent = await apiCall(op, missing, caller, org);
            if (normalized(result, ...resource.ids) !== normalized(absent, ...missingIds)) {
              problems.push(`differs from a missing id: ${normalized(result, ...resource.ids).slice(0, 200)} vs ${normalized(absent, ...missingIds).slice(0, 200)}`);
            }
          }
        }
        // A public operation answers the holder of its token (the customer), whoever else sends a key along.
        if (op.auth && caller !== "noKey" && caller !== "revokedKey" && caller !== "expiredKey") {
          const leaks = leaksOf(caller, result.text);
          if (leaks.length) problems.push(`leaks ${leaks.join(", ")}`);
        }
        if (problems.length) failures.push(`${label}: ${problems.join("; ")}`);
        else apiHeld++;
      }
      expect(failures).toEqual([]);
    }, 300_000);
  }

  // ───────────────────────────── portal route handlers: downloads, exports, uploads ─────────────────────────────

  function signIn(caller: Caller | null) {
    session.current = caller
      ? { user: { id: users[caller].id, sid: randomUUID(), sessionEndsAt: Date.now() + 3_600_000, sessionVersion: 0 }, expires: new Date(Date.now() + 3_600_000).toISOString() }
      : null;
  }

  /** Runs a route handler as Next would: notFound() → 404, redirect() → its status and Location. */
  async function invoke(run: () => Promise<Response>): Promise<{ status: number; text: string; location?: string }> {
    try {
      const response = await run();
      return { status: response.status, text: await response.text(), location: response.headers.get("location") ?? undefined };
    } catch (error) {
      const digest = (error as { digest?: string }).digest ?? "";
      if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;")) return { status: Number(digest.split(";")[1]), text: "(not found page)" };
      if (digest.startsWith("NEXT_REDIRECT;")) {
        const [, , location, status] = digest.split(";");
        return { status: Number(status), text: "", location };
      }
      throw error;
    }
  }

  const PORTAL = "http://portal.test";
  const sameOrigin = { Origin: PORTAL, Host: "portal.test" };
  type PortalRow = { kind: Kind | null; target?: Target | "SUBMITTED_WITH_FILE"; run: (ids: { id: string; poeId: string }, org: Org) => Promise<Response> };
  const PORTAL_ROWS: Record<(typeof PORTAL_ROUTES)[number], PortalRow> = {
    "/admin/audit/export.csv": { kind: null, run: async () => (await import("../../app/(portal)/admin/audit/export.csv/route")).GET(new NextRequest(`${PORTAL}/admin/audit/export.csv`)) },
    "/claims/[id]/poe": {
      kind: "claim",
      run: async ({ id }) =>
        (await import("../../app/(portal)/claims/[id]/poe/route")).POST(
          new Request(`${PORTAL}/claims/${id}/poe`, { method: "POST", body: new Uint8Array(pdfBytes()), headers: { ...sameOrigin, "X-File-Name": "proof.pdf" } }),
          { params: Promise.resolve({ id }) },
        ),
    },
    "/claims/[id]/poe/[poeId]": {
      kind: "claim",
      target: "SUBMITTED_WITH_FILE",
      run: async ({ id, poeId }) => (await import("../../app/(portal)/claims/[id]/poe/[poeId]/route")).GET(new Request(`${PORTAL}/claims/${id}/poe/${poeId}`), { params: Promise.resolve({ id, poeId }) }),
    },
    "/claims/[id]/poe/[poeId]/preview": {
      kind: "claim",
      target: "SUBMITTED_WITH_FILE",
      run: async ({ id, poeId }) =>
        (await import("../../app/(portal)/claims/[id]/poe/[poeId]/preview/route")).GET(new NextRequest(`${PORTAL}/claims/${id}/poe/${poeId}/preview`), { params: Promise.resolve({ id, poeId }) }),
    },
    "/claims/export.csv": { kind: null, run: async () => (await import("../../app/(portal)/claims/export.csv/route")).GET(new NextRequest(`${PORTAL}/claims/export.csv`)) },
    "/notifications/[id]/open": {
      kind: "notification",
      // It always redirects (a thrown NEXT_REDIRECT): it never returns a Response.
      run: async ({ id }) => {
        await (await import("../../app/(portal)/notifications/[id]/open/route")).GET(new Request(`${PORTAL}/notifications/${id}/open`), { params: Promise.resolve({ id }) });
        throw new Error("GET /notifications/[id]/open returned instead of redirecting");
      },
    },
    "/notifications/unread-count": { kind: null, run: async () => (await import("../../app/(portal)/notifications/unread-count/route")).GET() },
    "/settings/import/template.csv": { kind: null, run: async () => (await import("../../app/(portal)/settings/import/template.csv/route")).GET() },
    "/settings/import/upload": {
      // An import naming the other organization's MPN ID: refused row by row, nothing created for anyone.
      kind: null,
      run: async (_ids, org) => {
        const { IMPORT_COLUMNS } = await import("../../lib/claims/import/import-format");
        const other = (org === "A" ? w.orgB : w.orgA).mpnIds[0];
        const row = IMPORT_COLUMNS.map((column) => (column === "mpnId" ? other : ""));
        const csv = `${IMPORT_COLUMNS.join(",")}\n${row.join(",")}\n`;
        return (await import("../../app/(portal)/settings/import/upload/route")).POST(new Request(`${PORTAL}/settings/import/upload`, { method: "POST", body: csv, headers: sameOrigin }));
      },
    },
  };

  let portalTried = 0;
  let portalHeld = 0;
  afterAll(() => {
    if (portalTried) recordProof({ category: "isolation", subject: "portal downloads, exports and uploads × 5 roles and signed out × own/other organization", tried: portalTried, held: portalHeld });
  });

  for (const route of PORTAL_ROUTES) {
    it(`portal ${route}: other organization answers like a missing id, nothing changes, nothing leaks`, async () => {
      const row = PORTAL_ROWS[route];
      const failures: string[] = [];
      const resources = {} as Record<Org, { id: string; poeId: string; owner: Org; editing: boolean; ownerUser?: string }>;
      for (const org of ["A", "B"] as const) {
        if (row.kind === "claim") {
          const built = await build(org, row.target ?? "SUBMITTED");
          resources[org] = { id: built.claim.id, poeId: built.poeId ?? "", owner: org, editing: false };
        } else if (row.kind === "notification") {
          const owner = org === "A" ? w.partnerA : w.partnerB;
          const note = await env.t.db.notification.create({ data: { userId: owner.id, type: "COMMENT_ADDED", title: "t", body: "b" } });
          resources[org] = { id: note.id, poeId: "", owner: org, editing: false, ownerUser: owner.id };
        } else resources[org] = { id: "", poeId: "", owner: org, editing: false };
      }
      const cells = [...CALLERS, null].flatMap((caller) => (["A", "B"] as const).map((org) => ({ caller, org, hidden: caller === null ? true : !sees(caller, row.kind, resources[org]) })));
      cells.sort((a, b) => Number(b.hidden) - Number(a.hidden));
      for (const { caller, org, hidden } of cells) {
        portalTried++;
        const resource = resources[org];
        signIn(caller);
        const before = await fingerprint();
        const result = await invoke(() => row.run(resource, org));
        const changed = changedTables(before, await fingerprint());
        const problems: string[] = [];
        if (result.status >= 500) problems.push(`answered ${result.status}`);
        if ((result.status >= 400 || hidden) && changed.length && !(route === "/notifications/[id]/open" && !hidden)) problems.push(`changed ${changed.join(", ")}`);
        if (hidden && row.kind) {
          const absent = await invoke(() => row.run({ id: `c${"0".repeat(24)}`, poeId: `c${"1".repeat(24)}` }, org));
          if (normalized(result, resource.id, resource.poeId) + result.location?.split(resource.id).join("<id>") !== normalized(absent, `c${"0".repeat(24)}`, `c${"1".repeat(24)}`) + absent.location?.split(`c${"0".repeat(24)}`).join("<id>")) {
            problems.push(`differs from a missing id: ${result.status} ${result.location ?? ""} vs ${absent.status} ${absent.location ?? ""}`);
          }
          if (result.status >= 200 && result.status < 300) problems.push(`answered ${result.status} to a caller who may not see it`);
        }
        if (caller === null && result.status >= 200 && result.status < 300 && route !== "/settings/import/template.csv") problems.push(`answered ${result.status} without a session`);
        const leaks = caller ? leaksOf(caller, result.text) : [...markers.A, ...markers.B].filter((m) => result.text.includes(m));
        if (leaks.length) problems.push(`leaks ${leaks.join(", ")}`);
        if (problems.length) failures.push(`${caller ?? "signed out"} on ${org}'s: ${problems.join("; ")}`);
        else portalHeld++;
      }
      signIn(null);
      expect(failures).toEqual([]);
    }, 300_000);
  }

  // ───────────────────────────── server actions ─────────────────────────────

  /** Outcome of a server action: what it returned, or the Next control flow / ClaimError it threw. */
  async function actionOutcome(run: () => Promise<unknown>): Promise<string> {
    try {
      return `returned ${JSON.stringify((await run()) ?? null)}`;
    } catch (error) {
      const digest = (error as { digest?: string }).digest;
      if (digest) return `threw ${digest.split(";").slice(0, 3).join(";")}`;
      if (error instanceof ClaimError) return `threw ${error.code} ${error.message}`;
      throw error;
    }
  }

  const form = (values: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(values)) data.set(k, v);
    return data;
  };
  const claimActions = () => import("../../app/(portal)/claims/[id]/actions");
  const reviewerActions = () => import("../../app/(portal)/claims/[id]/reviewer-actions");

  interface ActionRow {
    /** The resource the action is aimed at (null: none, the action acts on the caller's own things or on new ones). */
    kind: "claim" | "notification" | "webhook" | "apiKey" | null;
    target?: Target;
    /** Roles requireUser lets in (others get the not-found page, whatever the id). */
    roles?: Caller[];
    run(id: string, claim?: BuiltClaim): Promise<unknown>;
  }
  const PARTNERS: Caller[] = ["partnerAdminA", "billingA", "partnerAdminB"];
  const V = (claim?: BuiltClaim) => claim?.claim.version ?? 1;

  const ACTION_ROWS: Record<string, ActionRow | { skip: string }> = {
    "app/(portal)/claims/[id]/actions.ts#updateClaimAction": { kind: "claim", target: "EDITING", run: async (id, c) => (await claimActions()).updateClaimAction(id, IDLE, { version: V(c), input: { commentary: "Mine now" } }) },
    "app/(portal)/claims/[id]/actions.ts#submitClaimAction": { kind: "claim", target: "EDITING", run: async (id, c) => (await claimActions()).submitClaimAction(id, V(c), IDLE) },
    "app/(portal)/claims/[id]/actions.ts#resubmitClaimAction": { kind: "claim", target: "PARTNER_ACTION_REQUIRED", run: async (id, c) => (await claimActions()).resubmitClaimAction(id, V(c), IDLE, { text: "Done." }) },
    "app/(portal)/claims/[id]/actions.ts#withdrawClaimAction": { kind: "claim", target: "SUBMITTED", run: async (id, c) => (await claimActions()).withdrawClaimAction(id, V(c), IDLE, { text: "Wrong MPN ID" }) },
    "app/(portal)/claims/[id]/actions.ts#discardClaimAction": { kind: "claim", target: "EDITING", run: async (id, c) => (await claimActions()).discardClaimAction(id, V(c), IDLE) },
    "app/(portal)/claims/[id]/actions.ts#duplicateClaimAction": { kind: "claim", target: "SUBMITTED", run: async (id) => (await claimActions()).duplicateClaimAction(id, IDLE) },
    "app/(portal)/claims/[id]/actions.ts#addCommentAction": { kind: "claim", target: "SUBMITTED", run: async (id) => (await claimActions()).addCommentAction(id, IDLE, { text: "Hello" }) },
    "app/(portal)/claims/[id]/actions.ts#openDisputeAction": { kind: "claim", target: "REJECTED", run: async (id) => (await claimActions()).openDisputeAction(id, IDLE, { text: "It is signed." } as never) },
    "app/(portal)/claims/[id]/reviewer-actions.ts#startReviewAction": { kind: "claim", target: "SUBMITTED", run: async (id, c) => (await reviewerActions()).startReviewAction(id, V(c), IDLE) },
    "app/(portal)/claims/[id]/reviewer-actions.ts#requestInfoAction": {
      kind: "claim",
      target: "UNDER_REVIEW",
      run: async (id, c) => (await reviewerActions()).requestInfoAction(id, V(c), IDLE, { reasonCodes: ["MISSING_ALL_POE"], comment: "Upload it." }),
    },
    "app/(portal)/claims/[id]/reviewer-actions.ts#approveAction": { kind: "claim", target: "UNDER_REVIEW", run: async (id, c) => (await reviewerActions()).approveAction(id, V(c), IDLE, {}) },
    "app/(portal)/claims/[id]/reviewer-actions.ts#rejectAction": { kind: "claim", target: "UNDER_REVIEW", run: async (id, c) => (await reviewerActions()).rejectAction(id, V(c), IDLE, { reason: "INSUFFICIENT_POE", comment: "Unsigned." }) },
    "app/(portal)/claims/[id]/reviewer-actions.ts#resolveDisputeAction": {
      kind: "claim",
      target: "DISPUTED",
      run: async (id, c) => (await reviewerActions()).resolveDisputeAction(id, c?.claim.dispute?.id ?? id, IDLE, { outcome: "UPHOLD", comment: "Stands." }),
    },
    "app/(portal)/claims/[id]/reviewer-actions.ts#takeOverAction": { kind: "claim", target: "UNDER_REVIEW", run: async (id, c) => (await reviewerActions()).takeOverAction(id, V(c), IDLE) },
    "app/(portal)/claims/[id]/reviewer-actions.ts#addNoteAction": { kind: "claim", target: "SUBMITTED", run: async (id) => (await reviewerActions()).addNoteAction(id, IDLE, { body: "Internal." }) },
    "app/(portal)/claims/[id]/reviewer-actions.ts#resendConsentAction": { kind: "claim", target: "APPROVED", run: async (id, c) => (await reviewerActions()).resendConsentAction(id, V(c), IDLE, { email: "new@customer.example" }) },
    "app/(portal)/notifications/actions.ts#markReadAction": { kind: "notification", run: async (id) => (await import("../../app/(portal)/notifications/actions")).markReadAction(form({ id })) },
    "app/(portal)/settings/webhooks/actions.ts#deleteWebhookAction": { kind: "webhook", run: async (id) => (await import("../../app/(portal)/settings/webhooks/actions")).deleteWebhookAction(form({ endpointId: id })) },
    "app/(portal)/settings/webhooks/actions.ts#sendTestWebhookAction": { kind: "webhook", run: async (id) => (await import("../../app/(portal)/settings/webhooks/actions")).sendTestWebhookAction(form({ endpointId: id })) },
    "app/(portal)/settings/api-keys/actions.ts#revokeKeyAction": { kind: "apiKey", run: async (id) => (await import("../../app/(portal)/settings/api-keys/actions")).revokeKeyAction({ status: "idle" }, form({ keyId: id })) },
    // Aimed at no existing resource: a claim for the other organization's MPN ID must be refused.
    "app/(portal)/claims/new/actions.ts#createClaimAction": { kind: null, roles: PARTNERS, run: async (mpnId) => (await import("../../app/(portal)/claims/new/actions")).createClaimAction(IDLE, { input: claimBody(mpnId) }) },
    // Admin tools: every other role gets the not-found page and nothing changes (admins act on every organization by design).
    "app/(portal)/admin/organizations/actions.ts#createOrganizationAction": { kind: null, roles: ["admin"], run: async () => (await import("../../app/(portal)/admin/organizations/actions")).createOrganizationAction({} as never, form({ name: "X", mpnIds: "5999999999" })) },
    "app/(portal)/admin/organizations/actions.ts#updateOrganizationAction": { kind: null, roles: ["admin"], run: async () => (await import("../../app/(portal)/admin/organizations/actions")).updateOrganizationAction({} as never, form({ organizationId: w.orgB.id, name: "Mine" })) },
    "app/(portal)/admin/users/actions.ts#createUserAction": { kind: null, roles: ["admin"], run: async () => (await import("../../app/(portal)/admin/users/actions")).createUserAction({} as never, form({ email: "x@y.example", name: "X", role: "ADMIN", organizationId: "" })) },
    "app/(portal)/admin/users/actions.ts#updateUserAction": { kind: null, roles: ["admin"], run: async () => (await import("../../app/(portal)/admin/users/actions")).updateUserAction({} as never, form({ userId: w.partnerB.id, intent: "deactivate" })) },
    "app/(portal)/admin/settings/actions.ts#saveSlaSettings": { kind: null, roles: ["admin"], run: async () => (await import("../../app/(portal)/admin/settings/actions")).saveSlaSettings({} as never, form({ timeZone: "UTC" })) },
    "app/(portal)/admin/settings/actions.ts#addHolidayAction": { kind: null, roles: ["admin"], run: async () => (await import("../../app/(portal)/admin/settings/actions")).addHolidayAction({} as never, form({ date: "2026-12-24", name: "Eve" })) },
    "app/(portal)/admin/settings/actions.ts#removeHolidayAction": { kind: null, roles: ["admin"], run: async () => (await import("../../app/(portal)/admin/settings/actions")).removeHolidayAction(form({ date: "2026-12-25" })) },
    "app/(portal)/claims/[id]/admin-actions.ts#verifyClaimHistoryAction": {
      kind: "claim",
      target: "SUBMITTED",
      roles: ["admin"],
      run: async (id) => (await import("../../app/(portal)/claims/[id]/admin-actions")).verifyClaimHistoryAction(id),
    },
    "app/(portal)/admin/audit/actions.ts#verifyAuditChainAction": { kind: null, roles: ["admin"], run: async () => (await import("../../app/(portal)/admin/audit/actions")).verifyAuditChainAction() },
    "app/(portal)/admin/outbox/actions.ts#sendAgainAction": { kind: null, roles: ["admin"], run: async () => (await import("../../app/(portal)/admin/outbox/actions")).sendAgainAction(form({ id: missingId() })) },
    // The caller's own things only (their keys, webhooks, notifications, preferences, sessions): checked below.
    "app/(portal)/settings/api-keys/actions.ts#createKeyAction": { skip: "acts on the caller's own keys (see 'actions on one's own things')" },
    "app/(portal)/settings/webhooks/actions.ts#createWebhookAction": { skip: "acts on the caller's organization (see 'actions on one's own things')" },
    "app/(portal)/notifications/actions.ts#markAllReadAction": { skip: "acts on the caller's notifications (see 'actions on one's own things')" },
    "app/(portal)/settings/notifications/actions.ts#savePreferencesAction": { skip: "acts on the caller's preferences (see 'actions on one's own things')" },
    "app/(portal)/settings/sessions/actions.ts#signOutEverywhereAction": {
      skip: "acts on the caller's own sessions and needs the request's cookies: tests/integration/sessions.test.ts proves other users' sessions survive",
    },
    // No organization data: the language cookie; the public consent and password links (the token is the credential).
    "app/actions/locale.ts#setLocale": { skip: "sets the language cookie only; reads and writes no data" },
    "app/consent/[token]/actions.ts#denyConsentAction": { skip: "public: the consent token is the credential (API row POST /consent/{token}/deny)" },
    "app/forgot-password/actions.ts#forgotPasswordAction": { skip: "public: answers the same for every address (tests/integration/sessions.test.ts)" },
    "app/set-password/[token]/actions.ts#setPasswordAction": { skip: "public: the password-link token is the credential" },
  };

  it("has a row for every exported server action (every 'use server' file under app/)", () => {
    expect(serverActions()).toEqual(Object.keys(ACTION_ROWS).sort());
  });

  let actionTried = 0;
  let actionHeld = 0;
  afterAll(() => {
    if (actionTried) recordProof({ category: "isolation", subject: "server actions × 5 roles × own/other organization", tried: actionTried, held: actionHeld });
  });

  for (const [name, row] of Object.entries(ACTION_ROWS)) {
    if ("skip" in row) continue;
    it(`action ${name.split("#")[1]}: another organization's resource answers like a missing one and changes nothing`, async () => {
      const failures: string[] = [];
      const db = env.t.db;
      const resources = {} as Record<Org, { id: string; claim?: BuiltClaim; owner: Org; editing: boolean; ownerUser?: string }>;
      for (const org of ["A", "B"] as const) {
        const owner = org === "A" ? w.partnerA : w.partnerB;
        if (row.kind === "claim") {
          const built = await build(org, row.target ?? "SUBMITTED");
          resources[org] = { id: built.claim.id, claim: built, owner: org, editing: row.target === "EDITING" };
        } else if (row.kind === "notification") {
          const note = await db.notification.create({ data: { userId: owner.id, type: "COMMENT_ADDED", title: "t", body: "b" } });
          resources[org] = { id: note.id, owner: org, editing: false, ownerUser: owner.id };
        } else if (row.kind === "webhook") {
          const endpoint = await createWebhookEndpoint(db, owner.actor, { url: "http://127.0.0.1:9/hook", events: ["claim.status_changed"] }, { env: { WEBHOOKS_ALLOW_INSECURE: "1" } });
          resources[org] = { id: endpoint.id, owner: org, editing: false };
        } else if (row.kind === "apiKey") {
          await keyFor(db, owner.email, `iso-${seq++}`);
          const key = await db.apiKey.findFirstOrThrow({ where: { userId: owner.id }, orderBy: { createdAt: "desc" } });
          resources[org] = { id: key.id, owner: org, editing: false };
        } else {
          resources[org] = { id: (org === "A" ? w.orgA : w.orgB).mpnIds[0], owner: org, editing: false };
        }
      }
      const visible = (caller: Caller, org: Org): boolean => {
        if (row.roles && !row.roles.includes(caller)) return false;
        if (row.kind === null) return orgOf(caller) === null || orgOf(caller) === org;
        if (row.kind === "apiKey") return orgOf(caller) === org || caller === "admin";
        return sees(caller, row.kind === "claim" ? "claim" : row.kind, resources[org]);
      };
      const cells = CALLERS.flatMap((caller) => (["A", "B"] as const).map((org) => ({ caller, org, hidden: !visible(caller, org) })));
      cells.sort((a, b) => Number(b.hidden) - Number(a.hidden));
      for (const { caller, org, hidden } of cells) {
        if (!hidden && row.kind === null) continue; // an admin tool used by an admin, or a partner's own claim: not an isolation case
        actionTried++;
        const resource = resources[org];
        signIn(caller);
        const problems: string[] = [];
        const before = await fingerprint();
        let result: string;
        try {
          result = await actionOutcome(() => row.run(resource.id, resource.claim));
        } catch (error) {
          result = "";
          problems.push(`threw ${(error as Error).message}`);
        }
        const changed = changedTables(before, await fingerprint());
        if (hidden) {
          if (changed.length) problems.push(`changed ${changed.join(", ")}`);
          if (/"status":"(ok|created)"/.test(result)) problems.push(`succeeded: ${result}`);
          if (row.kind !== null) {
            const absentId = row.kind === "claim" ? missingId() : missingId();
            const absent = await actionOutcome(() => row.run(absentId, resource.claim && { ...resource.claim, claim: { ...resource.claim.claim, dispute: null } }));
            const a = result.split(resource.id).join("<id>");
            const b = absent.split(absentId).join("<id>");
            if (a !== b) problems.push(`differs from a missing id: ${a.slice(0, 200)} vs ${b.slice(0, 200)}`);
          }
        }
        const leaks = leaksOf(caller, result);
        if (leaks.length) problems.push(`leaks ${leaks.join(", ")}`);
        if (problems.length) failures.push(`${caller} on ${org}'s: ${problems.join("; ")}`);
        else actionHeld++;
      }
      signIn(null);
      expect(failures).toEqual([]);
    }, 300_000);
  }

  it("actions on one's own things never touch another user's or organization's rows", async () => {
    const db = env.t.db;
    await db.notification.create({ data: { userId: w.partnerB.id, type: "COMMENT_ADDED", title: "t", body: "b" } });
    const foreign = async () =>
      JSON.stringify(
        await Promise.all([
          db.user.findMany({ where: { organizationId: w.orgB.id }, orderBy: { id: "asc" } }),
          db.notification.findMany({ where: { userId: w.partnerB.id }, orderBy: { id: "asc" } }),
          db.apiKey.findMany({ where: { userId: w.partnerB.id }, orderBy: { id: "asc" }, select: { id: true, revokedAt: true, name: true } }),
          db.webhookEndpoint.findMany({ where: { organizationId: w.orgB.id }, orderBy: { id: "asc" } }),
          db.claim.findMany({ where: { organizationId: w.orgB.id }, orderBy: { id: "asc" }, select: { id: true, version: true } }),
        ]),
      );
    const webhooks = () => import("../../app/(portal)/settings/webhooks/actions");
    const runs: [string, () => Promise<unknown>][] = [
      ["createKeyAction", async () => (await import("../../app/(portal)/settings/api-keys/actions")).createKeyAction({ status: "idle" } as never, form({ name: `own ${seq++}` }))],
      ["createWebhookAction", async () => (await webhooks()).createWebhookAction({ status: "idle" } as never, form({ url: "https://hooks.example/own", events: "claim.status_changed" }))],
      ["markAllReadAction", async () => (await import("../../app/(portal)/notifications/actions")).markAllReadAction()],
      ["savePreferencesAction", async () => (await import("../../app/(portal)/settings/notifications/actions")).savePreferencesAction(form({}))],
    ];
    let tried = 0;
    let held = 0;
    const failures: string[] = [];
    for (const caller of ["partnerAdminA", "billingA", "reviewer", "admin"] as const) {
      for (const [name, run] of runs) {
        tried++;
        signIn(caller);
        const before = await foreign();
        try {
          await actionOutcome(run);
        } catch (error) {
          failures.push(`${caller} ${name} threw ${(error as Error).message}`);
          continue;
        }
        if ((await foreign()) !== before) failures.push(`${caller} ${name} changed organization B's rows`);
        else held++;
      }
    }
    signIn(null);
    recordProof({ category: "isolation", subject: "server actions on one's own things × 4 roles: another organization's rows untouched", tried, held });
    expect(failures).toEqual([]);
  });
});
