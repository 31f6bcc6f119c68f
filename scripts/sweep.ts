// npm run sweep [-- --now <ISO time>]: one SLA sweep, evaluated as of --now (default: the clock).
import { parseArgs } from "node:util";
import { formatSweepSummary, runSweep } from "../lib/claims/sweep";
import { closeDb, getDb } from "../lib/db";
import { getFileStorage } from "../lib/storage/file-storage";

async function main() {
  const { values } = parseArgs({ options: { now: { type: "string" } } });
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) {
    console.error(`--now must be an ISO-8601 time, e.g. 2026-12-01T09:00:00Z (got "${values.now}")`);
    process.exit(2);
  }
  try {
    console.log(formatSweepSummary(await runSweep(getDb(), now, { storage: getFileStorage() }), now));
  } finally {
    await closeDb();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
