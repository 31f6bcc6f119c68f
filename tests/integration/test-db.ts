import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { inject } from "vitest";
import { chainSessionOptions, resolveChainKey } from "../../lib/audit/chain-key.mjs";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { urlForDatabase } from "./global-setup";

/** True when the run has a PostgreSQL server; suites use `describe.skipIf(!pgAvailable)`. */
export const pgAvailable = Boolean(inject("pgTemplate"));

export interface TestDatabase {
  db: PrismaClient;
  url: string;
  /** A second, independent client (its own pool) for concurrency tests. */
  connect(): PrismaClient;
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated template: every test file starts from an empty schema. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = inject("pgAdminUrl");
  const template = inject("pgTemplate");
  if (!admin || !template) throw new Error("PostgreSQL is not available for integration tests");
  const name = `cpor_it_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  await client.end();
  const url = urlForDatabase(admin, name);
  const clients: PrismaClient[] = [];
  const connect = () => {
    const c = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10, options: chainSessionOptions(resolveChainKey()) }) });
    clients.push(c);
    return c;
  };
  const db = connect();
  return {
    db,
    url,
    connect,
    async drop() {
      await Promise.all(clients.map((c) => c.$disconnect()));
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
