// The scale benchmark's database: BENCH_CLAIMS claims over BENCH_ORGS organizations, loaded by the project's own
// bulk seed (`prisma/seed.ts --claims`), kept between runs (reloading 1,000,000 claims takes a minute or more)
// unless BENCH_RELOAD=1 or it holds fewer claims than asked for.
import { execFileSync } from "node:child_process";
import pg from "pg";
import { ROOT } from "./server";

export interface ScaleDatabase {
  url: string;
  claims: number;
  /** Claims per second of the bulk seed when this run loaded the data; null when it reused a loaded database. */
  seedRate: number | null;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** BENCH_DATABASE_URL, else a `cpor_bench_scale` database beside TEST_DATABASE_URL. Only on this machine. */
export function scaleDatabaseUrl(): string {
  const explicit = process.env.BENCH_DATABASE_URL;
  const url = new URL(explicit || process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres");
  if (!explicit) url.pathname = "/cpor_bench_scale";
  if (!LOOPBACK.has(url.hostname)) throw new Error(`The scale benchmark runs against 127.0.0.1 only, not ${url.hostname}`);
  return url.toString();
}

async function withAdmin<T>(url: string, work: (client: pg.Client, name: string) => Promise<T>): Promise<T> {
  const admin = new URL(url);
  const name = decodeURIComponent(admin.pathname.slice(1));
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await work(client, name);
  } finally {
    await client.end();
  }
}

async function countBulkClaims(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "Claim" WHERE id LIKE 'bulk\\_%'`);
    return rows[0].n as number;
  } catch {
    return 0; // no such database, or not migrated
  } finally {
    await client.end().catch(() => {});
  }
}

export async function prepareScaleDatabase(claims: number, orgs: number): Promise<ScaleDatabase> {
  const url = scaleDatabaseUrl();
  const have = await countBulkClaims(url);
  if (have >= claims && process.env.BENCH_RELOAD !== "1") {
    console.log(`   reusing ${url.replace(/\/\/[^@]*@/, "//")}: ${have.toLocaleString("en")} bulk claims (BENCH_RELOAD=1 reloads)`);
    // Kept data gets the migrations added since it was loaded.
    execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, NODE_ENV: "development" }, stdio: "pipe" });
    return { url, claims: have, seedRate: null };
  }
  await withAdmin(url, async (client, name) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const env = { ...process.env, DATABASE_URL: url, NODE_ENV: "development" as const };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: ROOT, env, stdio: "pipe" });
  console.log(`   loading ${claims.toLocaleString("en")} claims over ${orgs.toLocaleString("en")} organizations…`);
  const output = execFileSync("npx", ["tsx", "prisma/seed.ts", "--claims", String(claims), "--orgs", String(orgs)], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(output.split("\n").slice(-4).join("\n"));
  // The seed's own figure for its last batch: claims, products and events, without tsx start-up and demo users.
  const rates = [...output.matchAll(/\(([\d,]+)\/s\)/g)].map((m) => Number(m[1].replace(/,/g, "")));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("VACUUM (ANALYZE)");
  await client.end();
  return { url, claims: await countBulkClaims(url), seedRate: rates.at(-1) ?? null };
}
