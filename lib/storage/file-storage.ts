// PoE files live behind this small interface: local disk by default; an S3-compatible object store
// (lib/storage/s3-storage.ts, STORAGE=s3) implements the same methods for nodes that share no disk.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { PassThrough, Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

export interface StoredFile {
  key: string;
  size: number;
  sha256: string;
}

export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than the limit of ${limit} bytes.`);
    this.name = "FileTooLargeError";
  }
}

export interface FileStorage {
  /** Streams `body` to a new key, hashing as it goes; never holds the whole file in memory. Aborts past `maxBytes`. */
  put(body: Readable | ReadableStream<Uint8Array>, options: { maxBytes: number }): Promise<StoredFile>;
  /** Reads the first bytes (content sniffing) without reading the whole file. */
  head(key: string, bytes: number): Promise<Buffer>;
  read(key: string): Readable;
  delete(key: string): Promise<void>;
  /** Every stored key with its last write (the sweep's cleanup of files no claim references). */
  list(): AsyncIterable<{ key: string; modifiedAt: Date }>;
}

/**
 * Counts and hashes a file as it streams through, failing with FileTooLargeError past `maxBytes`: every storage
 * writes through one, so no file is ever held in memory whole.
 */
export function fileMeter(maxBytes: number): { stream: Transform; result(): { size: number; sha256: string } } {
  const hash = createHash("sha256");
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(new FileTooLargeError(maxBytes));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return { stream, result: () => ({ size, sha256: hash.digest("hex") }) };
}

export function nodeStreamOf(body: Readable | ReadableStream<Uint8Array>): Readable {
  return body instanceof Readable ? body : Readable.fromWeb(body as import("node:stream/web").ReadableStream);
}

/** Keys are generated here (UUIDs sharded by prefix): user input never becomes a path or an object name. */
export function newStorageKey(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}`;
}

export function isStorageKey(key: string): boolean {
  return /^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(key);
}

export function localDiskStorage(root = process.env.STORAGE_DIR || "./.data/files"): FileStorage {
  const base = path.resolve(/*turbopackIgnore: true*/ process.cwd(), root);
  const pathOf = (key: string) => {
    if (!isStorageKey(key)) throw new Error(`Invalid storage key ${key}`);
    return path.join(base, key);
  };
  return {
    async put(body, { maxBytes }) {
      const key = newStorageKey();
      const target = pathOf(key);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const meter = fileMeter(maxBytes);
      const file = createWriteStream(target, { flags: "wx" });
      try {
        await pipeline(nodeStreamOf(body), meter.stream, file);
      } catch (error) {
        // The file is opened asynchronously: a refusal in the first chunk can come before the open, which would
        // then create the file after our rm. Wait for the stream to be closed, then remove what it left.
        if (!file.closed) await new Promise<void>((resolve) => file.once("close", () => resolve()));
        await fs.rm(target, { force: true });
        throw error;
      }
      return { key, ...meter.result() };
    },
    async head(key, bytes) {
      const handle = await fs.open(pathOf(key), "r");
      try {
        const buffer = Buffer.alloc(bytes);
        const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    read(key) {
      return createReadStream(pathOf(key));
    },
    async delete(key) {
      await fs.rm(pathOf(key), { force: true });
    },
    async *list() {
      const shards = await fs.readdir(base, { withFileTypes: true }).catch(() => []);
      for (const shard of shards) {
        if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
        for (const name of await fs.readdir(path.join(base, shard.name))) {
          const key = `${shard.name}/${name}`;
          if (!isStorageKey(key)) continue;
          const stat = await fs.stat(path.join(base, key)).catch(() => null);
          if (stat) yield { key, modifiedAt: stat.mtime };
        }
      }
    },
  };
}

/** A storage whose implementation is imported when it is first used. */
function loadedOnFirstUse(load: () => Promise<FileStorage>): FileStorage {
  let loading: Promise<FileStorage> | undefined;
  const storage = () => (loading ??= load());
  return {
    put: async (body, options) => (await storage()).put(body, options),
    head: async (key, bytes) => (await storage()).head(key, bytes),
    read(key) {
      if (!isStorageKey(key)) throw new Error(`Invalid storage key ${key}`);
      const out = new PassThrough();
      storage().then(
        (s) => s.read(key).on("error", (error) => out.destroy(error)).pipe(out),
        (error: unknown) => out.destroy(error as Error),
      );
      return out;
    },
    delete: async (key) => (await storage()).delete(key),
    async *list() {
      yield* (await storage()).list();
    },
  };
}

let shared: FileStorage | undefined;
/** The configured storage: `STORAGE=s3` (lib/storage/s3-storage.ts), else the local disk under STORAGE_DIR. */
export function getFileStorage(): FileStorage {
  if (shared) return shared;
  const kind = process.env.STORAGE || "local";
  if (kind === "s3") {
    // Loaded at first use, only when configured: the SDK is large and local-disk installs never need it.
    shared = loadedOnFirstUse(async () => {
      const { s3Storage, s3ConfigFromEnv } = await import("./s3-storage");
      return s3Storage(s3ConfigFromEnv());
    });
  } else if (kind === "local") {
    shared = localDiskStorage();
  } else {
    throw new Error(`STORAGE must be "local" or "s3", got "${kind}"`);
  }
  return shared;
}
