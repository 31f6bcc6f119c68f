import { withAuth } from "next-auth/middleware";

// Convenience only: sends signed-out visitors to /login before rendering. The security boundary is the
// server-side check in every page, action and route handler (lib/auth/session.ts, lib/api/).
// /api/, the browser's PoE upload (/claims/{id}/poe) and CSV import (/settings/import/upload) stay out of the matcher: the proxy buffers and
// truncates request bodies (PoE uploads); both authorize from the session themselves.
export default withAuth({ pages: { signIn: "/login" } });

export const config = {
  matcher: ["/((?!api/|login|forgot-password|set-password/|consent/|_next/|favicon.svg|favicon.ico|logo.svg|robots.txt|claims/[^/]+/poe$|settings/import/upload$).*)"],
};
