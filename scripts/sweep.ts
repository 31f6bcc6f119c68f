// npm run sweep [-- --now <ISO time>] [-- --no-deliver]: one SLA sweep, evaluated as of --now (default: the
// clock); prints what it did and where its time went (each step, the longest batch). --no-deliver leaves the
// queued messages and webhooks to the next run (to time a backlog on its own).
import { parseArgs } from "node:util";
import { formatSweepSummary, runTimedSweep } from "../lib/claims/sweep";
import { formatSweepTimings } from "../lib/claims/sweep-clock";
import { closeDb, getDb } from "../lib/db";
import { getFileStorage } from "../lib/storage/file-storage";

async function main() {
  const { values } = parseArgs({ options: { now: { type: "string" }, "no-deliver": { type: "boolean" } } });
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) {
    console.error(`--now must be an ISO-8601 time, e.g. 2026-12-01T09:00:00Z (got "${values.now}")`);
    process.exit(2);
  }
  try {
    const { summary, timings } = await runTimedSweep(getDb(), now, { storage: getFileStorage(), deliver: !values["no-deliver"] });
    console.log(formatSweepSummary(summary, now));
    console.log(formatSweepTimings(timings));
  } finally {
    await closeDb();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
