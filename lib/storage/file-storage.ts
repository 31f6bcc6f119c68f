// PoE files live behind this small interface: local disk by default; an object store (S3, Azure Blob)
// implements the same same methods for multi-node deployments.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
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

export function localDiskStorage(root = process.env.STORAGE_DIR || "./.data/files"): FileStorage {
  const base = path.resolve(/*turbopackIgnore: true*/ process.cwd(), root);
  // Keys are generated here (UUIDs sharded by prefix): user input never becomes a path.
  const pathOf = (key: string) => {
    if (!/^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(key)) throw new Error(`Invalid storage key ${key}`);
    return path.join(base, key);
  };
  return {
    async put(body, { maxBytes }) {
      const id = randomUUID();
      const key = `${id.slice(0, 2)}/${id}`;
      const target = pathOf(key);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const hash = createHash("sha256");
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          if (size > maxBytes) return callback(new FileTooLargeError(maxBytes));
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      const source = body instanceof Readable ? body : Readable.fromWeb(body as import("node:stream/web").ReadableStream);
      try {
        await pipeline(source, meter, createWriteStream(target, { flags: "wx" }));
      } catch (error) {
        await fs.rm(target, { force: true });
        throw error;
      }
      return { key, size, sha256: hash.digest("hex") };
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
          if (!/^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(key)) continue;
          const stat = await fs.stat(path.join(base, key)).catch(() => null);
          if (stat) yield { key, modifiedAt: stat.mtime };
        }
      }
    },
  };
}

let shared: FileStorage | undefined;
export function getFileStorage(): FileStorage {
  return (shared ??= localDiskStorage());
}
