// PoE files in an S3-compatible object store (AWS S3, MinIO, Ceph…): the same FileStorage interface as the local
// disk, for deployments with several app nodes that share no disk. Uploads stream through a multipart upload
// (lib-storage's Upload: parts of 5 MB, a few in flight), hashed and metered on the way, so memory stays bounded
// whatever the file's size; a refused or failed upload is aborted and leaves no object.
import { PassThrough, type Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { fileMeter, isStorageKey, newStorageKey, nodeStreamOf, type FileStorage } from "./file-storage";

export interface S3StorageConfig {
  bucket: string;
  /** Key prefix inside the bucket, e.g. "poe/" (default none). */
  prefix?: string;
  client: S3ClientConfig;
}

/** The configuration from the environment (STORAGE=s3): docs/operations.md "File storage". */
export function s3ConfigFromEnv(env: Record<string, string | undefined> = process.env): S3StorageConfig {
  const bucket = env.S3_BUCKET;
  if (!bucket) throw new Error("STORAGE=s3 needs S3_BUCKET (and S3_REGION; S3_ENDPOINT for a non-AWS store)");
  const credentials =
    env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
      ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
      : undefined; // else the SDK's default chain (instance role, AWS_* variables, profiles)
  return {
    bucket,
    prefix: env.S3_PREFIX ?? "",
    client: {
      region: env.S3_REGION || "us-east-1",
      endpoint: env.S3_ENDPOINT || undefined,
      // MinIO and most self-hosted stores address buckets by path, not by sub-domain.
      forcePathStyle: env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === "1" : Boolean(env.S3_ENDPOINT),
      credentials,
      // Checksums only where the protocol requires them: S3-compatible stores do not all accept the SDK's default
      // CRC32 trailers. Integrity is ours anyway: every file's SHA-256 is computed here and stored with the claim.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    },
  };
}

export function s3Storage(config: S3StorageConfig): FileStorage {
  const client = new S3Client(config.client);
  const prefix = config.prefix ?? "";
  const objectKey = (key: string) => {
    if (!isStorageKey(key)) throw new Error(`Invalid storage key ${key}`);
    return `${prefix}${key}`;
  };
  const body = async (key: string, range?: string) => {
    const response = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: objectKey(key), Range: range }));
    return response.Body as Readable;
  };
  return {
    async put(source, { maxBytes }) {
      const key = newStorageKey();
      const { stream: meter, result } = fileMeter(maxBytes);
      const input = nodeStreamOf(source);
      input.on("error", (error) => meter.destroy(error));
      const upload = new Upload({
        client,
        params: { Bucket: config.bucket, Key: objectKey(key), Body: input.pipe(meter), ContentType: "application/octet-stream" },
        queueSize: 2,
        partSize: 5 * 1024 * 1024,
        leavePartsOnError: false,
      });
      let failure: unknown;
      meter.on("error", (error) => {
        failure = error;
        void upload.abort().catch(() => {});
      });
      try {
        await upload.done();
      } catch (error) {
        await client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: objectKey(key) })).catch(() => {});
        throw failure ?? error;
      }
      if (failure) {
        await client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: objectKey(key) })).catch(() => {});
        throw failure;
      }
      return { key, ...result() };
    },
    async head(key, bytes) {
      const stream = await body(key, `bytes=0-${Math.max(0, bytes - 1)}`);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
      return Buffer.concat(chunks).subarray(0, bytes);
    },
    read(key) {
      objectKey(key); // an invalid key throws here, synchronously, like the local disk
      // FileStorage.read is synchronous (a stream the caller pipes): the object is fetched when it is first read.
      const out = new PassThrough();
      body(key).then(
        (stream) => stream.on("error", (error) => out.destroy(error)).pipe(out),
        (error: unknown) => out.destroy(error as Error),
      );
      return out;
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: objectKey(key) }));
    },
    async *list() {
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: config.bucket, Prefix: prefix || undefined, ContinuationToken: token }));
        for (const object of page.Contents ?? []) {
          const key = object.Key?.slice(prefix.length);
          if (key && isStorageKey(key)) yield { key, modifiedAt: object.LastModified ?? new Date(0) };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
  };
}
