// The S3 implementation of the file storage against a real S3 protocol peer: s3rver, started here on 127.0.0.1.
// Streams in and out (a 12 MB file crosses three multipart parts), refuses past the limit leaving no object,
// lists and deletes, and serves the partner's upload and download through the real API routes with STORAGE=s3.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../fixtures/claims";
import { FileTooLargeError, type FileStorage } from "../../lib/storage/file-storage";
import { s3ConfigFromEnv, s3Storage } from "../../lib/storage/s3-storage";
import { call, claimBody, keyFor, pdfBytes, startApiTestEnv, stopApiTestEnv, upload, type ApiTestEnv } from "./api-helpers";
import { pgAvailable } from "./test-db";

const BUCKET = "cpor-test";

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function keysOf(storage: FileStorage): Promise<string[]> {
  const keys: string[] = [];
  for await (const entry of storage.list()) keys.push(entry.key);
  return keys;
}

describe("S3 file storage (s3rver on 127.0.0.1)", () => {
  let server: S3rver;
  let dir: string;
  let storage: FileStorage;
  const env: Record<string, string> = {};

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "cpor-s3rver-"));
    server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    const { port } = (await server.run()) as unknown as { port: number };
    Object.assign(env, {
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_PREFIX: "poe/",
    });
    storage = s3Storage(s3ConfigFromEnv(env));
  });
  afterAll(async () => {
    await server?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("streams a multi-part file in and out, with its size and SHA-256", async () => {
    const bytes = Buffer.alloc(12 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i % 251;
    const stored = await storage.put(Readable.from([bytes.subarray(0, 7_000_000), bytes.subarray(7_000_000)]), { maxBytes: 20 * 1024 * 1024 });
    expect(stored.size).toBe(bytes.length);
    expect(stored.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect((await drain(storage.read(stored.key))).equals(bytes)).toBe(true);
    expect((await storage.head(stored.key, 8)).equals(bytes.subarray(0, 8))).toBe(true);
    expect(await keysOf(storage)).toContain(stored.key);
    await storage.delete(stored.key);
    expect(await keysOf(storage)).not.toContain(stored.key);
  });

  it("refuses a file past the limit and leaves no object behind", async () => {
    const before = await keysOf(storage);
    const big = Readable.from([Buffer.alloc(6 * 1024 * 1024), Buffer.alloc(6 * 1024 * 1024)]);
    await expect(storage.put(big, { maxBytes: 8 * 1024 * 1024 })).rejects.toBeInstanceOf(FileTooLargeError);
    expect(await keysOf(storage)).toEqual(before);
  });

  it("rejects keys it did not make (no path or object-name injection)", () => {
    expect(() => storage.read("../etc/passwd")).toThrow(/Invalid storage key/);
  });

  describe.skipIf(!pgAvailable)("through the API with STORAGE=s3 (PostgreSQL)", () => {
    let api: ApiTestEnv;
    let w: World;
    const saved: Record<string, string | undefined> = {};

    beforeAll(async () => {
      for (const [name, value] of Object.entries({ ...env, STORAGE: "s3" })) {
        saved[name] = process.env[name];
        process.env[name] = value;
      }
      api = await startApiTestEnv();
      w = await createWorld(api.t.db);
    });
    afterAll(async () => {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await stopApiTestEnv(api);
    });

    it("a partner's PoE goes to the bucket and comes back byte for byte; another organization gets 404", async () => {
      const key = await keyFor(api.t.db, w.partnerA.email);
      const created = await call("POST", "/claims", { key, json: claimBody(w.orgA.mpnIds[0]) });
      expect(created.status).toBe(201);
      const claimId = (created.body as { id: string }).id;
      const bytes = pdfBytes("stored in S3");
      const uploaded = await upload(claimId, key, "sow.pdf", bytes);
      expect(uploaded.status).toBe(201);
      const poeId = (uploaded.body as { id: string }).id;
      const download = await call("GET", `/claims/${claimId}/poe/${poeId}`, { key });
      expect(download.status).toBe(200);
      expect(download.bytes.equals(bytes)).toBe(true);
      expect((await keysOf(storage)).length).toBeGreaterThan(0);
      expect(await api.t.db.poeFile.count()).toBe(1);
      const other = await call("GET", `/claims/${claimId}/poe/${poeId}`, { key: await keyFor(api.t.db, w.partnerB.email) });
      expect(other.status).toBe(404);
    });
  });
});
