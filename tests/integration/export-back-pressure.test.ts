// The CSV exports read the database only as fast as their reader reads them (issue 16: an export of 1,000,000
// rows must not grow the server's memory). Through the real route handlers (API and portal) against real
// PostgreSQL, with the process's client replaced by one that records every statement it sends: after each chunk
// the reader takes, and once the export has gone quiet, the number of page queries sent equals the pages the
// reader has received. A reader that stops reading stops the queries: nothing is read ahead into memory.
// No timing is asserted; the test only waits for the export to go quiet before counting.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EXPORT_BATCH } from "../../lib/claims/export";
import { createUser } from "../fixtures/claims";
import { keyFor, startApiTestEnv, stopApiTestEnv, type ApiTestEnv } from "./api-helpers";
import { claimRows, createOrganization, insertClaims, recordingClient } from "./dashboard-data";
import { pgAvailable } from "./test-db";

const sent = vi.hoisted(() => [] as { query: string; params: string }[]);
const recording = vi.hoisted(() => ({ client: undefined as unknown }));
const session = vi.hoisted(() => ({ user: null as null | { id: string; role: string; organizationId: string | null; name: string; email: string; organizationName: string | null } }));

// The route handlers call getDb() or getReadDb() (exports read the replica when there is one): here both answer the
// recording client (a real PrismaClient on the test database).
vi.mock("../../lib/db", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../lib/db")>();
  const recorded = () => (recording.client ?? original.getDb()) as ReturnType<typeof original.getDb>;
  return { ...original, getDb: recorded, getReadDb: recorded };
});
// The portal route reads the session through getCurrentUser; the test stands in for the cookie.
vi.mock("../../lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/auth/session")>()),
  getCurrentUser: async () => session.user,
}));

const NOW = new Date();
const CLAIMS = 4 * EXPORT_BATCH + 500; // five pages, the last one short

/** Page queries sent so far: each keyset page is one SELECT on "Claim" (products are read by their own query). */
const pageQueries = () => sent.filter((s) => /^SELECT .* FROM "public"\."Claim" /.test(s.query)).length;

/** Waits until no statement has been sent for a while: whatever the export would read ahead, it has read. */
async function quiet(): Promise<void> {
  let seen = -1;
  let stable = 0;
  while (stable < 10) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    stable = sent.length === seen ? stable + 1 : 0;
    seen = sent.length;
  }
}

/** Reads the body chunk by chunk; after each chunk (once quiet) the page queries sent must equal the pages received. */
async function readCountingPages(body: ReadableStream<Uint8Array>, headChunks: number) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let chunks = 0;
  let rows = 0;
  const afterEachChunk: { pagesReceived: number; pageQueries: number }[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks++;
    if (chunks > headChunks) rows += decoder.decode(value).split("\r\n").length - 1;
    await quiet();
    afterEachChunk.push({ pagesReceived: Math.max(0, chunks - headChunks), pageQueries: pageQueries() });
  }
  return { rows, afterEachChunk };
}

describe.skipIf(!pgAvailable)("CSV exports are pulled by their reader (PostgreSQL)", () => {
  let env: ApiTestEnv;
  let partnerKey: string;
  let admin: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    env = await startApiTestEnv();
    const org = await createOrganization(env.t.db, "pulled");
    await insertClaims(env.t.db, claimRows(org, CLAIMS, NOW));
    const partner = await createUser(env.t.db, "PARTNER_ADMIN", org, "pulled");
    partnerKey = await keyFor(env.t.db, partner.email);
    admin = await createUser(env.t.db, "ADMIN", null, "pulled-admin");
    recording.client = recordingClient(env.t.url, sent);
  });
  afterAll(async () => {
    await (recording.client as { $disconnect(): Promise<void> } | undefined)?.$disconnect();
    recording.client = undefined;
    await stopApiTestEnv(env);
  });

  it("API GET /claims/export.csv: one page query per page the reader takes, none ahead; a reader that stops stops the queries", async () => {
    const { GET } = await import("../../app/api/v1/claims/export.csv/route");
    const get = () =>
      (GET as unknown as (r: Request, c: { params: Promise<object> }) => Promise<Response>)(
        new Request("http://portal.test/api/v1/claims/export.csv", { headers: { Authorization: `Bearer ${partnerKey}` } }),
        { params: Promise.resolve({}) },
      );

    // A reader that takes the header and one page, then stops: one page query, however long it waits.
    sent.length = 0;
    const stalled = await get();
    expect(stalled.status).toBe(200);
    await quiet();
    expect(pageQueries()).toBe(0); // nothing is read before the first read
    const reader = stalled.body!.getReader();
    await reader.read(); // the header
    await reader.read(); // the first page
    await quiet();
    expect(pageQueries()).toBe(1);
    await reader.cancel();

    // Read to the end, chunk by chunk: after every chunk, exactly as many page queries as pages received.
    sent.length = 0;
    const full = await get();
    const { rows, afterEachChunk } = await readCountingPages(full.body!, 1);
    expect(rows).toBe(CLAIMS);
    for (const step of afterEachChunk) expect(step.pageQueries).toBe(step.pagesReceived);
    expect(afterEachChunk.at(-1)!.pagesReceived).toBe(Math.ceil(CLAIMS / EXPORT_BATCH));
  });

  it("portal /claims/export.csv (byte order mark first): the same, one page query per page received", async () => {
    const { GET } = await import("../../app/(portal)/claims/export.csv/route");
    const { NextRequest } = await import("next/server");
    session.user = { id: admin.id, role: "ADMIN", organizationId: null, name: admin.email, email: admin.email, organizationName: null };
    sent.length = 0;
    const response = await (GET as unknown as (r: unknown) => Promise<Response>)(new NextRequest("http://portal.test/claims/export.csv"));
    expect(response.status).toBe(200);
    // Chunks: the mark, the header, then one chunk per page.
    const { rows, afterEachChunk } = await readCountingPages(response.body!, 2);
    expect(rows).toBe(CLAIMS);
    for (const step of afterEachChunk) expect(step.pageQueries).toBe(step.pagesReceived);
  });
});
