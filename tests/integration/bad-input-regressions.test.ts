// Regressions found by the proof suite's bad-input fuzzing (tests/integration/proof-bad-input.test.ts), through
// the real route handlers: U+0000 in a path, a query or a JSON body, and a rejection reason that is an object,
// each used to end in a 500 (PostgreSQL refuses U+0000 in text; String() of such an object throws); so did a lone
// surrogate in a comment, refused by the history event's JSON payload.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimIn, createWorld, type BuiltClaim, type World } from "../fixtures/claims";
import { call, expectProblem, keyFor, startApiTestEnv, stopApiTestEnv, type ApiTestEnv } from "./api-helpers";
import { dbFingerprint } from "./proof-helpers";
import { pgAvailable } from "./test-db";

describe.skipIf(!pgAvailable)("bad input that used to answer 500 (PostgreSQL)", () => {
  let env: ApiTestEnv;
  let w: World;
  let partner: string;
  let reviewer: string;
  let underReview: BuiltClaim;

  beforeAll(async () => {
    env = await startApiTestEnv();
    w = await createWorld(env.t.db);
    partner = await keyFor(env.t.db, w.partnerA.email);
    reviewer = await keyFor(env.t.db, w.reviewer.email);
    underReview = await claimIn(env.t.db, w, "UNDER_REVIEW");
  });
  afterAll(() => stopApiTestEnv(env));

  it("an id holding %00 answers exactly like any missing id", async () => {
    const missing = await call("GET", "/claims/does-not-exist", { key: partner });
    for (const path of ["/claims/%00", "/claims/a%00b/comments", "/claims/%00/actions/submit", "/disputes/%00/resolve", "/webhooks/%00"]) {
      const method = path.endsWith("comments") || path === "/webhooks/%00" ? "GET" : "POST";
      const result = await call(method === "GET" && path === "/webhooks/%00" ? "DELETE" : method, path, { key: partner, json: method === "POST" ? {} : undefined });
      expect(result.status, `${path}: ${result.text}`).toBeLessThan(500);
    }
    const nul = await call("GET", "/claims/%00", { key: partner });
    expect({ status: nul.status, body: nul.body }).toEqual({ status: missing.status, body: missing.body });
  });

  it("a JSON body with U+0000 in any string is a 422, and writes nothing", async () => {
    const before = await dbFingerprint(env.t.db);
    const result = await call("POST", `/claims/${underReview.claim.id}/comments`, { key: partner, json: { body: "hello\u0000world" } });
    expect(expectProblem(result, 422, "VALIDATION").detail).toMatch(/NUL/);
    expect(await dbFingerprint(env.t.db)).toEqual(before);
  });

  it("a JSON body with an unpaired surrogate (\\ud800) is a 422, and writes nothing: the history's JSON payload cannot hold it", async () => {
    const before = await dbFingerprint(env.t.db);
    for (const key of [partner, reviewer]) {
      const result = await call("POST", `/claims/${underReview.claim.id}/comments`, { key, body: '{"body":"\\ud800"}', headers: { "Content-Type": "application/json" } });
      expect(expectProblem(result, 422, "VALIDATION").detail).toMatch(/unpaired surrogate/);
    }
    expect(await dbFingerprint(env.t.db)).toEqual(before);
  });

  it("a query parameter with %00 is a 422", async () => {
    expectProblem(await call("GET", "/claims?q=%00", { key: partner }), 422, "VALIDATION");
    expectProblem(await call("GET", "/claims/export.csv?q=a%00", { key: partner }), 422, "VALIDATION");
  });

  it("a rejection reason that is an object whose toString is not a function is a 422, and the claim is unchanged", async () => {
    const before = await dbFingerprint(env.t.db);
    const result = await call("POST", `/claims/${underReview.claim.id}/actions/reject`, { key: reviewer, json: { reason: { toString: null }, comment: "x" } });
    expectProblem(result, 422, "VALIDATION");
    expect(await dbFingerprint(env.t.db)).toEqual(before);
  });
});
