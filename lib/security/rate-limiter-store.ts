// Where rate-limit counters live, so that every app node counts the same failures and requests:
//   REDIS_URL set                 → Redis (ioredis, loaded only then: Redis is optional at runtime)
//   DATABASE_URL is PostgreSQL    → the RateLimit table (migration rate_limit) through a small pg pool
//   embedded PGlite               → this process's memory: PGlite allows one process, so one node, exact
// The limiters are rate-limiter-flexible's; this module only picks and caches their store.
import pg from "pg";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { redisUrl } from "../config";
import { connectTimeoutMs, databaseUrl, isEmbeddedDatabase } from "../db";

export type LimiterStore =
  | { kind: "memory" }
  | { kind: "postgres"; pool: pg.Pool }
  | { kind: "redis"; client: unknown };

/** Points allowed per `durationSeconds` window under one key prefix. */
export interface LimiterSpec {
  keyPrefix: string;
  points: number;
  durationSeconds: number;
}

export const RATE_LIMIT_TABLE = "RateLimit";

export function createLimiter(store: LimiterStore, spec: LimiterSpec): RateLimiterAbstract {
  const options = { keyPrefix: spec.keyPrefix, points: spec.points, duration: spec.durationSeconds };
  switch (store.kind) {
    case "memory":
      return new RateLimiterMemory(options);
    case "postgres":
      // The migration created the table; expired rows are swept by the library every 5 minutes.
      return new RateLimiterPostgres({
        ...options,
        storeClient: store.pool,
        storeType: "pool",
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
      });
    case "redis":
      return new RateLimiterRedis({ ...options, storeClient: store.client });
  }
}

// On globalThis, like the database client: every route bundle of the server shares one pool or connection.
const holder = globalThis as typeof globalThis & { __cporLimiterStore?: Promise<LimiterStore> };

/** The store for this process, chosen from the environment once. */
export function defaultLimiterStore(): Promise<LimiterStore> {
  holder.__cporLimiterStore ??= openStore();
  return holder.__cporLimiterStore;
}

async function openStore(): Promise<LimiterStore> {
  const redis = redisUrl();
  if (redis) {
    // A runtime import: deployments without Redis never load the client.
    const { default: Redis } = await import("ioredis");
    return { kind: "redis", client: new Redis(redis, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) };
  }
  if (isEmbeddedDatabase()) return { kind: "memory" };
  // A few connections suffice: each check is one indexed statement.
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: 4, connectionTimeoutMillis: connectTimeoutMs() });
  // An idle connection the server closes (restart, failover) must not crash the process; the pool reconnects.
  pool.on("error", (error) => console.warn(`Rate-limit store: idle PostgreSQL connection lost (${error.message})`));
  return { kind: "postgres", pool };
}
