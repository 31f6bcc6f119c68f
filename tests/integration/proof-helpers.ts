// Shared by the proof-suite integration tests (isolation matrix, bad input): a cheap fingerprint of the whole
// database, to prove that a refused request changed nothing. Not a test file.
import type { Db } from "../../lib/db";

/** Left out: the rate-limit counters (every request, refused or not, draws on a budget and may add a row). */
const IGNORED = new Set(["RateLimit", "_prisma_migrations"]);
/** Compared by row count only: API keys (lastUsedAt is stamped when a key authenticates a refused request too). */
const COUNT_ONLY = new Set(["ApiKey"]);

let query: string | undefined;

/**
 * One round trip: per table, its row count and a sum of hashes of every row's text (so an UPDATE of any column —
 * a claim's version, a status, a read flag — shows as well as an INSERT or DELETE).
 */
export async function dbFingerprint(db: Db): Promise<Record<string, string>> {
  if (!query) {
    const tables = await db.$queryRaw<{ name: string }[]>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`;
    const parts = tables.filter(({ name }) => !IGNORED.has(name)).map(({ name }) => {
      const quoted = `"${name.replace(/"/g, '""')}"`;
      // A sum of per-row hashes: independent of row order, so no sort (thousands of calls per test file).
      const hash = COUNT_ONLY.has(name) ? "''" : `coalesce(sum(hashtextextended(t::text, 0)::numeric), 0)::text`;
      return `SELECT '${name}' AS name, count(*)::text || ':' || ${hash} AS print FROM ${quoted} t`;
    });
    query = parts.join(" UNION ALL ");
  }
  const rows = await db.$queryRawUnsafe<{ name: string; print: string }[]>(query);
  return Object.fromEntries(rows.map((row) => [row.name, row.print]));
}

/** The tables whose fingerprint differs (empty when nothing changed). */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((name) => before[name] !== after[name]);
}
