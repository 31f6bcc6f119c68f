// Webhooks against real PostgreSQL and a real receiver (node:http on 127.0.0.1): signed deliveries verified with the
// API guide's logic, retries on the outbox schedule, the 72-hour disable, SSRF refusals, and who may manage endpoints.
import { createHmac, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DAY, HOUR, MINUTE, MONDAY, at, claimIn, createWorld, expectClaimError, type World } from "../fixtures/claims";
import { createApiKeyForEmail } from "../../lib/claims/api-keys";
import { addComment } from "../../lib/claims/service";
import { runSweep } from "../../lib/claims/sweep";
import { deliverWebhooks } from "../../lib/webhooks/deliver";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  sendWebhookTestEvent,
} from "../../lib/webhooks/endpoints";
import { isBlockedAddress, type LookupAll } from "../../lib/webhooks/safe-target";
import { postWebhook } from "../../lib/webhooks/send";
import { verifyWebhookSignature } from "../../lib/webhooks/signature";
import { call, expectProblem, startApiTestEnv, stopApiTestEnv, type ApiTestEnv } from "./api-helpers";
import { pgAvailable } from "./test-db";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret";

type Verify = (secret: string, rawBody: string, header: string, nowSeconds?: number) => boolean;

/** The verification snippet of docs/api.md "Webhooks", run exactly as an integrator would copy it. */
function snippetFromGuide(): Verify {
  const guide = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/api.md"), "utf8");
  const block = /<!-- webhook-verify:start -->\s*```js\n([\s\S]*?)```\s*<!-- webhook-verify:end -->/.exec(guide);
  if (!block) throw new Error("docs/api.md lost its webhook verification snippet");
  const code = block[1].replace(/^import .*$/m, "");
  return new Function("createHmac", "timingSafeEqual", `${code}\nreturn verifyCporSignature;`)(createHmac, timingSafeEqual) as Verify;
}

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };

/** A fake resolver: these names resolve without DNS (the machine is offline). */
const fakeLookup: LookupAll = async (hostname) => {
  const table: Record<string, string> = { "loopback.test": "127.0.0.1", "metadata.test": "169.254.169.254", "public.test": "93.184.216.34" };
  if (!table[hostname]) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  return [{ address: table[hostname], family: 4 }];
};

describe.skipIf(!pgAvailable)("Webhooks (PostgreSQL)", () => {
  let env: ApiTestEnv;
  let w: World;
  let server: http.Server;
  let base: string;
  let received: Received[] = [];
  /** Status codes the receiver answers with, in order; 200 once they run out. */
  let answers: number[] = [];
  let adminKey: string;
  const insecure = { env: { WEBHOOKS_ALLOW_INSECURE: "1" } };

  beforeAll(async () => {
    env = await startApiTestEnv();
    w = await createWorld(env.t.db);
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push({ path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
        response.statusCode = answers.shift() ?? 200;
        response.end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    adminKey = (await createApiKeyForEmail(env.t.db, w.partnerA.email, "webhooks")).secret;
  });
  afterEach(async () => {
    delete process.env.WEBHOOKS_ALLOW_INSECURE;
    received = [];
    answers = [];
    await env.t.db.webhookEndpoint.deleteMany({});
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await stopApiTestEnv(env);
  });

  it("a status change is delivered signed; the receiver verifies it with the guide's logic; create sends nothing", async () => {
    process.env.WEBHOOKS_ALLOW_INSECURE = "1";
    const created = await call("POST", "/webhooks", { key: adminKey, json: { url: `${base}/crm`, events: ["claim.status_changed"] } });
    expect(created.status, created.text).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const secret: string = created.body.secret;
    // Shown once: neither the list nor the stored row holds it in clear.
    const listed = await call("GET", "/webhooks", { key: adminKey });
    expect(listed.body.items).toEqual([{ id: created.body.id, url: `${base}/crm`, events: ["claim.status_changed"], createdAt: expect.any(String), disabledAt: null }]);
    const row = await env.t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(Buffer.from(row.secretSealed).toString("latin1")).not.toContain(secret);

    const draft = await claimIn(env.t.db, w, "EDITING");
    expect(await env.t.db.webhookDelivery.count()).toBe(0);
    const { claim } = await claimIn(env.t.db, w, "SUBMITTED");
    await claimIn(env.t.db, w, "SUBMITTED", { org: "B" }); // another organization's claim: not ours to hear about
    expect(await deliverWebhooks(env.t.db, at(MONDAY, 3 * MINUTE))).toBe(1);
    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(delivery.path).toBe("/crm");
    const header = delivery.headers["cpor-signature"] as string;
    const guide = snippetFromGuide();
    expect(guide(secret, delivery.body, header)).toBe(true);
    expect(guide("whsec_wrong", delivery.body, header)).toBe(false);
    expect(guide(secret, `${delivery.body} `, header)).toBe(false);
    expect(guide(secret, delivery.body, header, Math.floor(Date.now() / 1000) + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, delivery.body, header)).toBe(true);
    expect(verifyWebhookSignature("whsec_wrong", delivery.body, delivery.headers["cpor-signature"] as string)).toBe(false);
    expect(verifyWebhookSignature(secret, delivery.body.replace("SUBMITTED", "APPROVED"), delivery.headers["cpor-signature"] as string)).toBe(false);
    // Outside the 5-minute window the same signature is refused (replay).
    const t = Number(/t=(\d+)/.exec(delivery.headers["cpor-signature"] as string)![1]);
    expect(verifyWebhookSignature(secret, delivery.body, delivery.headers["cpor-signature"] as string, t + 301)).toBe(false);
    const body = JSON.parse(delivery.body);
    expect(body).toMatchObject({
      id: expect.stringMatching(/^evt_\d+$/),
      type: "claim.status_changed",
      data: { claim: { id: claim.id, status: "SUBMITTED", number: expect.stringMatching(/^CPOR-/) }, event: { fromStatus: "EDITING", toStatus: "SUBMITTED" } },
    });
    expect(body.data.claim.id).not.toBe(draft.claim.id);

    const log = await call("GET", `/webhooks/${created.body.id}/deliveries`, { key: adminKey });
    expect(log.body.items).toEqual([
      expect.objectContaining({ type: "claim.status_changed", status: "SENT", attempts: 1, responseCode: 200, nextAttemptAt: null }),
    ]);
    expect(log.body.items[0].durationMs).toEqual(expect.any(Number));
  });

  it("a 500 is retried on the outbox schedule with the same event id; a comment carries the comment", async () => {
    const endpoint = await createWebhookEndpoint(env.t.db, w.partnerA.actor, { url: `${base}/retry`, events: ["claim.comment_added"] }, insecure);
    const { claim, at: last } = await claimIn(env.t.db, w, "UNDER_REVIEW");
    const commentedAt = at(last, MINUTE);
    await addComment(env.t.db, w.reviewer.actor, claim.id, { body: "Which tenant is this?" }, { now: commentedAt });
    answers = [500];
    expect(await deliverWebhooks(env.t.db, commentedAt, insecure)).toBe(0);
    let [row] = await listWebhookDeliveries(env.t.db, w.partnerA.actor, endpoint.id);
    expect(row).toMatchObject({ status: "QUEUED", attempts: 1, responseCode: 500, nextAttemptAt: at(commentedAt, MINUTE).toISOString() });
    expect((await env.t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).firstFailureAt).toEqual(commentedAt);
    expect(await deliverWebhooks(env.t.db, at(commentedAt, 30_000), insecure)).toBe(0); // not due yet
    expect(await deliverWebhooks(env.t.db, at(commentedAt, MINUTE), insecure)).toBe(1);
    [row] = await listWebhookDeliveries(env.t.db, w.partnerA.actor, endpoint.id);
    expect(row).toMatchObject({ status: "SENT", attempts: 2, responseCode: 200 });
    expect(received).toHaveLength(2);
    expect(received[1].body).toBe(received[0].body); // the body is frozen at the first attempt
    const body = JSON.parse(received[1].body);
    expect(body).toMatchObject({ type: "claim.comment_added", data: { claim: { id: claim.id }, comment: { body: "Which tenant is this?" } } });
    expect((await env.t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).firstFailureAt).toBeNull();
  });

  it("an endpoint failing for 72 hours is disabled by the sweep, its admins are told, and it gets no new events", async () => {
    const endpoint = await createWebhookEndpoint(env.t.db, w.partnerA.actor, { url: `${base}/down`, events: ["claim.status_changed"] }, insecure);
    process.env.WEBHOOKS_ALLOW_INSECURE = "1"; // the sweep reads the process environment
    const start = at(MONDAY, 7 * DAY);
    const { at: submittedAt } = await claimIn(env.t.db, w, "SUBMITTED", { start });
    answers = Array(20).fill(503);
    await runSweep(env.t.db, submittedAt);
    await runSweep(env.t.db, at(submittedAt, 71 * HOUR));
    expect((await env.t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).disabledAt).toBeNull();
    const summary = await runSweep(env.t.db, at(submittedAt, 72 * HOUR));
    expect(summary.webhooksDelivered).toBe(0);
    const disabled = await env.t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(disabled.disabledAt).toEqual(at(submittedAt, 72 * HOUR));
    expect((await listWebhookEndpoints(env.t.db, w.partnerA.actor))[0]).toMatchObject({ disabledAt: disabled.disabledAt!.toISOString() });
    const told = await env.t.db.outboxMessage.findMany({ where: { kind: "WEBHOOK_DISABLED" } });
    expect(told.map((m) => m.recipient)).toEqual([w.partnerA.email]);
    expect(told[0].data).toMatchObject({ type: "WEBHOOK_DISABLED", url: `${base}/down` });
    // Also a bell notification for the partner admin (docs/api.md: WEBHOOK_DISABLED).
    expect(await env.t.db.notification.count({ where: { userId: w.partnerA.id, type: "WEBHOOK_DISABLED" } })).toBe(1);
    const deliveries = await env.t.db.webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
    expect(deliveries.map((d) => d.status)).toEqual(["FAILED"]);
    await claimIn(env.t.db, w, "SUBMITTED", { start: at(start, 4 * DAY) });
    expect(await env.t.db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(1);
    await expectClaimError(sendWebhookTestEvent(env.t.db, w.partnerA.actor, endpoint.id, insecure), "INVALID_TRANSITION");
  });

  it("the sweep's set-based status changes enqueue too: consent completion is a claim.status_changed", async () => {
    const endpoint = await createWebhookEndpoint(env.t.db, w.partnerA.actor, { url: `${base}/consent`, events: ["claim.status_changed"] }, insecure);
    const { claim } = await claimIn(env.t.db, w, "APPROVED", { start: at(MONDAY, 20 * DAY) });
    const before = await env.t.db.webhookDelivery.count({ where: { endpointId: endpoint.id } });
    process.env.WEBHOOKS_ALLOW_INSECURE = "1";
    const summary = await runSweep(env.t.db, claim.consentEndsAt!);
    expect(summary.consentCompleted).toBeGreaterThanOrEqual(1);
    const rows = await env.t.db.webhookDelivery.findMany({ where: { endpointId: endpoint.id }, orderBy: { claimEventId: "asc" } });
    expect(rows).toHaveLength(before + 1);
    const last = rows[rows.length - 1];
    expect(last).toMatchObject({ type: "claim.status_changed", claimId: claim.id, status: "SENT" });
    expect(last.body).toMatchObject({ data: { claim: { id: claim.id, sentForIncentiveAssessmentAt: expect.any(String) }, event: { type: "SENT_FOR_INCENTIVE_ASSESSMENT" } } });
  });

  it("refuses loopback, private and link-local targets at registration and at delivery unless WEBHOOKS_ALLOW_INSECURE=1", async () => {
    const strict = { env: {}, lookup: fakeLookup };
    for (const url of [
      `${base}/hook`, // http://
      "https://127.0.0.1/hook",
      "https://10.0.0.1/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/hook",
      "https://[::ffff:127.0.0.1]/hook",
      "https://0.0.0.0/hook",
      "https://loopback.test/hook", // a name that resolves to loopback
      "https://metadata.test/hook",
      "https://nowhere.test/hook",
    ]) {
      const error = await expectClaimError(createWebhookEndpoint(env.t.db, w.partnerA.actor, { url, events: ["claim.status_changed"] }, strict), "VALIDATION");
      expect(error.errors?.[0]?.path, url).toBe("url");
    }
    // `localhost` through the system resolver.
    await expectClaimError(
      createWebhookEndpoint(env.t.db, w.partnerA.actor, { url: "https://localhost/hook", events: ["claim.status_changed"] }, { env: {} }),
      "VALIDATION",
    );
    const ok = await createWebhookEndpoint(env.t.db, w.partnerA.actor, { url: "https://public.test/hook", events: ["claim.status_changed"] }, strict);
    expect(ok.url).toBe("https://public.test/hook");
    for (const address of ["172.16.0.1", "172.31.255.255", "192.168.1.1", "fc00::1", "fd12::1", "fe80::1", "127.8.8.8"]) {
      expect(isBlockedAddress(address), address).toBe(true);
    }
    for (const address of ["172.32.0.1", "8.8.8.8", "2606:4700::1111"]) expect(isBlockedAddress(address), address).toBe(false);

    // At delivery: the address actually connected to is checked, so a name that now resolves to loopback (DNS
    // rebinding) never reaches the receiver listening there.
    const port = (server.address() as AddressInfo).port;
    const viaName = await postWebhook(`https://loopback.test:${port}/x`, "{}", {}, { allowInsecure: false, lookup: fakeLookup });
    expect(viaName).toMatchObject({ ok: false, responseCode: null });
    expect(viaName.error).toMatch(/127\.0\.0\.1.*not public/);
    const viaLiteral = await postWebhook(`https://127.0.0.1:${port}/x`, "{}", {}, { allowInsecure: false });
    expect(viaLiteral.error).toMatch(/not public/);
    expect(received).toHaveLength(0);
    // An endpoint registered while the flag was on is refused at delivery once it is off.
    const local = await createWebhookEndpoint(env.t.db, w.partnerA.actor, { url: `${base}/local`, events: ["claim.status_changed"] }, insecure);
    const refused = await sendWebhookTestEvent(env.t.db, w.partnerA.actor, local.id, { env: {} });
    expect(refused).toMatchObject({ status: "QUEUED", attempts: 1, responseCode: null, lastError: expect.stringMatching(/https/) });
    expect(received).toHaveLength(0);
  });

  it("only the organization's partner admins manage its endpoints: billing 403, another organization and staff 404", async () => {
    process.env.WEBHOOKS_ALLOW_INSECURE = "1";
    const endpoint = await createWebhookEndpoint(env.t.db, w.partnerA.actor, { url: `${base}/mine`, events: ["claim.comment_added"] }, insecure);
    const billingKey = (await createApiKeyForEmail(env.t.db, w.billingA.email, "billing")).secret;
    const otherKey = (await createApiKeyForEmail(env.t.db, w.partnerB.email, "other")).secret;
    const reviewerKey = (await createApiKeyForEmail(env.t.db, w.reviewer.email, "reviewer")).secret;
    expectProblem(await call("GET", "/webhooks", { key: billingKey }), 403, "FORBIDDEN");
    expectProblem(await call("POST", "/webhooks", { key: billingKey, json: { url: `${base}/x`, events: ["claim.comment_added"] } }), 403, "FORBIDDEN");
    expectProblem(await call("POST", "/webhooks", { key: billingKey, json: { nonsense: true } }), 403, "FORBIDDEN"); // role before body
    expectProblem(await call("GET", `/webhooks/${endpoint.id}/deliveries`, { key: billingKey }), 403, "FORBIDDEN");
    expectProblem(await call("DELETE", `/webhooks/${endpoint.id}`, { key: billingKey }), 403, "FORBIDDEN");
    for (const key of [otherKey, reviewerKey]) {
      expectProblem(await call("GET", `/webhooks/${endpoint.id}/deliveries`, { key }), 404, "NOT_FOUND");
      expectProblem(await call("POST", `/webhooks/${endpoint.id}/test`, { key }), 404, "NOT_FOUND");
      expectProblem(await call("DELETE", `/webhooks/${endpoint.id}`, { key }), 404, "NOT_FOUND");
    }
    expectProblem(await call("GET", "/webhooks", { key: reviewerKey }), 403, "FORBIDDEN");
    expect((await call("GET", "/webhooks", { key: otherKey })).body.items).toEqual([]);
    const bad = expectProblem(await call("POST", "/webhooks", { key: adminKey, json: { url: `${base}/x`, events: ["claim.created"] } }), 422, "VALIDATION");
    expect(bad.errors?.[0]?.path).toMatch(/^events/);

    const test = await call("POST", `/webhooks/${endpoint.id}/test`, { key: adminKey });
    expect(test.status, test.text).toBe(201);
    expect(test.body).toMatchObject({ type: "webhook.test", status: "SENT", responseCode: 200, attempts: 1 });
    expect(JSON.parse(received[0].body)).toMatchObject({ type: "webhook.test", data: { endpointId: endpoint.id } });
    expect((await call("DELETE", `/webhooks/${endpoint.id}`, { key: adminKey })).status).toBe(204);
    expectProblem(await call("GET", `/webhooks/${endpoint.id}/deliveries`, { key: adminKey }), 404, "NOT_FOUND");
    await expectClaimError(deleteWebhookEndpoint(env.t.db, w.partnerA.actor, endpoint.id), "NOT_FOUND");
  });
});
