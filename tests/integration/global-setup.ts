import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";

// Builds one migrated template database per run with the project's real migrations (`prisma migrate
// deploy`); every test file then clones it (CREATE DATABASE … TEMPLATE, ~100 ms) and drops its clone.
// Without a reachable server (CPOR_PG_AVAILABLE=0, set by scripts/test.sh) nothing is created and the
// integration suites report themselves as skipped — locally only: under CI the run fails instead, so a CI
// machine whose database is down can never report green by skipping.

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string | null;
    pgTemplate: string | null;
  }
}

function adminUrl(): string {
  return process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function urlForDatabase(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** CI as most CI systems set it ("true"; "false" or "0" mean not CI). */
function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.CI) && env.CI !== "false" && env.CI !== "0";
}

export default async function setup(project: TestProject) {
  const admin = adminUrl();
  if (process.env.CPOR_PG_AVAILABLE === "0" || !(await reachable(admin))) {
    if (isCi()) {
      throw new Error(
        `CI: PostgreSQL is not reachable at ${admin}; integration tests must run in CI, not be skipped. ` +
          "Start the server or set TEST_DATABASE_URL (docs/operations.md).",
      );
    }
    console.warn(`\n!! PostgreSQL not reachable at ${admin}: integration tests are SKIPPED (not passed).\n`);
    project.provide("pgAdminUrl", null);
    project.provide("pgTemplate", null);
    return;
  }
  const template = `cpor_it_template_${process.pid}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${template}"`);
  await client.end();
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, DATABASE_URL: urlForDatabase(admin, template) },
    stdio: "pipe",
  });
  project.provide("pgAdminUrl", admin);
  project.provide("pgTemplate", template);
  return async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await c.end();
  };
}
