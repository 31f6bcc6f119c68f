// Bench-only route (built only with CPOR_BENCH_ROUTES=1): this node's SQL statement counters (lib/db.ts counts
// them when CPOR_SQL_STATS=1). GET reads them, DELETE resets them; the bench divides by the requests it sent.
import { readSqlStats, resetSqlStats } from "@/lib/db";

export function GET() {
  return Response.json(readSqlStats());
}

export function DELETE() {
  resetSqlStats();
  return new Response(null, { status: 204 });
}
