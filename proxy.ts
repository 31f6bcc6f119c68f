import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { markReadPrimary } from "./lib/read-your-writes";
import { contentSecurityPolicy, newNonce } from "./lib/security/content-security-policy";

// Runs before every page. Three jobs:
// 1. A fresh nonce per request in the Content-Security-Policy (Next's documented pattern): set on the REQUEST so
//    that Next writes it on every script it renders, and on the response for the browser. Pages therefore
//    render dynamically (they all do already: the layout reads the locale cookie and the session).
// 2. With a read replica, a state-changing request (server action, form post) answers with the short-lived cookie
//    that sends this browser's next lists to the primary (lib/read-your-writes.ts).
// 3. Convenience only: signed-out visitors go to /login before rendering. The security boundary is the
//    server-side check in every page, action and route handler (lib/auth/session.ts, lib/api/).
// Out of the matcher: /api/ and the browser's upload routes (PoE upload /claims/{id}/poe, CSV import
// /settings/import/upload) — a proxy buffers and truncates request bodies; they authorize from the session
// themselves and get their static headers (a script-less CSP included) from next.config.ts.

const dev = process.env.NODE_ENV !== "production";

/** Pages a signed-out visitor must reach (prefixes, as the matcher excluded them before the proxy ran everywhere). */
const SIGNED_OUT_PAGES = /^\/(?:login|forgot-password|set-password\/|consent\/)/;

/** A PoE file answer (download, preview) sets its own sandbox CSP (lib/poe/download.ts): the proxy must not replace it. */
const POE_FILE = /^\/claims\/[^/]+\/poe\/[^/]+(?:\/preview)?$/;

function withNonce(request: NextRequest): NextResponse {
  const policy = contentSecurityPolicy({ nonce: newNonce(), dev });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return markReadPrimary(request, response);
}

const signedInOnly = withAuth((request) => (POE_FILE.test(request.nextUrl.pathname) ? NextResponse.next() : withNonce(request)), {
  pages: { signIn: "/login" },
});

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  if (SIGNED_OUT_PAGES.test(request.nextUrl.pathname)) return withNonce(request);
  return signedInOnly(request as NextRequestWithAuth, event);
}

export const config = {
  matcher: ["/((?!api/|_next/static/|_next/image/|favicon.svg|favicon.ico|logo.svg|robots.txt|claims/[^/]+/poe$|settings/import/upload$).*)"],
};
