// The portal's Content-Security-Policy, in one place for both places that send it: proxy.ts (every page, with a
// fresh nonce per request) and next.config.ts (the routes the proxy must not see: the API and the streaming
// upload routes, whose bodies a proxy would buffer). No framework imports: next.config.ts loads this file too.

export interface PolicyOptions {
  /** The request's nonce (pages). Without one, no inline script may run at all (API and upload answers). */
  nonce?: string;
  /** `next dev` evaluates code for its error overlay and React's call stacks: 'unsafe-eval' there, never in production. */
  dev: boolean;
}

export function contentSecurityPolicy({ nonce, dev }: PolicyOptions): string {
  // With a nonce, 'strict-dynamic' lets the scripts Next marks with it load their chunks; 'self' is only the
  // fallback for browsers without CSP level 3. No 'unsafe-inline': an injected <script> or on* attribute never runs.
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self'";
  return [
    "default-src 'self'",
    `script-src ${scripts}${dev ? " 'unsafe-eval'" : ""}`,
    // Styles keep 'unsafe-inline' on purpose: React writes style="" attributes (recharts positions its SVG
    // with them on /metrics, Next's route announcer too), and a nonce cannot cover an attribute. It must not
    // carry the nonce either: a nonce in style-src makes browsers ignore 'unsafe-inline'. Style cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** 128 random bits, base64: unguessable and fresh for every page request (Web Crypto: runs in the proxy). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The headers every response carries besides the CSP (next.config.ts sends them on every path). HSTS only in
 * production: a browser that saw it on http://localhost during development would refuse plain HTTP there for two
 * years.
 */
export function staticSecurityHeaders(production: boolean): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}
