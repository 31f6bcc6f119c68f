// Browser-only routes authorized by the session cookie (PoE upload, CSV import) accept same-origin requests only:
// the CSRF check server actions get from Next, for route handlers that stream their body.

/** The request comes from a page of this portal: Origin (always sent by browsers on POST) names this host. */
export function isSameOrigin(request: Request): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin") return false;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}
