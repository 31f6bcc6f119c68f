// The database a list, export or metrics page reads: the replica (getReadDb), except right after this browser
// changed something — during a server action's own request, and while the read-your-writes cookie set by proxy.ts
// lives (lib/read-your-writes.ts) — when it reads the primary.
import "server-only";
import { cookies, headers } from "next/headers";
import { getDb, getReadDb, replicaUrl, type Db } from "./db";
import { READ_PRIMARY_COOKIE } from "./read-your-writes";

export async function pageReadDb(): Promise<Db> {
  if (!replicaUrl()) return getDb();
  const [requestHeaders, jar] = await Promise.all([headers(), cookies()]);
  return requestHeaders.has("next-action") || jar.has(READ_PRIMARY_COOKIE) ? getDb() : getReadDb();
}
