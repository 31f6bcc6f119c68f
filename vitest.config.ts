import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: `unit` (pure core, no I/O, runs anywhere) and `integration` (real PostgreSQL from
// TEST_DATABASE_URL; each file gets a fresh database cloned from a migrated template).
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React's server condition; tests call server modules directly.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          // Needs the production build: its own project, run once `next build` is done (scripts/test.sh).
          exclude: ["tests/integration/two-nodes.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          // Outbox rows seal the consent token with a key derived from it (lib/mail/secret-box.ts).
          env: { NEXTAUTH_SECRET: "integration-tests-only-secret" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Files run in parallel, each in its own database; 2 cores here.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          // Two production servers (`next start` of the build in NEXT_DIST_DIR, default .next) over one database.
          name: "nodes",
          include: ["tests/integration/two-nodes.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          env: { NEXTAUTH_SECRET: "integration-tests-only-secret" },
          // The first requests to a cold production server render pages for the first time: generous on a busy machine.
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
