// Contract tests of REST API v1 (docs/api.md): every endpoint, every problem code, the shapes
// (checked with the same zod schemas the OpenAPI document is generated from), the check order, ETag/If-Match,
// streamed PoE upload and download, CSV export, the public consent endpoint and per-key rate limiting. The
// real route handlers run against a real PostgreSQL database.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { closeDb } from "../../lib/db";
import { DAY, claimIn, createWorld, type World } from "../fixtures/claims";
import {
  commentListResponseSchema,
  conflictListResponseSchema,
  consentDenyResultSchema,
  disputeListResponseSchema,
  historyResponseSchema,
  meResourceSchema,
} from "../../lib/api/schemas";
import { CSV_COLUMNS } from "../../lib/claims/export";
import {
  PROBLEM_CODES,
  claimListResponseSchema,
  claimResourceSchema,
  commentResourceSchema,
  disputeResourceSchema,
  poeItemSchema,
} from "../../lib/claims/schemas";
import { SLA_SETTINGS_KEY } from "../../lib/claims/settings";
import {
  call,
  claimBody,
  expectProblem,
  keyFor,
  pdfBytes,
  pngBytes,
  seenProblemCodes,
  startApiTestEnv,
  stopApiTestEnv,
  upload,
  type ApiTestEnv,
} from "./api-helpers";
import { pgAvailable } from "./test-db";

describe.skipIf(!pgAvailable)("REST API v1 contract (PostgreSQL)", () => {
  let env: ApiTestEnv;
  let w: World;
  const keys = {} as Record<"partnerA" | "billingA" | "partnerB" | "reviewer" | "admin", string>;
  /** Timelines of fixture claims start two days ago, so that every window (consent, dispute) is still open. */
  const recently = () => new Date(Date.now() - 2 * DAY);

  beforeAll(async () => {
    env = await startApiTestEnv();
    w = await createWorld(env.t.db);
    keys.partnerA = await keyFor(env.t.db, w.partnerA.email);
    keys.billingA = await keyFor(env.t.db, w.billingA.email);
    keys.partnerB = await keyFor(env.t.db, w.partnerB.email);
    keys.reviewer = await keyFor(env.t.db, w.reviewer.email);
    keys.admin = await keyFor(env.t.db, w.admin.email);
  });
  afterAll(async () => {
    await stopApiTestEnv(env);
  });
  afterEach(() => {
    delete process.env.API_RATE_LIMIT_PER_MINUTE;
  });

  async function newClaim(key = keys.partnerA, mpnId = w.orgA.mpnIds[0], overrides: Record<string, unknown> = {}) {
    const created = await call("POST", "/claims", { key, json: claimBody(mpnId, overrides) });
    expect(created.status, created.text).toBe(201);
    return claimResourceSchema.parse(created.body);
  }

  async function submittedClaim(key = keys.partnerA, mpnId = w.orgA.mpnIds[0], overrides: Record<string, unknown> = {}) {
    const claim = await newClaim(key, mpnId, overrides);
    expect((await upload(claim.id, key, "proof.pdf", pdfBytes())).status).toBe(201);
    const submitted = await call("POST", `/claims/${claim.id}/actions/submit`, { key, json: {} });
    expect(submitted.status, submitted.text).toBe(200);
    return claimResourceSchema.parse(submitted.body);
  }

  describe("authentication", () => {
    it("401 UNAUTHENTICATED problem+json with WWW-Authenticate for a missing, malformed, unknown or non-Bearer key", async () => {
      const wellFormedUnknown = `cpor_0123abcd_${"A".repeat(43)}`;
      const attempts: Record<string, string>[] = [
        {},
        { Authorization: "Bearer not-a-key" },
        { Authorization: `Bearer ${wellFormedUnknown}` },
        { Authorization: `Basic ${Buffer.from("user:pass").toString("base64")}` },
        { Authorization: `${keys.partnerA}` },
      ];
      for (const headers of attempts) {
        const result = await call("GET", "/claims", { headers });
        const problem = expectProblem(result, 401, "UNAUTHENTICATED");
        expect(result.headers.get("www-authenticate")).toBe('Bearer realm="cpor-api"');
        expect(problem.detail).toMatch(/key/i);
      }
    });

    it("accepts the Bearer scheme in any case and records the key's last use", async () => {
      const key = await keyFor(env.t.db, w.partnerA.email, "last used");
      const before = await env.t.db.apiKey.findFirstOrThrow({ where: { name: "last used" } });
      expect(before.lastUsedAt).toBeNull();
      expect((await call("GET", "/claims", { headers: { Authorization: `bearer ${key}` } })).status).toBe(200);
      const after = await env.t.db.apiKey.findFirstOrThrow({ where: { name: "last used" } });
      expect(after.lastUsedAt).toBeInstanceOf(Date);
    });

    it("a revoked key and a deactivated user's key stop working at once", async () => {
      const revoked = await keyFor(env.t.db, w.partnerA.email, "to revoke");
      expect((await call("GET", "/claims", { key: revoked })).status).toBe(200);
      await env.t.db.apiKey.updateMany({ where: { name: "to revoke" }, data: { revokedAt: new Date() } });
      expectProblem(await call("GET", "/claims", { key: revoked }), 401, "UNAUTHENTICATED");

      const user = await env.t.db.user.create({
        data: { email: "leaver@contoso.test", name: "Leaver", role: "PARTNER_ADMIN", organizationId: w.orgA.id },
      });
      const leaverKey = await keyFor(env.t.db, user.email);
      expect((await call("GET", "/claims", { key: leaverKey })).status).toBe(200);
      await env.t.db.user.update({ where: { id: user.id }, data: { active: false } });
      expectProblem(await call("GET", "/claims", { key: leaverKey }), 401, "UNAUTHENTICATED");
    });

    it("authentication comes before everything else: an unknown claim without a key is 401, not 404", async () => {
      expectProblem(await call("GET", "/claims/no-such-claim"), 401, "UNAUTHENTICATED");
      expectProblem(await call("POST", "/claims/no-such-claim/actions/submit", { json: {} }), 401, "UNAUTHENTICATED");
    });
  });

  describe("claims", () => {
    it("POST /claims → 201 claim in EDITING, version 0, ETag and Location; unknown fields are ignored", async () => {
      const body = { ...claimBody(w.orgA.mpnIds[0]), status: "APPROVED", version: 99, organizationId: w.orgB.id, foo: 1 };
      const result = await call("POST", "/claims", { key: keys.partnerA, json: body });
      expect(result.status, result.text).toBe(201);
      const claim = claimResourceSchema.parse(result.body);
      expect(claim).toMatchObject({ status: "EDITING", version: 0, organizationId: w.orgA.id, mpnId: w.orgA.mpnIds[0] });
      expect(claim.number).toMatch(/^CPOR-\d{6,}$/);
      expect(result.headers.get("etag")).toBe('"0"');
      expect(result.headers.get("location")).toBe(`/api/v1/claims/${claim.id}`);
      expect(result.headers.get("content-type")).toMatch(/^application\/json/);
      expect(result.body).not.toHaveProperty("foo");
    });

    it("POST /claims with invalid fields → 422 VALIDATION listing dotted paths", async () => {
      const body = claimBody(w.orgA.mpnIds[0], {
        customer: { tenantId: "not-a-guid", domain: "contoso.com", name: "Contoso" },
        program: "XYZ",
      });
      const problem = expectProblem(await call("POST", "/claims", { key: keys.partnerA, json: body }), 422, "VALIDATION");
      expect(problem.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(["customer.tenantId", "program"]));
      for (const error of problem.errors ?? []) expect(error.message.length).toBeGreaterThan(5);
    });

    it("a line break in a single-line field → 422 VALIDATION on that field; commentary stays multi-line", async () => {
      const body = claimBody(w.orgA.mpnIds[0], {
        customer: { tenantId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301", domain: "contoso.com", name: "Contoso\r\nBcc: x@evil.test" },
        commentary: "Line one\nline two",
      });
      const problem = expectProblem(await call("POST", "/claims", { key: keys.partnerA, json: body }), 422, "VALIDATION");
      expect(problem.errors).toEqual([{ path: "customer.name", code: expect.any(String), message: "Write this on one line: remove the line breaks" }]);
    });

    it("another organization's MPN ID is a validation error on mpnId", async () => {
      const problem = expectProblem(
        await call("POST", "/claims", { key: keys.partnerA, json: claimBody(w.orgB.mpnIds[0]) }),
        422,
        "VALIDATION",
      );
      expect(problem.errors).toEqual([{ path: "mpnId", code: "INVALID", message: expect.any(String) }]);
    });

    it("malformed JSON → 422 VALIDATION with a clear message; a JSON array → 422 as well", async () => {
      const malformed = await call("POST", "/claims", {
        key: keys.partnerA,
        body: '{"mpnId": "1234567",',
        headers: { "Content-Type": "application/json" },
      });
      const problem = expectProblem(malformed, 422, "VALIDATION");
      expect(problem.detail).toMatch(/not valid JSON/);
      expect(problem.errors?.[0]?.path).toBe("");
      expectProblem(await call("POST", "/claims", { key: keys.partnerA, json: [1, 2] }), 422, "VALIDATION");
    });

    it("a JSON body over 1 MB → 413 PAYLOAD_TOO_LARGE", async () => {
      const huge = JSON.stringify({ commentary: "x".repeat(1024 * 1024 + 10) });
      expectProblem(
        await call("POST", "/claims", { key: keys.partnerA, body: huge, headers: { "Content-Type": "application/json" } }),
        413,
        "PAYLOAD_TOO_LARGE",
      );
    });

    it("role before body: a reviewer creating a claim is 403 even with an invalid body", async () => {
      expectProblem(await call("POST", "/claims", { key: keys.reviewer, json: { nonsense: true } }), 403, "FORBIDDEN");
      expectProblem(await call("POST", "/claims", { key: keys.admin, json: claimBody(w.orgA.mpnIds[0]) }), 403, "FORBIDDEN");
    });

    it("GET /claims/{id} → 200 with ETag; another organization's claim answers exactly like a missing one", async () => {
      const claim = await newClaim();
      const own = await call("GET", `/claims/${claim.id}`, { key: keys.billingA });
      expect(own.status).toBe(200);
      expect(claimResourceSchema.parse(own.body)).toEqual(claim);
      expect(own.headers.get("etag")).toBe('"0"');

      const foreign = await call("GET", `/claims/${claim.id}`, { key: keys.partnerB });
      const missing = await call("GET", `/claims/does-not-exist`, { key: keys.partnerB });
      expectProblem(foreign, 404, "NOT_FOUND");
      expect(foreign.text).toBe(missing.text);
      // Reviewers never see a partner's EDITING draft; admins read everything.
      expect(await call("GET", `/claims/${claim.id}`, { key: keys.reviewer }).then((r) => r.text)).toBe(missing.text);
      expect((await call("GET", `/claims/${claim.id}`, { key: keys.admin })).status).toBe(200);
    });

    it("PATCH: If-Match bare or quoted; 428 without it; 409 CONFLICT when stale; 422 for a malformed one", async () => {
      const claim = await newClaim();
      const url = `/claims/${claim.id}`;
      expectProblem(await call("PATCH", url, { key: keys.partnerA, json: { commentary: "a" } }), 428, "PRECONDITION_REQUIRED");
      expectProblem(
        await call("PATCH", url, { key: keys.partnerA, json: { commentary: "a" }, headers: { "If-Match": "v0" } }),
        422,
        "VALIDATION",
      );

      const bare = await call("PATCH", url, { key: keys.partnerA, json: { commentary: "first" }, headers: { "If-Match": "0" } });
      expect(bare.status, bare.text).toBe(200);
      expect(claimResourceSchema.parse(bare.body)).toMatchObject({ version: 1, commentary: "first" });
      expect(bare.headers.get("etag")).toBe('"1"');

      const quoted = await call("PATCH", url, {
        key: keys.partnerA,
        json: { commentary: "second", unknownField: true },
        headers: { "If-Match": '"1"' },
      });
      expect(quoted.status, quoted.text).toBe(200);
      expect(quoted.body).toMatchObject({ version: 2, commentary: "second" });

      const stale = await call("PATCH", url, { key: keys.partnerA, json: { commentary: "late" }, headers: { "If-Match": '"1"' } });
      expectProblem(stale, 409, "CONFLICT");
      expect((await call("GET", url, { key: keys.partnerA })).body).toMatchObject({ version: 2, commentary: "second" });
    });

    it("PATCH check order: 404 for a foreign claim and 422 for a bad body come before the missing If-Match", async () => {
      const claim = await newClaim();
      expectProblem(await call("PATCH", `/claims/${claim.id}`, { key: keys.partnerB, json: { commentary: "x" } }), 404, "NOT_FOUND");
      const submitted = await submittedClaim();
      expectProblem(await call("PATCH", `/claims/${submitted.id}`, { key: keys.reviewer, json: { commentary: "x" } }), 403, "FORBIDDEN");
      expectProblem(await call("PATCH", `/claims/${claim.id}`, { key: keys.partnerA, json: { mpnId: "12" } }), 422, "VALIDATION");
    });

    it("PATCH of a field not editable in the current status → 422 and nothing is applied", async () => {
      const claim = await submittedClaim();
      const result = await call("PATCH", `/claims/${claim.id}`, {
        key: keys.partnerA,
        json: { commentary: "changed", program: "OSA" },
        headers: { "If-Match": String(claim.version) },
      });
      const problem = expectProblem(result, 422, "VALIDATION");
      expect(problem.errors?.map((e) => e.path)).toEqual(["program"]);
      const after = await call("GET", `/claims/${claim.id}`, { key: keys.partnerA });
      expect(after.body).toMatchObject({ version: claim.version, commentary: claim.commentary, program: "OSU" });
    });

    it("GET /claims → the page shape, counts, filters, sort and paging; 422 for pageSize > 100", async () => {
      const first = await newClaim(keys.partnerB, w.orgB.mpnIds[0], { customer: { tenantId: crypto.randomUUID(), domain: "zeta-one.example", name: "Zeta One" } });
      const second = await newClaim(keys.partnerB, w.orgB.mpnIds[0], { customer: { tenantId: crypto.randomUUID(), domain: "zeta-two.example", name: "Zeta Two" } });
      const list = await call("GET", "/claims?pageSize=100", { key: keys.partnerB });
      expect(list.status).toBe(200);
      const page = claimListResponseSchema.parse(list.body);
      expect(page).toMatchObject({ page: 1, pageSize: 100 });
      expect(page.items.every((c) => c.organizationId === w.orgB.id)).toBe(true);
      expect(page.total).toBe(page.items.length);
      expect(page.counts.EDITING).toBe(page.items.filter((c) => c.status === "EDITING").length);
      // default sort -updatedAt: the newest first
      expect(page.items[0].id).toBe(second.id);

      const paged = claimListResponseSchema.parse((await call("GET", "/claims?pageSize=1&page=2&sort=createdAt&q=zeta", { key: keys.partnerB })).body);
      expect(paged).toMatchObject({ page: 2, pageSize: 1, total: 2 });
      expect(paged.items.map((c) => c.id)).toEqual([second.id]);
      expect(paged.nextCursor).toBeNull();
      // Keyset paging: page 1's nextCursor reads page 2; the ceiling and a tampered cursor are 422s.
      const firstPage = claimListResponseSchema.parse((await call("GET", "/claims?pageSize=1&sort=createdAt&q=zeta", { key: keys.partnerB })).body);
      expect(firstPage.nextCursor).toEqual(expect.any(String));
      const byCursor = claimListResponseSchema.parse(
        (await call("GET", `/claims?pageSize=1&sort=createdAt&q=zeta&cursor=${firstPage.nextCursor}`, { key: keys.partnerB })).body,
      );
      expect(byCursor).toMatchObject({ page: 2, nextCursor: null });
      expect(byCursor.items.map((c) => c.id)).toEqual([second.id]);
      const ceiling = expectProblem(await call("GET", "/claims?pageSize=25&page=401", { key: keys.partnerB }), 422, "VALIDATION");
      expect(ceiling.errors?.[0]).toMatchObject({ path: "page", message: expect.stringContaining("cursor") });
      const otherSort = expectProblem(
        await call("GET", `/claims?pageSize=1&sort=-createdAt&q=zeta&cursor=${firstPage.nextCursor}`, { key: keys.partnerB }),
        422,
        "VALIDATION",
      );
      expect(otherSort.errors?.[0]?.path).toBe("cursor");
      expectProblem(await call("GET", `/claims?cursor=${firstPage.nextCursor!.slice(0, -3)}`, { key: keys.partnerB }), 422, "VALIDATION");

      const byNumber = claimListResponseSchema.parse((await call("GET", `/claims?q=${first.number}`, { key: keys.partnerB })).body);
      expect(byNumber.items.map((c) => c.id)).toEqual([first.id]);
      // The other organization's search finds nothing of B's.
      const foreign = claimListResponseSchema.parse((await call("GET", `/claims?q=${first.number}`, { key: keys.partnerA })).body);
      expect(foreign.items).toEqual([]);

      const tooBig = expectProblem(await call("GET", "/claims?pageSize=101", { key: keys.partnerB }), 422, "VALIDATION");
      expect(tooBig.errors?.[0]?.path).toBe("pageSize");
      expectProblem(await call("GET", "/claims?status=NOPE&sort=sideways", { key: keys.partnerB }), 422, "VALIDATION");
      // Blank filters mean "no filter"; unknown parameters are ignored.
      expect((await call("GET", "/claims?status=&q=&whatever=1", { key: keys.partnerB })).status).toBe(200);
    });

    it("reviewers' list never holds EDITING claims; admins' holds every organization's", async () => {
      await newClaim();
      const reviewer = claimListResponseSchema.parse((await call("GET", "/claims?pageSize=100", { key: keys.reviewer })).body);
      expect(reviewer.items.some((c) => c.status === "EDITING")).toBe(false);
      const admin = claimListResponseSchema.parse((await call("GET", "/claims?pageSize=100&status=EDITING", { key: keys.admin })).body);
      expect(new Set(admin.items.map((c) => c.organizationId))).toEqual(new Set([w.orgA.id, w.orgB.id]));
    });
  });

  describe("proof of execution", () => {
    it("POST /poe streams the raw body: 201 item with the server's SHA-256; the name is URL-decoded", async () => {
      const claim = await newClaim();
      const bytes = pdfBytes("signed statement of work");
      const result = await upload(claim.id, keys.partnerA, "Énoncé de travail (signé).pdf", bytes);
      expect(result.status, result.text).toBe(201);
      const item = poeItemSchema.parse(result.body);
      expect(item).toMatchObject({
        fileName: "Énoncé de travail (signé).pdf",
        size: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        contentType: "application/pdf",
      });
      expect(result.headers.get("location")).toBe(`/api/v1/claims/${claim.id}/poe/${item.id}`);
      const after = claimResourceSchema.parse((await call("GET", `/claims/${claim.id}`, { key: keys.partnerA })).body);
      expect(after.poe).toEqual([item]);
    });

    it("a body streamed without Content-Length (chunked) is stored too", async () => {
      const claim = await newClaim();
      const bytes = pdfBytes("chunked");
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(bytes.subarray(0, 10)));
          controller.enqueue(new Uint8Array(bytes.subarray(10)));
          controller.close();
        },
      });
      const result = await call("POST", `/claims/${claim.id}/poe`, {
        key: keys.partnerA,
        body: stream,
        headers: { "X-File-Name": "chunked.pdf" },
      });
      expect(result.status, result.text).toBe(201);
      expect(result.body.size).toBe(bytes.length);
    });

    it("GET /poe/{poeId} → the bytes as an attachment with nosniff; 404 for another organization and for an unknown file", async () => {
      const claim = await newClaim();
      const bytes = pdfBytes("download me");
      const item = (await upload(claim.id, keys.partnerA, "sow.pdf", bytes)).body;
      const url = `/claims/${claim.id}/poe/${item.id}`;
      const download = await call("GET", url, { key: keys.billingA });
      expect(download.status).toBe(200);
      expect(download.bytes.equals(bytes)).toBe(true);
      expect(download.headers.get("content-type")).toBe("application/pdf");
      // content-disposition quotes a name only when it must (RFC 6266 token form otherwise).
      expect(download.headers.get("content-disposition")).toBe("attachment; filename=sow.pdf");
      expect(download.headers.get("x-content-type-options")).toBe("nosniff");
      expect((await call("GET", url, { key: keys.admin })).status).toBe(200);

      const foreign = await call("GET", url, { key: keys.partnerB });
      expectProblem(foreign, 404, "NOT_FOUND");
      expect(foreign.text).toBe((await call("GET", `/claims/nope/poe/${item.id}`, { key: keys.partnerB })).text);
      expectProblem(await call("GET", `/claims/${claim.id}/poe/nope`, { key: keys.partnerA }), 404, "NOT_FOUND");
      // EDITING drafts are private to the partner: reviewers get 404 for their files too.
      expectProblem(await call("GET", url, { key: keys.reviewer }), 404, "NOT_FOUND");
    });

    it("GET /poe/{poeId}: the ETag is the stored SHA-256; If-None-Match with it → 304 without a body, another → 200", async () => {
      const claim = await newClaim();
      const bytes = pdfBytes("cache me");
      const item = poeItemSchema.parse((await upload(claim.id, keys.partnerA, "Relevé signé.pdf", bytes)).body);
      const url = `/claims/${claim.id}/poe/${item.id}`;
      const first = await call("GET", url, { key: keys.partnerA });
      expect(first.headers.get("etag")).toBe(`"${item.sha256}"`);
      // A name outside ASCII: an ASCII fallback and the exact name in RFC 8187 form.
      expect(first.headers.get("content-disposition")).toBe(
        `attachment; filename="Relev? sign?.pdf"; filename*=UTF-8''Relev%C3%A9%20sign%C3%A9.pdf`,
      );
      const unchanged = await call("GET", url, { key: keys.partnerA, headers: { "If-None-Match": `W/"x", "${item.sha256}"` } });
      expect(unchanged.status).toBe(304);
      expect(unchanged.bytes.length).toBe(0);
      expect(unchanged.headers.get("etag")).toBe(`"${item.sha256}"`);
      const changed = await call("GET", url, { key: keys.partnerA, headers: { "If-None-Match": '"0000"' } });
      expect(changed.status).toBe(200);
      expect(changed.bytes.equals(bytes)).toBe(true);
      // Visibility first: a foreign key learns nothing from a matching ETag.
      expectProblem(await call("GET", url, { key: keys.partnerB, headers: { "If-None-Match": `"${item.sha256}"` } }), 404, "NOT_FOUND");
    });

    it("a stored file that has gone missing → 500 INTERNAL problem, nothing of the cause in the body", async () => {
      const claim = await newClaim();
      const item = poeItemSchema.parse((await upload(claim.id, keys.partnerA, "lost.pdf", pdfBytes("lost"))).body);
      const row = await env.t.db.poeFile.findUniqueOrThrow({ where: { id: item.id } });
      await fs.rm(path.join(env.storageDir, row.storageKey));
      const errors = console.error;
      console.error = () => undefined; // the server logs the cause; the test only checks the answer
      try {
        const result = await call("GET", `/claims/${claim.id}/poe/${item.id}`, { key: keys.partnerA });
        const problem = expectProblem(result, 500, "INTERNAL");
        expect(problem.detail).toBe("Something went wrong. Try again later.");
        expect(result.text).not.toContain(row.storageKey);
      } finally {
        console.error = errors;
      }
    });

    it("415 for a refused type and for content that does not match the name; nothing is stored", async () => {
      const claim = await newClaim();
      const filesBefore = await countFiles(env.storageDir);
      expectProblem(await upload(claim.id, keys.partnerA, "tool.exe", Buffer.from("MZ....")), 415, "UNSUPPORTED_MEDIA_TYPE");
      const mismatch = expectProblem(await upload(claim.id, keys.partnerA, "proof.pdf", pngBytes()), 415, "UNSUPPORTED_MEDIA_TYPE");
      expect(mismatch.detail).toMatch(/png/);
      expect(await countFiles(env.storageDir)).toBe(filesBefore);
      expect((await call("GET", `/claims/${claim.id}`, { key: keys.partnerA })).body.poe).toEqual([]);
    });

    it("413 past the configured size limit, declared (Content-Length) or streamed; nothing is stored", async () => {
      const claim = await newClaim();
      await env.t.db.setting.upsert({
        where: { key: SLA_SETTINGS_KEY },
        create: { key: SLA_SETTINGS_KEY, value: { poeMaxBytes: 2048 } },
        update: { value: { poeMaxBytes: 2048 } },
      });
      try {
        const filesBefore = await countFiles(env.storageDir);
        const big = Buffer.concat([pdfBytes(), Buffer.alloc(4096, 0x20)]);
        const declared = await upload(claim.id, keys.partnerA, "big.pdf", big, { "Content-Length": String(big.length) });
        expect(expectProblem(declared, 413, "PAYLOAD_TOO_LARGE").detail).toMatch(/2 KB/);
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < 8; i++) controller.enqueue(new Uint8Array(big.subarray(i * 600, (i + 1) * 600)));
            controller.close();
          },
        });
        const streamed = await call("POST", `/claims/${claim.id}/poe`, { key: keys.partnerA, body: stream, headers: { "X-File-Name": "big.pdf" } });
        expectProblem(streamed, 413, "PAYLOAD_TOO_LARGE");
        expect(await countFiles(env.storageDir)).toBe(filesBefore);
      } finally {
        await env.t.db.setting.delete({ where: { key: SLA_SETTINGS_KEY } });
      }
    });

    it("upload refusals: reviewer 403, foreign 404, wrong status 409, no name or a bad encoding 422", async () => {
      const claim = await submittedClaim();
      expectProblem(await upload(claim.id, keys.reviewer, "x.pdf", pdfBytes()), 403, "FORBIDDEN");
      expectProblem(await upload(claim.id, keys.partnerB, "x.pdf", pdfBytes()), 404, "NOT_FOUND");
      expectProblem(await call("POST", `/claims/${claim.id}/poe`, { key: keys.partnerA, body: new Uint8Array(pdfBytes()) }), 422, "VALIDATION");
      expectProblem(
        await call("POST", `/claims/${claim.id}/poe`, { key: keys.partnerA, body: new Uint8Array(pdfBytes()), headers: { "X-File-Name": "%E0%A4%A.pdf" } }),
        422,
        "VALIDATION",
      );
      const { claim: approved } = await claimIn(env.t.db, w, "APPROVED", { start: recently() });
      expectProblem(await upload(approved.id, keys.partnerA, "late.pdf", pdfBytes()), 409, "INVALID_TRANSITION");
    });
  });

  describe("actions", () => {
    it("the whole lifecycle through the API, with comments and history", async () => {
      const claim = await newClaim();
      const submitWithoutPoe = expectProblem(
        await call("POST", `/claims/${claim.id}/actions/submit`, { key: keys.partnerA, json: { version: 0 } }),
        422,
        "VALIDATION",
      );
      expect(submitWithoutPoe.errors?.map((e) => e.path)).toEqual(["poe"]);
      await upload(claim.id, keys.partnerA, "sow.pdf", pdfBytes());
      const current = claimResourceSchema.parse((await call("GET", `/claims/${claim.id}`, { key: keys.partnerA })).body);
      const submitted = await call("POST", `/claims/${claim.id}/actions/submit`, { key: keys.partnerA, json: { version: current.version } });
      expect(submitted.status, submitted.text).toBe(200);
      expect(submitted.body).toMatchObject({ status: "SUBMITTED", version: current.version + 1 });
      expect(submitted.headers.get("etag")).toBe(`"${current.version + 1}"`);
      expect(claimResourceSchema.parse(submitted.body).submittedAt).toEqual(expect.any(String));

      const act = (action: string, key: string, json: unknown = {}) => call("POST", `/claims/${claim.id}/actions/${action}`, { key, json });
      expect((await act("start-review", keys.reviewer)).body).toMatchObject({ status: "UNDER_REVIEW" });
      expectProblem(await act("request-info", keys.reviewer, { comment: "Need the SOW" }), 422, "VALIDATION");
      const requested = await act("request-info", keys.reviewer, { reasonCodes: ["MISSING_PARTNER_SOLUTION"], comment: "Please attach the signed SOW." });
      expect(requested.body).toMatchObject({ status: "PARTNER_ACTION_REQUIRED", reasonCodes: ["MISSING_PARTNER_SOLUTION"] });
      const noResponse = expectProblem(await act("resubmit", keys.partnerA), 422, "VALIDATION");
      expect(noResponse.errors?.[0]?.path).toBe("comment");
      expect((await act("resubmit", keys.billingA, { comment: "Attached on page 2." })).body).toMatchObject({ status: "UNDER_REVIEW", reasonCodes: [] });
      expectProblem(await act("approve", keys.partnerA), 403, "FORBIDDEN");
      expectProblem(await act("approve", keys.admin), 403, "FORBIDDEN");
      const approved = await act("approve", keys.reviewer, { comment: "Looks good." });
      expect(approved.status).toBe(200);
      const resource = claimResourceSchema.parse(approved.body);
      expect(resource).toMatchObject({ status: "APPROVED", decidedAt: expect.any(String), consentEndsAt: expect.any(String) });
      // The customer's raw consent token never leaves through the API.
      expect(approved.text).not.toMatch(/consentToken/);

      const comments = commentListResponseSchema.parse((await call("GET", `/claims/${claim.id}/comments`, { key: keys.partnerA })).body);
      expect(comments.items.map((c) => [c.author.role, c.body])).toEqual([
        ["REVIEWER", "Please attach the signed SOW."],
        ["PARTNER_BILLING", "Attached on page 2."],
        ["REVIEWER", "Looks good."],
      ]);
      const history = historyResponseSchema.parse((await call("GET", `/claims/${claim.id}/history`, { key: keys.admin })).body);
      expect(history.items[0]).toMatchObject({ type: "CLAIM_CREATED", toStatus: "EDITING", actor: { id: w.partnerA.id, role: "PARTNER_ADMIN" } });
      const statuses = history.items.filter((e) => e.type === "STATUS_CHANGED").map((e) => e.toStatus);
      expect(statuses).toEqual(["SUBMITTED", "UNDER_REVIEW", "PARTNER_ACTION_REQUIRED", "UNDER_REVIEW", "APPROVED"]);
      const times = history.items.map((e) => e.at);
      expect([...times].sort()).toEqual(times);
    });

    it("a stale version in an action body → 409 CONFLICT; a wrong status → 409 INVALID_TRANSITION; nothing changes", async () => {
      const claim = await submittedClaim();
      expectProblem(
        await call("POST", `/claims/${claim.id}/actions/start-review`, { key: keys.reviewer, json: { version: claim.version - 1 } }),
        409,
        "CONFLICT",
      );
      expectProblem(await call("POST", `/claims/${claim.id}/actions/approve`, { key: keys.reviewer, json: {} }), 409, "INVALID_TRANSITION");
      expectProblem(await call("POST", `/claims/${claim.id}/actions/submit`, { key: keys.partnerA, json: {} }), 409, "INVALID_TRANSITION");
      expect((await call("GET", `/claims/${claim.id}`, { key: keys.partnerA })).body).toMatchObject({ status: "SUBMITTED", version: claim.version });
    });

    it("reject refuses the system's reasons (422); withdraw needs a comment and records PARTNER_REQUEST", async () => {
      const { claim } = await claimIn(env.t.db, w, "UNDER_REVIEW", { start: recently() });
      const refused = expectProblem(
        await call("POST", `/claims/${claim.id}/actions/reject`, { key: keys.reviewer, json: { reason: "PARTNER_REQUEST" } }),
        422,
        "VALIDATION",
      );
      expect(refused.errors?.[0]?.path).toBe("reason");
      const rejected = await call("POST", `/claims/${claim.id}/actions/reject`, {
        key: keys.reviewer,
        json: { reason: "INSUFFICIENT_POE", comment: "Unsigned." },
      });
      expect(rejected.body).toMatchObject({ status: "REJECTED", rejectionReason: "INSUFFICIENT_POE" });

      const other = await submittedClaim();
      expectProblem(await call("POST", `/claims/${other.id}/actions/withdraw`, { key: keys.partnerA, json: {} }), 422, "VALIDATION");
      const withdrawn = await call("POST", `/claims/${other.id}/actions/withdraw`, { key: keys.partnerA, json: { comment: "Wrong MPN ID" } });
      expect(withdrawn.body).toMatchObject({ status: "REJECTED", rejectionReason: "PARTNER_REQUEST", rejectionComment: "Wrong MPN ID" });
    });

    it("an unknown action is 404; a malformed action body is 422 only after visibility", async () => {
      const claim = await submittedClaim();
      expectProblem(await call("POST", `/claims/${claim.id}/actions/fly`, { key: keys.partnerA, json: {} }), 404, "NOT_FOUND");
      const notJson = { body: "{oops", headers: { "Content-Type": "application/json" } };
      expectProblem(await call("POST", `/claims/${claim.id}/actions/start-review`, { key: keys.partnerB, ...notJson }), 404, "NOT_FOUND");
      expectProblem(await call("POST", `/claims/${claim.id}/actions/start-review`, { key: keys.partnerA, ...notJson }), 403, "FORBIDDEN");
      const problem = expectProblem(await call("POST", `/claims/${claim.id}/actions/start-review`, { key: keys.reviewer, ...notJson }), 422, "VALIDATION");
      expect(problem.detail).toMatch(/not valid JSON/);
    });
  });

  describe("comments, history, conflicts", () => {
    it("POST /comments → 201 comment; admins read but may not comment (403); GET lists oldest first", async () => {
      const claim = await submittedClaim();
      const posted = await call("POST", `/claims/${claim.id}/comments`, { key: keys.reviewer, json: { body: "<b>Hi</b> partner" } });
      expect(posted.status, posted.text).toBe(201);
      expect(commentResourceSchema.parse(posted.body)).toMatchObject({ body: "<b>Hi</b> partner", author: { id: w.reviewer.id, role: "REVIEWER" } });
      expect((await call("POST", `/claims/${claim.id}/comments`, { key: keys.partnerA, json: { body: "Hello" } })).status).toBe(201);
      expectProblem(await call("POST", `/claims/${claim.id}/comments`, { key: keys.admin, json: { body: "Hello" } }), 403, "FORBIDDEN");
      expectProblem(await call("POST", `/claims/${claim.id}/comments`, { key: keys.partnerA, json: { body: "  " } }), 422, "VALIDATION");
      const list = commentListResponseSchema.parse((await call("GET", `/claims/${claim.id}/comments`, { key: keys.admin })).body);
      expect(list.items.map((c) => c.body)).toEqual(["<b>Hi</b> partner", "Hello"]);
      // Comments do not bump the version (README decision).
      expect((await call("GET", `/claims/${claim.id}`, { key: keys.partnerA })).body.version).toBe(claim.version);
    });

    it("history shows field edits as changes", async () => {
      const claim = await newClaim();
      await call("PATCH", `/claims/${claim.id}`, { key: keys.partnerA, json: { commentary: "Updated" }, headers: { "If-Match": "0" } });
      const history = historyResponseSchema.parse((await call("GET", `/claims/${claim.id}/history`, { key: keys.partnerA })).body);
      expect(history.items.map((e) => e.type)).toEqual(["CLAIM_CREATED", "FIELDS_UPDATED"]);
      expect(history.items[1].changes).toEqual([{ field: "commentary", from: "Deployed Teams.", to: "Updated" }]);
      expectProblem(await call("GET", `/claims/${claim.id}/history`, { key: keys.partnerB }), 404, "NOT_FOUND");
    });

    it("conflicts: another partner's competing claim shows without its number", async () => {
      const tenantId = crypto.randomUUID();
      const customer = { tenantId, domain: "shared-customer.example", name: "Shared Customer" };
      const mine = await submittedClaim(keys.partnerA, w.orgA.mpnIds[0], { customer });
      const theirs = await submittedClaim(keys.partnerB, w.orgB.mpnIds[0], { customer });
      const result = await call("GET", `/claims/${mine.id}/conflicts`, { key: keys.partnerA });
      const list = conflictListResponseSchema.parse(result.body);
      expect(list.items).toEqual([{ key: expect.stringContaining(tenantId), sameOrganization: false, status: "SUBMITTED" }]);
      const reviewerView = conflictListResponseSchema.parse((await call("GET", `/claims/${mine.id}/conflicts`, { key: keys.reviewer })).body);
      expect(reviewerView.items[0].claimNumber).toBe(theirs.number);
    });
  });

  describe("disputes", () => {
    it("open (201, once), list for reviewers (?status=OPEN), resolve (200, once); 409 and 403 where the contract says", async () => {
      const { claim } = await claimIn(env.t.db, w, "REJECTED", { start: recently() });
      const opened = await call("POST", `/claims/${claim.id}/disputes`, { key: keys.partnerA, json: { details: "The PoE is signed on page 2." } });
      expect(opened.status, opened.text).toBe(201);
      const dispute = disputeResourceSchema.parse(opened.body);
      expect(dispute).toMatchObject({ status: "OPEN", details: "The PoE is signed on page 2." });
      expectProblem(
        await call("POST", `/claims/${claim.id}/disputes`, { key: keys.partnerA, json: { details: "Again" } }),
        409,
        "INVALID_TRANSITION",
      );
      const notRejected = await submittedClaim();
      expectProblem(
        await call("POST", `/claims/${notRejected.id}/disputes`, { key: keys.partnerA, json: { details: "Why?" } }),
        409,
        "INVALID_TRANSITION",
      );
      expectProblem(await call("POST", `/claims/${claim.id}/disputes`, { key: keys.reviewer, json: { details: "x" } }), 403, "FORBIDDEN");

      // While the dispute is open the partner may upload new PoE.
      expect((await upload(claim.id, keys.partnerA, "new-proof.pdf", pdfBytes())).status).toBe(201);

      const open = disputeListResponseSchema.parse((await call("GET", "/disputes?status=OPEN", { key: keys.reviewer })).body);
      expect(open.items).toContainEqual({ ...dispute, claimId: claim.id, claimNumber: expect.stringMatching(/^CPOR-/) });
      expect((await call("GET", "/disputes", { key: keys.admin })).status).toBe(200);
      expectProblem(await call("GET", "/disputes?status=OPEN", { key: keys.partnerA }), 403, "FORBIDDEN");
      expectProblem(await call("GET", "/disputes?status=MAYBE", { key: keys.reviewer }), 422, "VALIDATION");

      const resolveUrl = `/disputes/${dispute.id}/resolve`;
      expectProblem(await call("POST", resolveUrl, { key: keys.reviewer, json: { outcome: "OVERTURN" } }), 422, "VALIDATION");
      expectProblem(await call("POST", resolveUrl, { key: keys.partnerA, json: { outcome: "OVERTURN", comment: "x" } }), 403, "FORBIDDEN");
      const resolved = await call("POST", resolveUrl, { key: keys.reviewer, json: { outcome: "OVERTURN", comment: "Signed indeed." } });
      expect(resolved.status, resolved.text).toBe(200);
      expect(disputeResourceSchema.parse(resolved.body)).toMatchObject({ status: "OVERTURNED", comment: "Signed indeed.", resolvedAt: expect.any(String) });
      expect((await call("GET", `/claims/${claim.id}`, { key: keys.partnerA })).body).toMatchObject({ status: "UNDER_REVIEW" });
      expectProblem(await call("POST", resolveUrl, { key: keys.reviewer, json: { outcome: "UPHOLD", comment: "again" } }), 409, "INVALID_TRANSITION");
      expectProblem(await call("POST", "/disputes/nope/resolve", { key: keys.reviewer, json: { outcome: "UPHOLD", comment: "x" } }), 404, "NOT_FOUND");
      // Another organization's dispute answers exactly like a missing one: same status, same body.
      const missing = await call("POST", "/disputes/nope/resolve", { key: keys.partnerB, json: { outcome: "UPHOLD", comment: "x" } });
      const foreign = await call("POST", resolveUrl, { key: keys.partnerB, json: { outcome: "UPHOLD", comment: "x" } });
      expectProblem(foreign, 404, "NOT_FOUND");
      expect(foreign.body).toEqual(missing.body);
      const after = disputeListResponseSchema.parse((await call("GET", "/disputes?status=OPEN", { key: keys.reviewer })).body);
      expect(after.items.map((d) => d.id)).not.toContain(dispute.id);
    });
  });

  describe("customer consent (no API key)", () => {
    it("deny → 200 and the claim is rejected; a second use → 410; unknown token → 404", async () => {
      const { claim, consentToken } = await claimIn(env.t.db, w, "APPROVED", { start: recently() });
      const denied = await call("POST", `/consent/${consentToken}/deny`, { json: { reason: "We never worked with them." } });
      expect(denied.status, denied.text).toBe(200);
      expect(consentDenyResultSchema.parse(denied.body)).toEqual({ denied: true, claimNumber: expect.stringMatching(/^CPOR-/) });
      expect((await call("GET", `/claims/${claim.id}`, { key: keys.partnerA })).body).toMatchObject({
        status: "REJECTED",
        rejectionReason: "CUSTOMER_DECLINE",
      });
      expectProblem(await call("POST", `/consent/${consentToken}/deny`, { json: {} }), 410, "GONE");
      expectProblem(await call("POST", `/consent/not-a-token/deny`, { json: {} }), 404, "NOT_FOUND");
    });

    it("after the consent window → 410 GONE; an empty body is fine; a malformed one is 422", async () => {
      const old = await claimIn(env.t.db, w, "APPROVED", { start: new Date(Date.now() - 10 * DAY) });
      expectProblem(await call("POST", `/consent/${old.consentToken}/deny`), 410, "GONE");
      const fresh = await claimIn(env.t.db, w, "APPROVED", { start: recently() });
      expectProblem(
        await call("POST", `/consent/${fresh.consentToken}/deny`, { body: "reason=no", headers: { "Content-Type": "application/json" } }),
        422,
        "VALIDATION",
      );
      expect((await call("POST", `/consent/${fresh.consentToken}/deny`)).status).toBe(200);
    });
  });

  describe("CSV export", () => {
    it("streams text/csv with a header row and only what the caller may see; same filters as the list", async () => {
      const mine = await newClaim();
      const theirs = await newClaim(keys.partnerB, w.orgB.mpnIds[0]);
      const result = await call("GET", "/claims/export.csv?status=EDITING", { key: keys.partnerA });
      expect(result.status).toBe(200);
      expect(result.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(result.headers.get("content-disposition")).toMatch(/^attachment; filename="claims-\d{4}-\d{2}-\d{2}\.csv"$/);
      const lines = result.text.trimEnd().split("\r\n");
      expect(lines[0]).toBe(CSV_COLUMNS.join(","));
      expect(result.text).toContain(mine.number);
      expect(result.text).not.toContain(theirs.number);
      const total = claimListResponseSchema.parse((await call("GET", "/claims?status=EDITING", { key: keys.partnerA })).body).total;
      expect(lines.length - 1).toBe(total);
      expectProblem(await call("GET", "/claims/export.csv?overdue=perhaps", { key: keys.partnerA }), 422, "VALIDATION");
      expectProblem(await call("GET", "/claims/export.csv"), 401, "UNAUTHENTICATED");
    });
  });

  describe("GET /me", () => {
    it("a partner: user, role, language and the organization with its MPN IDs", async () => {
      const result = await call("GET", "/me", { key: keys.billingA });
      expect(result.status).toBe(200);
      const me = meResourceSchema.parse(result.body);
      expect(me).toEqual({
        id: w.billingA.id,
        email: w.billingA.email,
        name: expect.any(String),
        role: "PARTNER_BILLING",
        language: "en",
        organization: {
          id: w.orgA.id,
          name: "Contoso Partners Ltd",
          mpnIds: [...w.orgA.mpnIds].sort().map((mpnId) => ({ mpnId, active: true })),
        },
      });
    });

    it("reviewers and admins have no organization; without a key 401", async () => {
      for (const [key, role] of [[keys.reviewer, "REVIEWER"], [keys.admin, "ADMIN"]] as const) {
        const me = meResourceSchema.parse((await call("GET", "/me", { key })).body);
        expect(me).toMatchObject({ role, organization: null });
      }
      expectProblem(await call("GET", "/me"), 401, "UNAUTHENTICATED");
    });
  });

  describe("everything is problem+json", () => {
    it("unknown paths under /api/v1 → 404 NOT_FOUND; a method a path does not accept → 405 METHOD_NOT_ALLOWED with Allow", async () => {
      expectProblem(await call("GET", "/nothing/here", { key: keys.partnerA }), 404, "NOT_FOUND");
      expectProblem(await call("GET", "/claims/x/unknown/deeper"), 404, "NOT_FOUND");
      const claim = await newClaim();
      const put = await call("PUT", `/claims/${claim.id}`, { key: keys.partnerA, json: {} });
      expectProblem(put, 405, "METHOD_NOT_ALLOWED");
      expect(put.headers.get("allow")).toMatch(/^GET, PATCH\b/);
      expect((await call("GET", `/claims/${claim.id}`, { key: keys.partnerA })).status).toBe(200);
      const post = await call("POST", "/openapi.json");
      expectProblem(post, 405, "METHOD_NOT_ALLOWED");
      expect(post.headers.get("allow")).toBe("GET");
    });

    it("GET /openapi.json needs no key", async () => {
      const result = await call("GET", "/openapi.json");
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ openapi: "3.1.0", info: { title: expect.any(String) } });
    });
  });

  describe("rate limiting", () => {
    // The counters live in the shared RateLimit table: each test starts from none.
    beforeEach(async () => {
      await env.t.db.rateLimit.deleteMany();
    });

    it("each user gets API_RATE_LIMIT_PER_MINUTE requests, then 429 RATE_LIMITED with Retry-After; other users are unaffected", async () => {
      process.env.API_RATE_LIMIT_PER_MINUTE = "3";
      const key = await keyFor(env.t.db, w.partnerA.email, "limited");
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await call("GET", "/claims?pageSize=1", { key }));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(answers.map((a) => a.headers.get("x-ratelimit-remaining"))).toEqual(["2", "1", "0"]);
      expect(answers[0].headers.get("x-ratelimit-limit")).toBe("3");
      const limited = await call("GET", "/claims?pageSize=1", { key });
      const problem = expectProblem(limited, 429, "RATE_LIMITED");
      // A fixed one-minute window: at most a minute to wait.
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
      expect(problem.detail).toMatch(/3 requests per minute/);
      expect((await call("GET", "/claims?pageSize=1", { key: keys.billingA })).status).toBe(200);
      // Refusals of an authenticated request count and say so too.
      const other = await keyFor(env.t.db, w.reviewer.email, "limited reviewer");
      const refused = await call("POST", "/claims", { key: other, json: {} });
      expectProblem(refused, 403, "FORBIDDEN");
      expect(refused.headers.get("x-ratelimit-remaining")).toBe("2");
    });

    it("all of a user's keys share one budget: a second key does not double it", async () => {
      process.env.API_RATE_LIMIT_PER_MINUTE = "4";
      const first = await keyFor(env.t.db, w.partnerB.email, "first");
      const second = await keyFor(env.t.db, w.partnerB.email, "second");
      const answers = [];
      for (const key of [first, second, first, second]) answers.push(await call("GET", "/me", { key }));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect(answers.map((a) => a.headers.get("x-ratelimit-remaining"))).toEqual(["3", "2", "1", "0"]);
      expectProblem(await call("GET", "/me", { key: second }), 429, "RATE_LIMITED");
      expectProblem(await call("GET", "/me", { key: first }), 429, "RATE_LIMITED");
    });

    it("unauthenticated requests (bad keys, the consent endpoint) share the client address's budget", async () => {
      process.env.API_RATE_LIMIT_PER_MINUTE = "3";
      const unknown = `cpor_0123abcd_${"B".repeat(43)}`;
      expectProblem(await call("GET", "/me", { key: unknown }), 401, "UNAUTHENTICATED");
      expectProblem(await call("GET", "/me"), 401, "UNAUTHENTICATED");
      expectProblem(await call("POST", "/consent/not-a-token/deny", { json: {} }), 404, "NOT_FOUND");
      // The budget is spent: the next bad key, and the next consent attempt, are refused before any lookup.
      const refused = await call("GET", "/me", { key: unknown });
      expectProblem(refused, 429, "RATE_LIMITED");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expectProblem(await call("POST", "/consent/not-a-token/deny", { json: {} }), 429, "RATE_LIMITED");
      // A valid key is not an unauthenticated request: its user's budget is its own.
      expect((await call("GET", "/me", { key: keys.partnerA })).status).toBe(200);
    });
  });

  it("a database that cannot be reached → 503 UNAVAILABLE with Retry-After, nothing of the cause shown", async () => {
    const saved = process.env.DATABASE_URL;
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    await closeDb();
    // Port 1 on the loopback: nothing listens there, so the real driver adapter's connection is refused.
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/postgres";
    try {
      const result = await call("GET", "/claims", { key: keys.partnerA });
      const problem = expectProblem(result, 503, "UNAVAILABLE");
      expect(result.headers.get("retry-after")).toBe("30");
      expect(problem.detail).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|5432/);
    } finally {
      await closeDb();
      process.env.DATABASE_URL = saved;
      quiet.mockRestore();
    }
    expect((await call("GET", "/me", { key: keys.partnerA })).status).toBe(200);
  });

  it("every problem code of the contract was answered by some test above", () => {
    expect([...seenProblemCodes].sort()).toEqual([...PROBLEM_CODES].sort());
  });
});

async function countFiles(dir: string): Promise<number> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && !path.basename(e.name).startsWith(".")).length;
}
