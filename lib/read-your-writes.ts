// Read-your-writes with a read replica (docs/operations.md "Read replicas"). Lists, exports and metrics read the
// replica (lib/db.ts getReadDb), which may lag the primary by its replication delay. So that a person never sees a
// list older than their own last change, every state-changing request through the portal (a server action or form
// post: any method but GET/HEAD) answers with a short-lived cookie, and a page reads the primary while it is
// present (lib/page-read-db.ts). Pages that show one claim read the primary always. The browser's upload routes,
// which the proxy leaves alone (PoE upload, CSV import), set it on their own answers. Imported by proxy.ts: no
// database or Next request APIs here.
import type { NextResponse } from "next/server";

export const READ_PRIMARY_COOKIE = "cpor-read-primary";

/** How long after a change this browser's lists read the primary: well above any healthy replica's delay. */
export function readPrimarySeconds(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.DATABASE_REPLICA_READ_PRIMARY_SECONDS);
  return Number.isFinite(value) && value >= 0 ? value : 15;
}

/** Sets the cookie on the answer to a state-changing request, when a replica is configured. */
export function markReadPrimary(request: Request, response: NextResponse): NextResponse {
  if (request.method === "GET" || request.method === "HEAD" || !process.env.DATABASE_REPLICA_URL) return response;
  const maxAge = readPrimarySeconds();
  if (maxAge > 0) {
    response.cookies.set(READ_PRIMARY_COOKIE, "1", { maxAge, httpOnly: true, sameSite: "lax", path: "/", secure: new URL(request.url).protocol === "https:" });
  }
  return response;
}
