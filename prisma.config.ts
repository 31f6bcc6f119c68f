import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";

// Offline machines cannot download Prisma's native schema engine: the CLI runs our Node/WASM stand-in
// (prisma/schema-engine.mjs, see docs/prisma-offline.md). `??=` lets an operator point at a real binary.
const engine = path.resolve(import.meta.dirname, "prisma/schema-engine.mjs");
try {
  fs.chmodSync(engine, 0o755);
} catch {
  /* read-only checkout: the file is committed executable */
}
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= engine;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: {
    // postgres(ql)://… → PostgreSQL; unset → the embedded PGlite folder (same default as lib/db.ts).
    url: process.env.DATABASE_URL || "pglite:./.data/pglite",
  },
});
