// Calls the real /api/v1 route handlers with `new Request(...)`, routed by URL the way Next routes them
// (static segments before dynamic ones, the catch-all last), against a test database. Not a test file.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { createApiKeyForEmail } from "../../lib/claims/api-keys";
import { problemSchema, type ProblemCode } from "../../lib/claims/schemas";
import { closeDb } from "../../lib/db";
import { createTestDatabase, type TestDatabase } from "./test-db";

type Handler = (request: Request, context: { params: Promise<Record<string, unknown>> }) => Promise<Response>;
type RouteModule = Record<string, unknown>;

const ROUTES: { pattern: string; load: () => Promise<RouteModule> }[] = [
  { pattern: "/openapi.json", load: () => import("../../app/api/v1/openapi.json/route") },
  { pattern: "/me", load: () => import("../../app/api/v1/me/route") },
  { pattern: "/claims", load: () => import("../../app/api/v1/claims/route") },
  { pattern: "/claims/export.csv", load: () => import("../../app/api/v1/claims/export.csv/route") },
  { pattern: "/claims/[id]", load: () => import("../../app/api/v1/claims/[id]/route") },
  { pattern: "/claims/[id]/poe", load: () => import("../../app/api/v1/claims/[id]/poe/route") },
  { pattern: "/claims/[id]/poe/[poeId]", load: () => import("../../app/api/v1/claims/[id]/poe/[poeId]/route") },
  {
    pattern: "/claims/[id]/actions/[action]",
    load: () => import("../../app/api/v1/claims/[id]/actions/[action]/route"),
  },
  { pattern: "/claims/[id]/comments", load: () => import("../../app/api/v1/claims/[id]/comments/route") },
  { pattern: "/claims/[id]/notes", load: () => import("../../app/api/v1/claims/[id]/notes/route") },
  { pattern: "/claims/[id]/history", load: () => import("../../app/api/v1/claims/[id]/history/route") },
  { pattern: "/claims/[id]/conflicts", load: () => import("../../app/api/v1/claims/[id]/conflicts/route") },
  { pattern: "/claims/[id]/disputes", load: () => import("../../app/api/v1/claims/[id]/disputes/route") },
  { pattern: "/claims/[id]/duplicate", load: () => import("../../app/api/v1/claims/[id]/duplicate/route") },
  { pattern: "/claims/import", load: () => import("../../app/api/v1/claims/import/route") },
  { pattern: "/claims/import/template.csv", load: () => import("../../app/api/v1/claims/import/template.csv/route") },
  { pattern: "/disputes", load: () => import("../../app/api/v1/disputes/route") },
  { pattern: "/disputes/[id]/resolve", load: () => import("../../app/api/v1/disputes/[id]/resolve/route") },
  { pattern: "/users", load: () => import("../../app/api/v1/users/route") },
  { pattern: "/audit-events", load: () => import("../../app/api/v1/audit-events/route") },
  { pattern: "/metrics", load: () => import("../../app/api/v1/metrics/route") },
  { pattern: "/audit-events/export.csv", load: () => import("../../app/api/v1/audit-events/export.csv/route") },
  { pattern: "/organizations", load: () => import("../../app/api/v1/organizations/route") },
  { pattern: "/organizations/[id]", load: () => import("../../app/api/v1/organizations/[id]/route") },
  { pattern: "/users/[id]", load: () => import("../../app/api/v1/users/[id]/route") },
  { pattern: "/webhooks", load: () => import("../../app/api/v1/webhooks/route") },
  { pattern: "/webhooks/[id]", load: () => import("../../app/api/v1/webhooks/[id]/route") },
  { pattern: "/webhooks/[id]/deliveries", load: () => import("../../app/api/v1/webhooks/[id]/deliveries/route") },
  { pattern: "/webhooks/[id]/test", load: () => import("../../app/api/v1/webhooks/[id]/test/route") },
  { pattern: "/consent/[token]/deny", load: () => import("../../app/api/v1/consent/[token]/deny/route") },
  { pattern: "/notifications", load: () => import("../../app/api/v1/notifications/route") },
  { pattern: "/notifications/read-all", load: () => import("../../app/api/v1/notifications/read-all/route") },
  { pattern: "/notifications/[id]/read", load: () => import("../../app/api/v1/notifications/[id]/read/route") },
];
const CATCH_ALL = (): Promise<RouteModule> => import("../../app/api/v1/[[...path]]/route");

function match(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const got = pathname.split("/").filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const dynamic = /^\[(\w+)\]$/.exec(want[i]);
    if (dynamic) params[dynamic[1]] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

async function route(method: string, pathname: string): Promise<{ handler: Handler | undefined; params: Record<string, unknown> }> {
  // Static segments win over dynamic ones, as in Next: try patterns with fewer dynamic segments first.
  const candidates = ROUTES.map((r) => ({ ...r, params: match(r.pattern, pathname) }))
    .filter((r) => r.params !== null)
    .sort((a, b) => (a.pattern.match(/\[/g)?.length ?? 0) - (b.pattern.match(/\[/g)?.length ?? 0));
  if (candidates.length) return { handler: (await candidates[0].load())[method] as Handler | undefined, params: candidates[0].params! };
  return { handler: (await CATCH_ALL())[method] as Handler | undefined, params: { path: pathname.split("/").filter(Boolean) } };
}

export interface CallOptions {
  key?: string | null;
  json?: unknown;
  body?: BodyInit | ReadableStream<Uint8Array> | null;
  headers?: Record<string, string>;
}

export interface ApiResult {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer is JSON, else the text. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
  bytes: Buffer;
}

/** Problem codes seen by every call of this test file (to prove each code of the contract was exercised). */
export const seenProblemCodes = new Set<ProblemCode>();

export const BASE_URL = "http://portal.test/api/v1";

/** One request to the API, e.g. `call("GET", "/claims?status=SUBMITTED", { key })`. */
export async function call(method: string, pathAndQuery: string, options: CallOptions = {}): Promise<ApiResult> {
  const url = new URL(`${BASE_URL}${pathAndQuery}`);
  const headers = new Headers(options.headers);
  if (options.key) headers.set("Authorization", `Bearer ${options.key}`);
  let body: BodyInit | ReadableStream<Uint8Array> | null | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers.set("Content-Type", "application/json");
  }
  const request = new Request(url, {
    method,
    headers,
    body: body ?? undefined,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const { handler, params } = await route(method, url.pathname.slice("/api/v1".length));
  if (!handler) throw new Error(`No ${method} handler for ${url.pathname}`);
  const response = await handler(request, { params: Promise.resolve(params) });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString("utf8");
  const type = response.headers.get("content-type") ?? "";
  const parsed = /json/.test(type) && text ? JSON.parse(text) : text;
  if (type.startsWith("application/problem+json")) {
    const problem = problemSchema.parse(parsed);
    expect(problem.status).toBe(response.status);
    seenProblemCodes.add(problem.code);
  }
  return { status: response.status, headers: response.headers, body: parsed, text, bytes };
}

/** Asserts a problem+json answer with this status and code; returns its body. */
export function expectProblem(result: ApiResult, status: number, code: ProblemCode) {
  expect(result.headers.get("content-type"), result.text).toMatch(/^application\/problem\+json/);
  expect({ status: result.status, code: result.body.code }, result.text).toEqual({ status, code });
  return result.body as { type: string; title: string; status: number; code: ProblemCode; detail: string; errors?: { path: string; message: string }[] };
}

export interface ApiTestEnv {
  t: TestDatabase;
  storageDir: string;
}

/**
 * A fresh database for this file, with the handlers pointed at it (DATABASE_URL is read by getDb() on first
 * use) and PoE storage in a temporary folder.
 */
export async function startApiTestEnv(): Promise<ApiTestEnv> {
  await closeDb();
  const t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  const storageDir = await fs.mkdtemp(path.join(os.tmpdir(), "cpor-api-test-"));
  process.env.STORAGE_DIR = storageDir;
  return { t, storageDir };
}

export async function stopApiTestEnv(env: ApiTestEnv | undefined): Promise<void> {
  await closeDb();
  if (!env) return;
  await env.t.drop();
  await fs.rm(env.storageDir, { recursive: true, force: true });
}

export async function keyFor(db: TestDatabase["db"], email: string, name = "test key"): Promise<string> {
  return (await createApiKeyForEmail(db, email, name)).secret;
}

/** A small but real PDF (file-type recognises it by its `%PDF-` signature). */
export function pdfBytes(text = "proof of execution"): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, "latin1");
}

/** The first bytes of a PNG file. */
export function pngBytes(): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    Buffer.alloc(64, 1),
  ]);
}

export function upload(claimId: string, key: string, fileName: string, bytes: Buffer, headers: Record<string, string> = {}) {
  return call("POST", `/claims/${claimId}/poe`, {
    key,
    body: new Uint8Array(bytes),
    headers: { "X-File-Name": encodeURIComponent(fileName), "Content-Type": "application/octet-stream", ...headers },
  });
}

/** A valid POST /claims body for an MPN ID, with a random customer. */
export function claimBody(mpnId: string, overrides: Record<string, unknown> = {}) {
  const suffix = Math.random().toString(36).slice(2, 8);
  return {
    mpnId,
    program: "OSU",
    activity: "PRE_SALES",
    solutionArea: "MODERN_WORK",
    customer: { tenantId: crypto.randomUUID(), domain: `customer-${suffix}.example`, name: `Customer ${suffix}` },
    products: [{ kind: "WORKLOAD", name: "TEAMS" }],
    customerContact: { name: "Chris Customer", title: "CIO", email: "chris@customer.example" },
    partnerContact: { name: "Pat Partner", title: "Account manager", email: "pat@partner.example" },
    commentary: "Deployed Teams.",
    ...overrides,
  };
}
