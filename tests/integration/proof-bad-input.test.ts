// Proof suite, "bad input": fast-check throws hostile input at every operation of the OpenAPI document,
// in-process through the real route handlers — wrong types, nulls, huge and unicode strings, extra fields,
// prototype keys, malformed JSON, hostile path parameters, query strings and headers. Each case must answer
// below 500, refusals as problem+json with a code, and a refused request must leave every table exactly as it
// was (lib/../proof-helpers.ts fingerprints row counts and row contents, so a claim's version is covered).
// The operation list comes from lib/openapi, so a new endpoint is fuzzed without touching this file.
import fc from "fast-check";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimIn, createWorld, type World } from "../fixtures/claims";
import { IMPORT_COLUMNS } from "../../lib/claims/import/import-format";
import { OPERATIONS, type OperationSpec } from "../../lib/openapi/operations";
import { createWebhookEndpoint } from "../../lib/webhooks/endpoints";
import { recordProof } from "../proof/report";
import { call, claimBody, keyFor, pdfBytes, startApiTestEnv, stopApiTestEnv, upload, type ApiTestEnv } from "./api-helpers";
import { changedTables, dbFingerprint } from "./proof-helpers";
import { pgAvailable } from "./test-db";

/** ≥ 10,000 cases in all, spread evenly over the operations (about 2 minutes on 2 cores). */
const TOTAL_RUNS = 10_200;
const RUNS = Math.ceil(TOTAL_RUNS / OPERATIONS.length);

// ───────────────────────────── hostile values ─────────────────────────────

const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "\uFEFF\u202E",
  "\uD800",
  "😀".repeat(20_000),
  "x".repeat(300_000),
  "é".repeat(5_000),
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "<script>alert(1)</script>",
  "=HYPERLINK(\"http://x\")",
  "'; DROP TABLE \"Claim\"; --",
  "NaN",
  "-1",
  "1e309",
  "9".repeat(40),
  "0x10",
  "true",
  "null",
  "__proto__",
  "2026-02-30T25:61:00Z",
  "%00%2e%2e%2f",
];

/** Lone surrogates cannot be percent-encoded into a URL at all (a client could not send them). */
function encodable(s: string): boolean {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
}

const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(...NASTY_STRINGS),
);

const hostileScalar = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER + 2, 1e308, -0),
  fc.boolean(),
  fc.constant(null),
);

function hostileValue(keys: readonly string[]): fc.Arbitrary<unknown> {
  const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...PROTOTYPE_KEYS), ...(keys.length ? [fc.constantFrom(...keys)] : []));
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true }, hostileScalar, fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(key, tie("value"), { maxKeys: 4 })),
  }));
  return value;
}

/** The field names of a zod object schema (and of its nested objects), to aim hostile values at real fields. */
function fieldNames(schema: z.ZodType | undefined, depth = 0): string[] {
  if (!schema || depth > 2) return [];
  const def = (schema as { def?: { type?: string; innerType?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType> } }).def;
  if (!def) return [];
  if (def.type === "object" && def.shape) {
    return Object.entries(def.shape).flatMap(([name, inner]) => [name, ...fieldNames(inner, depth + 1)]);
  }
  if (def.innerType) return fieldNames(def.innerType, depth);
  if (def.element) return fieldNames(def.element, depth + 1);
  return [];
}

/** A JSON text the raw way, for keys JSON.stringify would not write (a literal "__proto__" member). */
const RAW_BODIES = [
  '{"__proto__": {"role": "ADMIN", "organizationId": null}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  '{"a": 1,}',
  "{",
  "[]",
  "null",
  "0",
  '"text"',
  "\u0000",
  `{"x": "${"y".repeat(1_100_000)}"}`, // over the 1 MiB JSON limit
  "[".repeat(5_000),
  '{"commentary": "\\ud800"}',
];

/** Bodies: hostile values aimed at the schema's fields, valid bodies with one field spoiled, raw texts. */
function jsonBody(op: OperationSpec, valid: Record<string, unknown> | undefined): fc.Arbitrary<string> {
  const schema = op.body?.kind === "json" ? op.body.schema : undefined;
  const names = fieldNames(schema);
  const value = hostileValue(names);
  const shaped = fc
    .tuple(fc.subarray(names), fc.array(value, { minLength: names.length, maxLength: names.length }), fc.dictionary(fc.constantFrom(...PROTOTYPE_KEYS, "extra"), value, { maxKeys: 2 }))
    .map(([chosen, values, extra]) => JSON.stringify({ ...Object.fromEntries(chosen.map((name, i) => [name, values[i]])), ...extra }));
  const arbitraries: fc.Arbitrary<string>[] = [value.map((v) => JSON.stringify(v) ?? "null"), shaped, fc.constantFrom(...RAW_BODIES)];
  if (valid) {
    const keys = Object.keys(valid);
    arbitraries.push(
      fc.tuple(fc.constantFrom(...keys), value, fc.boolean()).map(([spoilt, bad, extra]) =>
        JSON.stringify({ ...valid, [spoilt]: bad, ...(extra ? { unexpected: bad } : {}) }),
      ),
    );
  }
  return fc.oneof(...arbitraries);
}

function queryString(op: OperationSpec): fc.Arbitrary<string> {
  const names = op.query ? Object.keys(op.query.shape) : [];
  const name = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...PROTOTYPE_KEYS), ...(names.length ? [fc.constantFrom(...names)] : []));
  return fc.array(fc.tuple(name, hostileString.filter((s) => s.length < 5_000)), { maxLength: 5 }).map((pairs) => {
    const params = new URLSearchParams();
    for (const [n, v] of pairs) params.append(n, v);
    const text = params.toString();
    return text ? `?${text}` : "";
  });
}

// ───────────────────────────── the test ─────────────────────────────

const CALLERS = ["partnerAdmin", "reviewer", "admin"] as const;

describe.skipIf(!pgAvailable)("proof · bad input: hostile input to every API operation (PostgreSQL)", () => {
  let env: ApiTestEnv;
  let w: World;
  const keys = {} as Record<(typeof CALLERS)[number], string>;
  /** Real ids per path parameter kind, so hostile bodies reach the validation behind the 404 check. */
  const ids: Record<string, string[]> = {};
  const VALID: Record<string, () => Record<string, unknown>> = {};
  let tried = 0;
  let held = 0;

  beforeAll(async () => {
    env = await startApiTestEnv();
    const db = env.t.db;
    process.env.API_RATE_LIMIT_PER_MINUTE = "0"; // thousands of requests per minute from one key
    process.env.WEBHOOKS_ALLOW_INSECURE = "1";
    w = await createWorld(db);
    keys.partnerAdmin = await keyFor(db, w.partnerA.email);
    keys.reviewer = await keyFor(db, w.reviewer.email);
    keys.admin = await keyFor(db, w.admin.email);
    const targets = ["EDITING", "SUBMITTED", "UNDER_REVIEW", "PARTNER_ACTION_REQUIRED", "APPROVED", "REJECTED", "DISPUTED"] as const;
    const claims = [];
    for (const target of targets) claims.push(await claimIn(db, w, target, { start: new Date(Date.now() - 3 * 86_400_000) }));
    const other = await claimIn(db, w, "SUBMITTED", { org: "B" });
    const withFile = claims[1];
    const uploaded = await upload(withFile.claim.id, keys.partnerAdmin, "proof.pdf", pdfBytes());
    expect(uploaded.status, uploaded.text).toBe(201);
    const webhook = await createWebhookEndpoint(db, w.partnerA.actor, { url: "http://127.0.0.1:9/hook", events: ["claim.status_changed"] }, { env: { WEBHOOKS_ALLOW_INSECURE: "1" } });
    const note = await db.notification.create({ data: { userId: w.partnerA.id, type: "COMMENT_ADDED", title: "t", body: "b" } });
    ids.claim = [...claims.map((c) => c.claim.id), other.claim.id];
    ids.poe = [uploaded.body.id ?? (await db.poeFile.findFirstOrThrow({ where: { claimId: withFile.claim.id } })).id];
    ids.dispute = [claims[6].claim.dispute!.id];
    ids.token = [claims[4].consentToken!];
    ids.user = [w.billingA.id, w.partnerB.id];
    ids.organization = [w.orgA.id, w.orgB.id];
    ids.webhook = [webhook.id];
    ids.notification = [note.id];
    VALID["POST /claims"] = () => claimBody(w.orgA.mpnIds[0]);
    VALID["PATCH /claims/{id}"] = () => ({ commentary: "Edited." });
    VALID["POST /users"] = () => ({ email: "fuzz@partner.example", name: "Fuzz", role: "PARTNER_BILLING", organizationId: w.orgA.id });
    VALID["PATCH /users/{id}"] = () => ({ name: "Renamed" });
    VALID["POST /organizations"] = () => ({ name: "Fuzz partner", mpnIds: ["5123456789"] });
    VALID["PATCH /organizations/{id}"] = () => ({ name: "Renamed org" });
    VALID["POST /webhooks"] = () => ({ url: "https://hooks.example/x", events: ["claim.status_changed"] });
    VALID["POST /claims/{id}/comments"] = () => ({ body: "A question." });
    VALID["POST /claims/{id}/notes"] = () => ({ body: "A note." });
    VALID["POST /claims/{id}/disputes"] = () => ({ details: "It is signed." });
    VALID["POST /disputes/{id}/resolve"] = () => ({ outcome: "UPHOLD", comment: "Stands." });
    VALID["POST /claims/{id}/actions/request-info"] = () => ({ reasonCodes: ["MISSING_ALL_POE"], comment: "Upload it." });
    VALID["POST /claims/{id}/actions/reject"] = () => ({ reason: "INSUFFICIENT_POE", comment: "Unsigned." });
  });
  afterAll(async () => {
    delete process.env.API_RATE_LIMIT_PER_MINUTE;
    delete process.env.WEBHOOKS_ALLOW_INSECURE;
    if (tried > 0) {
      recordProof({ category: "bad-input", subject: `hostile bodies, queries, path parameters and headers × ${OPERATIONS.length} API operations (route handlers in-process)`, tried, held });
    }
    await stopApiTestEnv(env);
  });

  function paramKind(path: string, name: string): string {
    if (name === "poeId") return "poe";
    if (name === "token") return "token";
    return ({ claims: "claim", disputes: "dispute", users: "user", organizations: "organization", webhooks: "webhook", notifications: "notification" } as Record<string, string>)[path.split("/")[1]] ?? "claim";
  }

  function pathOf(op: OperationSpec): fc.Arbitrary<string> {
    const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const values = names.map((name) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids[paramKind(op.path, name)]) }, { weight: 1, arbitrary: hostileString.filter((s) => s.length > 0 && s.length < 2_000 && encodable(s)) }));
    return fc.tuple(...values).map((chosen) => names.reduce((path, name, i) => path.replace(`{${name}}`, encodeURIComponent(chosen[i])), op.path));
  }

  function bodyOf(op: OperationSpec): fc.Arbitrary<{ body?: BodyInit; headers: Record<string, string> }> {
    const name = `${op.method.toUpperCase()} ${op.path}`;
    const headerValue = hostileString.filter((s) => /^[\t\x20-\x7e\x80-\xff]*$/.test(s) && s.length < 2_000);
    if (op.body?.kind === "binary") {
      return fc.tuple(fc.uint8Array({ maxLength: 2_048 }), fc.oneof(headerValue, fc.constant(encodeURIComponent("proof.pdf"))), fc.constantFrom("application/octet-stream", "application/pdf", "text/html", "")).map(([bytes, fileName, type]) => ({
        body: new Uint8Array(bytes),
        headers: { "X-File-Name": fileName, ...(type ? { "Content-Type": type } : {}) },
      }));
    }
    if (op.body?.kind === "csv") {
      const cell = hostileString.filter((s) => s.length < 3_000);
      const csv = fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.array(fc.array(cell, { minLength: IMPORT_COLUMNS.length, maxLength: IMPORT_COLUMNS.length }), { maxLength: 3 }).map((rows) =>
          [IMPORT_COLUMNS.join(","), ...rows.map((row) => row.map((c) => `"${c.replace(/"/g, '""')}"`).join(","))].join("\n"),
        ),
      );
      return fc.tuple(csv, fc.constantFrom("text/csv", "application/json", "")).map(([text, type]): { body?: BodyInit; headers: Record<string, string> } => ({ body: text, headers: type ? { "Content-Type": type } : {} }));
    }
    const headers = fc.record({ "If-Match": headerValue, "Content-Type": fc.constantFrom("application/json", "text/plain", "application/json; charset=latin1") }, { requiredKeys: [] });
    if (op.body?.kind === "json") {
      return fc.tuple(jsonBody(op, VALID[name]?.()), headers).map(([body, h]) => ({ body, headers: h }));
    }
    // No documented body: send one anyway now and then (fetch refuses a body on GET).
    if (op.method === "get") return headers.map((h) => ({ headers: h }));
    return fc.tuple(fc.option(jsonBody(op, undefined), { freq: 3 }), headers).map(([body, h]) => ({ body: body ?? undefined, headers: h }));
  }

  it("covers every operation of the OpenAPI document", () => {
    expect(OPERATIONS.length).toBeGreaterThan(40);
    expect(RUNS * OPERATIONS.length).toBeGreaterThanOrEqual(10_000);
  });

  for (const op of OPERATIONS) {
    const name = `${op.method.toUpperCase()} ${op.path}`;
    it(`${name}: never a 500, refusals are problem+json, a refusal writes nothing`, async () => {
      let before = await dbFingerprint(env.t.db);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...CALLERS), fc.constant(null).chain(() => pathOf(op)), fc.constant(null).chain(() => queryString(op)), fc.constant(null).chain(() => bodyOf(op)), async (caller, path, query, request) => {
          tried++;
          const result = await call(op.method.toUpperCase(), `${path}${query}`, { key: keys[caller], body: request.body, headers: request.headers });
          const after = await dbFingerprint(env.t.db);
          const changed = changedTables(before, after);
          before = after;
          expect(result.status, `${caller} ${name} ${path}${query.slice(0, 200)}: ${result.text.slice(0, 300)}`).toBeLessThan(500);
          if (result.status >= 400) {
            expect(result.headers.get("content-type"), result.text.slice(0, 200)).toMatch(/^application\/problem\+json/);
            expect(typeof result.body.code).toBe("string");
            expect(changed, `${caller} ${name} was refused (${result.status} ${result.body.code}) but changed tables`).toEqual([]);
          }
          held++;
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      // Generous: a timed-out property would keep calling in the background and spoil the next one's snapshots.
    }, 300_000);
  }
});
