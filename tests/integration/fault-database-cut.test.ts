// Faults (issue 15): the connection between the portal and PostgreSQL is cut and restored during requests. The
// real /api/v1 route handlers run in-process with the portal's own client (lib/db getDb()) pointed at a TCP proxy
// this test owns; the machine's PostgreSQL is never touched. Each cut must answer 503 problem+json UNAVAILABLE
// (never 500, never a hang), leave no half-written claim, and the same client must serve the next request once the
// proxy is restored — no restart. The checks of the database go around the proxy, straight to PostgreSQL.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "../../lib/db";
import { createWorld, expectStatusCountsConsistent, type World } from "../fixtures/claims";
import { recordProof } from "../proof/report";
import { call, claimBody, keyFor, pdfBytes, upload, type ApiResult } from "./api-helpers";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

/** Cut/restore rounds; each round runs every case below once. */
const ROUNDS = Number(process.env.FAULT_ROUNDS ?? 10);

type Mode = "down" | "mid-transaction" | "at-commit" | "after-commit";

interface Case {
  name: string;
  mode: Mode;
  /** What the request is: returns the call to make (after any preparation, done while the proxy is up). */
  prepare(): Promise<() => Promise<ApiResult>>;
  /** The client → server chunk to cut on, for the modes that cut inside a conversation. */
  pattern?: RegExp;
}

const INSERT_EVENT = /INSERT INTO "(public"\.")?ClaimEvent"/;
const INSERT_POE = /INSERT INTO "(public"\.")?PoeFile"/;
const COMMIT = /COMMIT/;

describe.skipIf(!pgAvailable)("faults: the database connection cut and restored (PostgreSQL through a TCP proxy)", () => {
  let t: TestDatabase;
  let proxy: TcpProxy;
  let w: World;
  let key: string;
  let storageDir: string;
  const savedEnv = {
    DATABASE_URL: process.env.DATABASE_URL,
    STORAGE_DIR: process.env.STORAGE_DIR,
    DATABASE_CONNECT_TIMEOUT_MS: process.env.DATABASE_CONNECT_TIMEOUT_MS,
  };

  beforeAll(async () => {
    await closeDb();
    t = await createTestDatabase();
    const direct = new URL(t.url);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const proxied = new URL(t.url);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(proxy.port);
    // getDb() reads DATABASE_URL on first use: the portal's own client, through the proxy.
    process.env.DATABASE_URL = proxied.toString();
    // Shorter than the 5-second default, to keep the stalled-database cases quick.
    process.env.DATABASE_CONNECT_TIMEOUT_MS = "1500";
    storageDir = await fs.mkdtemp(path.join(os.tmpdir(), "cpor-faults-"));
    process.env.STORAGE_DIR = storageDir;
    w = await createWorld(t.db);
    key = await keyFor(t.db, w.partnerA.email);
  });

  afterAll(async () => {
    await closeDb();
    await proxy?.close();
    await t?.drop();
    if (storageDir) await fs.rm(storageDir, { recursive: true, force: true });
    Object.assign(process.env, savedEnv);
    for (const [name, value] of Object.entries(savedEnv)) if (value === undefined) delete process.env[name];
  });

  /** A claim in EDITING with one PoE file, made through the API while the proxy is up. */
  async function draftWithPoe(): Promise<string> {
    const created = await call("POST", "/claims", { key, json: claimBody(w.orgA.mpnIds[0]) });
    expect(created.status, created.text).toBe(201);
    const uploaded = await upload(created.body.id, key, "proof.pdf", pdfBytes());
    expect(uploaded.status, uploaded.text).toBe(201);
    return created.body.id;
  }

  const cases: Case[] = [
    { name: "GET /claims, database down", mode: "down", prepare: async () => () => call("GET", "/claims", { key }) },
    {
      name: "POST /claims, database down",
      mode: "down",
      prepare: async () => () => call("POST", "/claims", { key, json: claimBody(w.orgA.mpnIds[0]) }),
    },
    {
      name: "POST /claims, cut before its history event is written",
      mode: "mid-transaction",
      pattern: INSERT_EVENT,
      prepare: async () => () => call("POST", "/claims", { key, json: claimBody(w.orgA.mpnIds[0]) }),
    },
    {
      name: "POST /claims, cut at COMMIT",
      mode: "at-commit",
      pattern: COMMIT,
      prepare: async () => () => call("POST", "/claims", { key, json: claimBody(w.orgA.mpnIds[0]) }),
    },
    {
      name: "POST /claims, cut right after COMMIT reached the server",
      mode: "after-commit",
      pattern: COMMIT,
      prepare: async () => () => call("POST", "/claims", { key, json: claimBody(w.orgA.mpnIds[0]) }),
    },
    {
      name: "submit, cut before its history event is written",
      mode: "mid-transaction",
      pattern: INSERT_EVENT,
      prepare: async () => {
        const id = await draftWithPoe();
        return () => call("POST", `/claims/${id}/actions/submit`, { key, json: {} });
      },
    },
    {
      name: "PoE upload, cut before its row is written",
      mode: "mid-transaction",
      pattern: INSERT_POE,
      prepare: async () => {
        const created = await call("POST", "/claims", { key, json: claimBody(w.orgA.mpnIds[0]) });
        expect(created.status, created.text).toBe(201);
        return () => upload(created.body.id, key, "proof.pdf", pdfBytes());
      },
    },
    {
      name: "PoE upload, database down",
      mode: "down",
      prepare: async () => {
        const created = await call("POST", "/claims", { key, json: claimBody(w.orgA.mpnIds[0]) });
        expect(created.status, created.text).toBe(201);
        return () => upload(created.body.id, key, "proof.pdf", pdfBytes());
      },
    },
  ];

  /** Row counts a use case writes to: equal before and after a request that failed before COMMIT. */
  /** Row counts in ONE statement, so one snapshot: separate counts could straddle a commit landing meanwhile. */
  async function fingerprint() {
    const [row] = await t.db.$queryRaw<Record<string, number>[]>`
      SELECT (SELECT count(*) FROM "Claim")::int AS claims,
             (SELECT count(*) FROM "ClaimEvent")::int AS events,
             (SELECT count(*) FROM "PoeFile")::int AS "poeFiles",
             (SELECT count(*) FROM "OutboxMessage")::int AS outbox,
             (SELECT count(*) FROM "WebhookDelivery")::int AS deliveries,
             (SELECT count(*) FROM "Claim" WHERE "status" = 'SUBMITTED')::int AS submitted`;
    const { claims, events, poeFiles, outbox, deliveries, submitted } = row;
    return { claims, events, poeFiles, outbox, deliveries, submitted };
  }

  /** No half-written claim: every claim, PoE file and status change has its history, and counts agree. */
  async function halfWritten(): Promise<string[]> {
    const found: string[] = [];
    const withoutCreated = await t.db.$queryRaw<{ id: string }[]>`
      SELECT c."id" FROM "Claim" c
      WHERE (SELECT count(*) FROM "ClaimEvent" e WHERE e."claimId" = c."id" AND e."type" = 'CLAIM_CREATED') <> 1`;
    if (withoutCreated.length) found.push(`${withoutCreated.length} claim(s) without exactly one CLAIM_CREATED event`);
    const poeWithoutEvent = await t.db.$queryRaw<{ id: string }[]>`
      SELECT p."id" FROM "PoeFile" p
      WHERE NOT EXISTS (SELECT 1 FROM "ClaimEvent" e WHERE e."claimId" = p."claimId" AND e."type" = 'POE_UPLOADED'
                        AND e."data"->>'poeId' = p."id")`;
    if (poeWithoutEvent.length) found.push(`${poeWithoutEvent.length} PoE file(s) without their event`);
    const eventWithoutPoe = await t.db.$queryRaw<{ id: bigint }[]>`
      SELECT e."id" FROM "ClaimEvent" e
      WHERE e."type" = 'POE_UPLOADED' AND NOT EXISTS (SELECT 1 FROM "PoeFile" p WHERE p."id" = e."data"->>'poeId')`;
    if (eventWithoutPoe.length) found.push(`${eventWithoutPoe.length} POE_UPLOADED event(s) without their file`);
    // The status is the one the last status-changing event moved it to (EDITING when none has).
    const statusDrift = await t.db.$queryRaw<{ id: string }[]>`
      SELECT c."id" FROM "Claim" c
      WHERE c."status"::text <> coalesce((SELECT e."toStatus"::text FROM "ClaimEvent" e
                                          WHERE e."claimId" = c."id" AND e."toStatus" IS NOT NULL
                                          ORDER BY e."id" DESC LIMIT 1), 'EDITING')`;
    if (statusDrift.length) found.push(`${statusDrift.length} claim(s) whose status has no event`);
    // Stored files: the upload deletes its file when recording it fails, so storage holds exactly the rows' files.
    const stored = (await fs.readdir(storageDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
    const rows = await t.db.poeFile.count();
    if (stored !== rows) found.push(`${stored} stored file(s) for ${rows} PoE row(s)`);
    try {
      await expectStatusCountsConsistent(t.db);
    } catch {
      found.push("status counts disagree with the claims");
    }
    return found;
  }

  it(`answers 503 UNAVAILABLE on every cut, writes nothing half, and serves again after restore (${ROUNDS} rounds)`, async () => {
    let tried = 0;
    let held = 0;
    const failures: string[] = [];
    const acceptedBefore = proxy.accepted;
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of cases) {
        tried++;
        const problems: string[] = [];
        const request = await c.prepare();
        const before = await fingerprint();
        let fired = false;
        if (c.mode === "down") proxy.cut();
        else void proxy.cutOn(c.pattern!, c.mode === "after-commit" ? "after" : "before").then(() => (fired = true));
        const answer = await request();
        proxy.disarm();
        if (c.mode !== "down" && !fired) problems.push("the cut point was never reached");
        // Before COMMIT nothing is written; after it (the ambiguous case) the whole claim and its event are.
        const expected = c.mode === "after-commit" ? { ...before, claims: before.claims + 1, events: before.events + 1 } : before;
        let written = await fingerprint();
        // The server may still be finishing the COMMIT it received when its client vanished: give it a moment.
        for (let wait = 0; c.mode === "after-commit" && wait < 50 && JSON.stringify(written) !== JSON.stringify(expected); wait++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          written = await fingerprint();
        }
        if (JSON.stringify(written) !== JSON.stringify(expected)) problems.push(`rows ${JSON.stringify(before)} → ${JSON.stringify(written)}`);
        if (answer.status !== 503 || answer.body?.code !== "UNAVAILABLE") problems.push(`answered ${answer.status} ${answer.text.slice(0, 200)}`);
        else if (!answer.headers.get("content-type")?.startsWith("application/problem+json")) problems.push("not problem+json");
        // A real outage lasts longer than one turn of the event loop: let the pool see its idle connections
        // close (their sockets' close events come a tick after the cut) before the network comes back.
        await new Promise((resolve) => setTimeout(resolve, 20));
        proxy.restore();
        // The same in-process client serves again: no restart, no new client.
        const after = await call("GET", "/claims?limit=1", { key });
        if (after.status !== 200) problems.push(`after restore: ${after.status} ${after.text.slice(0, 200)}`);
        problems.push(...(await halfWritten()));
        if (problems.length) failures.push(`round ${round + 1}, ${c.name}: ${problems.join("; ")}`);
        else held++;
      }
    }
    recordProof({ category: "faults", subject: "database connection cut during API requests (cut → 503, whole writes, restore → served)", tried, held });
    expect(failures).toEqual([]);
    expect(held).toBe(tried);
    // The pool reconnected through the proxy after the cuts (fresh connections), without a new client.
    expect(proxy.accepted).toBeGreaterThan(acceptedBefore);
  }, 240_000);

  it("answers 503 UNAVAILABLE, not a hang, when the database takes connections but never answers", async () => {
    const HANG = Symbol("hang");
    /** Far longer than the connect timeout: a request still pending by then would wait forever. */
    const orHang = <T,>(promise: Promise<T>) =>
      Promise.race([promise, new Promise<typeof HANG>((resolve) => setTimeout(() => resolve(HANG), 20_000).unref())]);
    const requests: [string, () => Promise<ApiResult>][] = [
      ["GET /claims", () => call("GET", "/claims", { key })],
      ["POST /claims", () => call("POST", "/claims", { key, json: claimBody(w.orgA.mpnIds[0]) })],
    ];
    let tried = 0;
    let held = 0;
    const failures: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (const [name, request] of requests) {
        tried++;
        const problems: string[] = [];
        proxy.stall();
        await new Promise((resolve) => setTimeout(resolve, 20));
        const answer = await orHang(request());
        if (answer === HANG) problems.push("no answer: the request hangs");
        else if (answer.status !== 503 || answer.body?.code !== "UNAVAILABLE") problems.push(`answered ${answer.status} ${answer.text.slice(0, 200)}`);
        proxy.restore();
        const after = await orHang(call("GET", "/claims?limit=1", { key }));
        if (after === HANG || after.status !== 200) problems.push(`after restore: ${after === HANG ? "hangs" : after.status}`);
        problems.push(...(await halfWritten()));
        if (problems.length) failures.push(`round ${round + 1}, ${name}: ${problems.join("; ")}`);
        else held++;
      }
    }
    recordProof({ category: "faults", subject: "database that accepts connections and never answers (→ 503 within the connect timeout)", tried, held });
    expect(failures).toEqual([]);
  }, 120_000);
});
