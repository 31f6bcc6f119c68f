// Shared by the benchmarks: a fresh database (PostgreSQL from TEST_DATABASE_URL when reachable, else PGlite
// in a temporary folder), the production build (built if missing), and `next start` on a free port, with
// the server's process tree measurable (RSS) and stoppable by pid.
import { resolveChainKey } from "../../lib/audit/chain-key.mjs";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface BenchDatabase {
  url: string;
  kind: "postgresql" | "pglite";
  drop(): Promise<void>;
}

function adminUrl(): string {
  return process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
}

async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** A migrated, empty database of its own. */
export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const admin = adminUrl();
  let database: BenchDatabase;
  if (await postgresReachable(admin)) {
    const name = `cpor_bench_${label}_${process.pid}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    database = {
      url: url.toString(),
      kind: "postgresql",
      async drop() {
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cpor-bench-${label}-`));
    database = {
      url: `pglite:${path.join(dir, "pglite")}`,
      kind: "pglite",
      async drop() {
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: database.url }, stdio: "pipe" });
  return database;
}

export function distDir(): string {
  return process.env.NEXT_DIST_DIR || ".next";
}

/** The production build the benchmarks serve; built once when it is missing. */
export function ensureProductionBuild(): void {
  if (fs.existsSync(path.join(ROOT, distDir(), "BUILD_ID"))) return;
  console.log(`   no production build in ${distDir()}/: running next build…`);
  execFileSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface BenchServer {
  baseUrl: string;
  port: number;
  /** npm's process (`npm start`); the server runs in its child. */
  pid: number;
  /** Resident memory of the server's processes (npm's own launcher process not counted), in bytes. */
  rss(): number;
  stop(): Promise<void>;
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return children;
}

function treeOf(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...childrenOf(all[i]));
  return all;
}

function rssOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
    return kb * 1024;
  } catch {
    return 0;
  }
}

/**
 * The production build served the way production serves it: `npm start` (scripts/start.sh: migrations, the
 * bounded heap, `next start`), against `env.DATABASE_URL`, ready to serve.
 */
export async function startServer(env: Record<string, string>, fixedPort?: number): Promise<BenchServer> {
  ensureProductionBuild();
  // BENCH_PORT: a fixed port (a shared machine where each person has their own range); else any free one.
  const port = fixedPort ?? (Number(process.env.BENCH_PORT) || (await freePort()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn("npm", ["start", "--silent", "--", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_SECRET: "bench-only-secret",
      // The key the bench's own fixtures signed history with (production requires one; lib/audit/chain-key.mjs).
      AUDIT_CHAIN_KEY: resolveChainKey({ ...process.env, NODE_ENV: "development" }, { warn: false }),
      NEXTAUTH_URL: baseUrl,
      SWEEP_INTERVAL_SECONDS: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 90_000; // migrations first (npm start), on a busy machine
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/api/v1/openapi.json`);
      if (response.ok) {
        await response.arrayBuffer();
        break;
      }
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`npm start did not answer within 90 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const pid = child.pid!;
  return {
    baseUrl,
    port,
    pid,
    rss: () => treeOf(pid).filter((p) => p !== pid).reduce((sum, p) => sum + rssOf(p), 0),
    async stop() {
      // Only the processes this benchmark started, by pid.
      const pids = treeOf(pid).reverse();
      for (const p of pids) {
        try {
          process.kill(p, "SIGTERM");
        } catch {
          /* gone */
        }
      }
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => {
          for (const p of pids) {
            try {
              process.kill(p, "SIGKILL");
            } catch {
              /* gone */
            }
          }
          resolve();
        }, 5000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}

/** The credentials sign-in as a browser posts it (CSRF token, then the callback); returns the session cookie. */
export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  await response.arrayBuffer();
  const session = response.headers.getSetCookie().find((c) => c.includes("session-token="));
  if (!session) throw new Error(`sign-in as ${email} on ${baseUrl} failed (${response.status})`);
  return session.split(";")[0];
}

export const MB = 1024 * 1024;
export const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
