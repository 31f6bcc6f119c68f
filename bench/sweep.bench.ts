// `npm run bench -- sweep`: the SLA sweep on its own, against the scale benchmark's database (BENCH_DATABASE_URL,
// loaded with BENCH_CLAIMS claims by the bulk seed if it holds fewer; BENCH_RELOAD=1 reloads it, which also
// restores the backlog a previous run worked). Prints the backlog sweep without delivery (s, claims/s, longest
// batch), delivery to a local SMTP server (messages/s, duplicates), and a sweep with nothing due (ms per step).
// Env: BENCH_CLAIMS (default 50,000 here), BENCH_ORGS (100), BENCH_DELIVER_MESSAGES (all).
import { closeDb, getDb } from "../lib/db";
import { prepareScaleDatabase } from "./lib/scale-data";
import { measureBacklogSweep, measureDelivery, measureIdleSweep } from "./lib/sweep-figures";

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 50_000);
const ORGS = Number(process.env.BENCH_ORGS ?? 100);
const DELIVER = Number(process.env.BENCH_DELIVER_MESSAGES ?? Number.POSITIVE_INFINITY);

export async function run(): Promise<void> {
  const data = await prepareScaleDatabase(CLAIMS, ORGS);
  process.env.DATABASE_URL = data.url;
  const db = getDb();
  try {
    const backlog = await measureBacklogSweep(db);
    const delivery = await measureDelivery(db, DELIVER);
    const idle = await measureIdleSweep(db);
    const verdict = (ok: boolean) => (ok ? "met   " : "MISSED");
    console.log("\n   targets");
    console.log(`   ${verdict(idle.ms < 50)} sweep with nothing due: ${idle.ms.toFixed(1)} ms (< 50 ms)`);
    console.log(`   ${verdict(backlog.timings.longestBatchMs <= 2000)} longest sweep transaction: ${backlog.timings.longestBatchMs.toFixed(0)} ms (≤ 2,000 ms)`);
    const at500k = (500_000 / Math.max(backlog.due, 1)) * backlog.seconds;
    console.log(`   ${backlog.due ? verdict(at500k < 30) : "n/a   "} backlog of ${backlog.due.toLocaleString("en")} due claims: ${backlog.seconds.toFixed(1)} s (500,000 at this rate: ${at500k.toFixed(0)} s; < 30 s)`);
    console.log(`   ${verdict(delivery.perSecond >= 50 && delivery.duplicates === 0)} delivery: ${delivery.perSecond.toFixed(0)} messages/s, ${delivery.duplicates} duplicates (≥ 50/s, none twice)`);
  } finally {
    await closeDb();
  }
}
