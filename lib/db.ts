import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { readReplicas } from "@prisma/extension-read-replicas";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { chainSessionOptions, chainSessionSetting, resolveChainKey } from "./audit/chain-key.mjs";
import { PrismaClient } from "./generated/prisma/client";

// One lazily created Prisma client per process, cached on globalThis so dev hot reload reuses it.
//   DATABASE_URL=postgres(ql)://…  → PostgreSQL through @prisma/adapter-pg (production, CI, many nodes)
//   unset, or pglite:<dir>          → embedded PGlite in <dir> (default ./.data/pglite): zero setup
// Nothing connects at import time, so `next build` opens no database.
// Every session carries the history's chain key (cpor.audit_chain_key, lib/audit/chain-key.mjs): the INSERT
// triggers of ClaimEvent and AuditEvent sign each row with it, and refuse to append without it.

export const DEFAULT_DATABASE_URL = "pglite:./.data/pglite"; // keep in sync with prisma.config.ts

export type Db = PrismaClient;
type Cache = { prisma?: PrismaClient; read?: PrismaClient; pglite?: PGlite; closeEmbedded?: () => Promise<void> };
const cache = globalThis as typeof globalThis & { __cporDb?: Cache };

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function isEmbeddedDatabase(url = databaseUrl()): boolean {
  return url.startsWith("pglite:");
}

export function embeddedDataDir(url = databaseUrl()): string {
  const dir = url.slice("pglite:".length).replace(/^\/\/(?=\/)/, "");
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), dir);
}

export class EmbeddedDatabaseLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database ${dir} is in use by process ${pid} (the portal is running?). ` +
        `Stop that process first, or use PostgreSQL by setting DATABASE_URL.`,
    );
    this.name = "EmbeddedDatabaseLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is one process: a second process on the same folder corrupts it. Every process that opens it
 * (server, seed, sweep, CLIs, and the migration engine in prisma/schema-engine.mjs) takes `<dir>.lock`,
 * holding its pid. A live holder makes us fail at once with a clear message; a dead one is cleared.
 */
export function lockEmbeddedDataDir(dir: string): void {
  const lock = `${dir}.lock`;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      process.once("exit", () => {
        try {
          if (fs.readFileSync(lock, "utf8") === String(process.pid)) fs.unlinkSync(lock);
        } catch {
          /* already gone */
        }
      });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lock, "utf8")) || 0;
      if (holder === process.pid) return;
      if (holder && isAlive(holder)) throw new EmbeddedDatabaseLockedError(dir, holder);
      fs.rmSync(lock, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock ${lock}`);
}

// Statement counters for the scale benchmark (bench/scale.bench.ts reads them through a bench-only route):
// with CPOR_SQL_STATS=1 every statement this process sends is counted with its duration. Off by default: the
// query event costs a little on every statement.
type SqlStats = { statements: number; totalMs: number };
const sqlStats = globalThis as typeof globalThis & { __cporSqlStats?: SqlStats };
const countSql = process.env.CPOR_SQL_STATS === "1";

function sqlStatsLog() {
  return countSql ? { log: [{ emit: "event" as const, level: "query" as const }] } : {};
}

function withSqlStats(client: PrismaClient): PrismaClient {
  if (!countSql) return client;
  resetSqlStats();
  (client as unknown as { $on(event: "query", cb: (e: { duration: number }) => void): void }).$on("query", (event) => {
    const stats = (sqlStats.__cporSqlStats ??= { statements: 0, totalMs: 0 });
    stats.statements++;
    stats.totalMs += event.duration;
  });
  return client;
}

export function readSqlStats(): SqlStats & { enabled: boolean } {
  return { enabled: countSql, ...(sqlStats.__cporSqlStats ?? { statements: 0, totalMs: 0 }) };
}

export function resetSqlStats(): void {
  sqlStats.__cporSqlStats = { statements: 0, totalMs: 0 };
}

/**
 * How long to wait for a PostgreSQL connection (a new one, or a free one from a full pool) before the request
 * fails — then 503 UNAVAILABLE (lib/http/problem.ts). node-postgres waits forever by default: a server that
 * takes TCP connections but never answers (overloaded, a half-dead network path) would hang every request.
 * The rate-limit store's pool uses the same bound.
 */
export function connectTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.DATABASE_CONNECT_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : 5000;
}

function postgresClient(url: string): PrismaClient {
  const max = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  const options = chainSessionOptions(resolveChainKey());
  return withSqlStats(
    new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max, connectionTimeoutMillis: connectTimeoutMs(), options }), ...sqlStatsLog() }),
  );
}

/** DATABASE_REPLICA_URL, when set and the primary is PostgreSQL (PGlite is one process: no replica). */
export function replicaUrl(env: Record<string, string | undefined> = process.env): string | null {
  const url = env.DATABASE_REPLICA_URL?.trim();
  return url && /^postgres(ql)?:\/\//.test(url) && /^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? "") ? url : null;
}

export function getDb(): PrismaClient {
  const c = (cache.__cporDb ??= {});
  if (c.prisma) return c.prisma;
  const url = databaseUrl();
  const chainKey = resolveChainKey();
  if (/^postgres(ql)?:\/\//.test(url)) {
    c.prisma = postgresClient(url);
  } else if (isEmbeddedDatabase(url)) {
    const dir = embeddedDataDir(url);
    lockEmbeddedDataDir(dir);
    const pglite = new PGlite(dir);
    // PGlite is one session: set once, before Prisma's first query (PGlite runs queries in the order issued).
    void pglite.query(`SELECT set_config('cpor.audit_chain_key', $1, false)`, [chainSessionSetting(chainKey)]);
    c.prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    c.pglite = pglite;
    c.closeEmbedded = () => pglite.close();
  } else {
    throw new Error(`DATABASE_URL must be postgres(ql)://… or pglite:<dir>, got ${url.split(":")[0]}:…`);
  }
  return c.prisma;
}

/**
 * The client for reads that may lag the primary by the replica's delay: lists, exports, metrics (docs/operations.md
 * "Read replicas"). With DATABASE_REPLICA_URL, reads outside a transaction go to the replica: model reads by
 * @prisma/extension-read-replicas, and raw SQL too (the extension cannot tell a raw read from a raw write, so it
 * sends raw SQL to the primary; on this client raw SQL is reads only, by contract). Writes and transactions go to
 * the primary. Without a replica it is getDb(). Decisions, and the page that follows them, use getDb().
 */
export function getReadDb(): PrismaClient {
  const primary = getDb();
  const replica = replicaUrl();
  const c = cache.__cporDb!;
  if (!replica) return primary;
  if (c.read) return c.read;
  const routed = primary.$extends(readReplicas({ replicas: [postgresClient(replica)] }));
  const raw = new Set<PropertyKey>(["$queryRaw", "$queryRawUnsafe"]);
  c.read = new Proxy(routed, {
    get(target, name) {
      const source: object = raw.has(name) ? target.$replica() : target;
      const value: unknown = Reflect.get(source, name);
      return typeof value === "function" ? value.bind(source) : value;
    },
  }) as unknown as PrismaClient;
  return c.read;
}

/** Whether `db` is this process's own client (getDb or getReadDb), not a test's or a transaction's: only it reads node caches. */
export function isProcessClient(db: unknown): boolean {
  return db !== undefined && (cache.__cporDb?.prisma === db || cache.__cporDb?.read === db);
}

/** The embedded database, when this process opened one (its LISTEN/NOTIFY serves lib/cache/invalidation.ts). */
export function embeddedDatabase(): PGlite | undefined {
  return cache.__cporDb?.pglite;
}

/** Disconnects and, for PGlite, flushes and releases the data folder. CLIs call it before exiting. */
export async function closeDb(): Promise<void> {
  const c = cache.__cporDb;
  if (!c) return;
  cache.__cporDb = undefined;
  await c.read?.$disconnect();
  await c.prisma?.$disconnect();
  await c.closeEmbedded?.();
}
