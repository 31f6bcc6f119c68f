// Quotas (docs/api.md): 50 files and 250 MB per claim (422 VALIDATION, race-safe), per-organization upload rate
// and daily bytes (429 RATE_LIMITED with Retry-After, in the shared PostgreSQL store), one export at a time per
// user (429 until the first export's stream ends or is cancelled). Through the real route handlers, against a
// real PostgreSQL database; every refusal leaves no file in STORAGE_DIR and no row.
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createOrg, createUser, poeFile, type TestOrg, type TestUser } from "../fixtures/claims";
import { POE_MAX_BYTES_PER_CLAIM, POE_MAX_FILES_PER_CLAIM } from "../../lib/claims/policy";
import { claimResourceSchema } from "../../lib/claims/schemas";
import { call, claimBody, expectProblem, keyFor, pdfBytes, startApiTestEnv, stopApiTestEnv, upload, type ApiTestEnv } from "./api-helpers";
import { pgAvailable } from "./test-db";

// The portal's export routes read the session through getCurrentUser; the test stands in for the cookie.
const session = vi.hoisted(() => ({ user: null as null | { id: string; role: string; organizationId: string | null; name: string; email: string; organizationName: string | null } }));
vi.mock("../../lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/auth/session")>()),
  getCurrentUser: async () => session.user,
}));

describe.skipIf(!pgAvailable)("upload quotas and export leases (PostgreSQL)", () => {
  let env: ApiTestEnv;

  beforeAll(async () => {
    env = await startApiTestEnv();
  });
  afterAll(async () => {
    await stopApiTestEnv(env);
  });
  afterEach(() => {
    delete process.env.UPLOAD_MAX_PER_ORG_PER_MINUTE;
    delete process.env.UPLOAD_MAX_BYTES_PER_ORG_PER_DAY;
    session.user = null;
  });

  /** A new organization with a partner admin and an API key: each test counts from zero in the shared store. */
  async function partnerOrg(label: string): Promise<{ org: TestOrg; user: TestUser; key: string }> {
    const org = await createOrg(env.t.db, `${label} ${Math.random().toString(36).slice(2, 6)}`);
    const user = await createUser(env.t.db, "PARTNER_ADMIN", org.id, label);
    return { org, user, key: await keyFor(env.t.db, user.email) };
  }

  async function newClaim(p: { org: TestOrg; key: string }) {
    const created = await call("POST", "/claims", { key: p.key, json: claimBody(p.org.mpnIds[0]) });
    expect(created.status, created.text).toBe(201);
    return claimResourceSchema.parse(created.body);
  }

  /** Rows as if `count` files of `size` bytes each were uploaded before (storage is not touched). */
  async function holdFiles(claimId: string, count: number, size?: number) {
    await env.t.db.poeFile.createMany({
      data: Array.from({ length: count }, (_, i) => ({ claimId, ...poeFile(`held-${i}.pdf`), ...(size ? { size } : {}) })),
    });
  }

  async function storedFiles(): Promise<string[]> {
    const shards = await fs.readdir(env.storageDir).catch(() => [] as string[]);
    const files = await Promise.all(shards.map(async (s) => (await fs.readdir(path.join(env.storageDir, s))).map((f) => `${s}/${f}`)));
    return files.flat();
  }

  describe("per claim", () => {
    it(`the ${POE_MAX_FILES_PER_CLAIM + 1}st file is refused 422 VALIDATION (LIMIT_REACHED); nothing is stored`, async () => {
      const p = await partnerOrg("files");
      const claim = await newClaim(p);
      await holdFiles(claim.id, POE_MAX_FILES_PER_CLAIM);
      const before = await storedFiles();
      const refused = expectProblem(await upload(claim.id, p.key, "one-too-many.pdf", pdfBytes()), 422, "VALIDATION");
      expect(refused.errors).toEqual([expect.objectContaining({ path: "file", code: "LIMIT_REACHED" })]);
      expect(refused.detail).toMatch(/at most 50/);
      expect(await env.t.db.poeFile.count({ where: { claimId: claim.id } })).toBe(POE_MAX_FILES_PER_CLAIM);
      expect(await storedFiles()).toEqual(before);
    });

    it("two concurrent uploads for the last slot: exactly one is kept, the other refused, one file on disk", async () => {
      const p = await partnerOrg("race");
      for (let round = 0; round < 3; round++) {
        const claim = await newClaim(p);
        await holdFiles(claim.id, POE_MAX_FILES_PER_CLAIM - 1);
        const before = (await storedFiles()).length;
        const results = await Promise.all([
          upload(claim.id, p.key, "first.pdf", pdfBytes("first")),
          upload(claim.id, p.key, "second.pdf", pdfBytes("second")),
        ]);
        const statuses = results.map((r) => r.status).sort();
        expect(statuses.filter((s) => s === 201)).toHaveLength(1);
        expect([409, 422]).toContain(statuses.find((s) => s !== 201));
        expect(await env.t.db.poeFile.count({ where: { claimId: claim.id } })).toBe(POE_MAX_FILES_PER_CLAIM);
        expect((await storedFiles()).length).toBe(before + 1);
      }
    });

    it("the service's transaction counts again: a file recorded past the quota is refused even after the preflight", async () => {
      const { recordPoeFile } = await import("../../lib/claims/service/record-poe-file");
      const p = await partnerOrg("tx");
      const claim = await newClaim(p);
      await holdFiles(claim.id, POE_MAX_FILES_PER_CLAIM);
      const actor = { kind: "user" as const, userId: p.user.id, role: p.user.role, organizationId: p.org.id };
      await expect(recordPoeFile(env.t.db, actor, claim.id, poeFile("late.pdf"))).rejects.toMatchObject({ code: "VALIDATION" });
      expect(await env.t.db.poeFile.count({ where: { claimId: claim.id } })).toBe(POE_MAX_FILES_PER_CLAIM);
    });

    it("a file that would take the claim past 250 MB is refused 422, declared or streamed; nothing is stored", async () => {
      const p = await partnerOrg("bytes");
      const claim = await newClaim(p);
      const bytes = pdfBytes("x".repeat(400));
      // Two held files leave fewer bytes than this PDF has.
      await holdFiles(claim.id, 2, (POE_MAX_BYTES_PER_CLAIM - 100) / 2);
      const before = await storedFiles();
      const declared = expectProblem(await upload(claim.id, p.key, "declared.pdf", bytes), 422, "VALIDATION");
      expect(declared.errors?.[0]).toMatchObject({ path: "file", code: "LIMIT_REACHED" });
      expect(declared.detail).toMatch(/250 MB/);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(bytes));
          controller.close();
        },
      });
      const streamed = await call("POST", `/claims/${claim.id}/poe`, { key: p.key, body: stream, headers: { "X-File-Name": "streamed.pdf" } });
      expectProblem(streamed, 422, "VALIDATION");
      expect(await env.t.db.poeFile.count({ where: { claimId: claim.id } })).toBe(2);
      expect(await storedFiles()).toEqual(before);
      // What still fits is accepted.
      expect((await upload(claim.id, p.key, "small.pdf", pdfBytes().subarray(0, 90))).status).not.toBe(422);
    });
  });

  describe("per organization", () => {
    it("past UPLOAD_MAX_PER_ORG_PER_MINUTE uploads → 429 RATE_LIMITED with Retry-After; another organization is not affected", async () => {
      process.env.UPLOAD_MAX_PER_ORG_PER_MINUTE = "3";
      const p = await partnerOrg("rate");
      const other = await partnerOrg("other");
      const claim = await newClaim(p);
      for (let i = 0; i < 3; i++) expect((await upload(claim.id, p.key, `ok-${i}.pdf`, pdfBytes(`ok ${i}`))).status).toBe(201);
      const before = await storedFiles();
      const refused = await upload(claim.id, p.key, "flood.pdf", pdfBytes("flood"));
      expectProblem(refused, 429, "RATE_LIMITED");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
      expect(await storedFiles()).toEqual(before);
      expect(await env.t.db.poeFile.count({ where: { claimId: claim.id } })).toBe(3);
      // The counter is in PostgreSQL (shared by every node), keyed by organization.
      const [row] = await env.t.db.$queryRaw<{ points: number }[]>`SELECT points FROM "RateLimit" WHERE key = ${`upload-org-files:${p.org.id}`}`;
      expect(row.points).toBeGreaterThanOrEqual(4);
      const otherClaim = await newClaim(other);
      expect((await upload(otherClaim.id, other.key, "fine.pdf", pdfBytes())).status).toBe(201);
    });

    it("past UPLOAD_MAX_BYTES_PER_ORG_PER_DAY → 429 RATE_LIMITED with Retry-After; the refused file is removed and not counted", async () => {
      process.env.UPLOAD_MAX_BYTES_PER_ORG_PER_DAY = String(8 * 1024);
      const p = await partnerOrg("daily");
      const claim = await newClaim(p);
      const big = pdfBytes("y".repeat(2500));
      expect((await upload(claim.id, p.key, "one.pdf", big)).status).toBe(201);
      expect((await upload(claim.id, p.key, "two.pdf", pdfBytes("z".repeat(2500)))).status).toBe(201);
      const before = await storedFiles();
      // Declared: refused before a byte is read.
      const declared = await upload(claim.id, p.key, "three.pdf", pdfBytes("w".repeat(3 * 1024)));
      expectProblem(declared, 429, "RATE_LIMITED");
      expect(Number(declared.headers.get("retry-after"))).toBeGreaterThan(60);
      // Streamed without a length: stopped at the day's remaining bytes.
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(pdfBytes("v".repeat(3 * 1024))));
          controller.close();
        },
      });
      expectProblem(await call("POST", `/claims/${claim.id}/poe`, { key: p.key, body: stream, headers: { "X-File-Name": "four.pdf" } }), 429, "RATE_LIMITED");
      expect(await storedFiles()).toEqual(before);
      expect(await env.t.db.poeFile.count({ where: { claimId: claim.id } })).toBe(2);
      // A small file still fits: refusals took nothing from the day's allowance.
      expect((await upload(claim.id, p.key, "small.pdf", pdfBytes("s"))).status).toBe(201);
    });
  });

  describe("one export at a time per user", () => {
    type Handler = (request: Request, context: { params: Promise<Record<string, never>> }) => Promise<Response>;
    const get = (handler: unknown, url: string, key?: string) =>
      (handler as Handler)(new Request(url, { headers: key ? { Authorization: `Bearer ${key}` } : {} }), { params: Promise.resolve({}) });

    it("API: a second export while the first streams → 429 with Retry-After; free again once the first ends", async () => {
      const { GET } = await import("../../app/api/v1/claims/export.csv/route");
      const p = await partnerOrg("export");
      await newClaim(p);
      const first = await get(GET, "http://portal.test/api/v1/claims/export.csv", p.key);
      expect(first.status).toBe(200);
      const second = await get(GET, "http://portal.test/api/v1/claims/export.csv", p.key);
      expectProblem({ status: second.status, headers: second.headers, body: await second.json(), text: "", bytes: Buffer.alloc(0) }, 429, "RATE_LIMITED");
      expect(Number(second.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      // Another user of the same organization is not blocked.
      const colleague = await createUser(env.t.db, "PARTNER_BILLING", p.org.id, "colleague");
      const theirs = await get(GET, "http://portal.test/api/v1/claims/export.csv", await keyFor(env.t.db, colleague.email));
      expect(theirs.status).toBe(200);
      await theirs.body?.cancel();
      // The first export runs to its end: the lease is released.
      expect(await first.text()).toContain(p.org.mpnIds[0]);
      const third = await get(GET, "http://portal.test/api/v1/claims/export.csv", p.key);
      expect(third.status).toBe(200);
      await third.text();
    });

    it("a cancelled download releases the lease; claims and audit exports, API and portal, share the one lease", async () => {
      const api = await import("../../app/api/v1/audit-events/export.csv/route");
      const portalClaims = await import("../../app/(portal)/claims/export.csv/route");
      const portalAudit = await import("../../app/(portal)/admin/audit/export.csv/route");
      const admin = await createUser(env.t.db, "ADMIN", null, "export-admin");
      const key = await keyFor(env.t.db, admin.email);
      session.user = { id: admin.id, role: "ADMIN", organizationId: null, name: admin.email, email: admin.email, organizationName: null };
      const { NextRequest } = await import("next/server");
      const portal = (handler: unknown, url: string) => (handler as (r: unknown) => Promise<Response>)(new NextRequest(url));

      const running = await portal(portalClaims.GET, "http://portal.test/claims/export.csv");
      expect(running.status).toBe(200);
      const audit = await get(api.GET, "http://portal.test/api/v1/audit-events/export.csv", key);
      expect(audit.status).toBe(429);
      expect(audit.headers.get("retry-after")).toMatch(/^\d+$/);
      const portalRefused = await portal(portalAudit.GET, "http://portal.test/admin/audit/export.csv");
      expect(portalRefused.status).toBe(429);
      expect(portalRefused.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await portalRefused.text()).toMatch(/one export at a time/i);
      // The browser goes away mid-download: the stream is cancelled and the lease released.
      const reader = running.body!.getReader();
      await reader.read();
      await reader.cancel();
      // Released as the cancellation reaches the export's source (through the route's own stream wrapping), so
      // within moments rather than at once: ask again for up to 3 s, far below the lease's 120 s expiry.
      let after = await portal(portalAudit.GET, "http://portal.test/admin/audit/export.csv");
      for (let i = 0; after.status === 429 && i < 30; i++) {
        await after.body?.cancel();
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = await portal(portalAudit.GET, "http://portal.test/admin/audit/export.csv");
      }
      expect(after.status).toBe(200);
      expect(await after.text()).toMatch(/^.*\r\n/);
      const again = await get(api.GET, "http://portal.test/api/v1/audit-events/export.csv", key);
      expect(again.status).toBe(200);
      await again.text();
    });
  });
});
