// Which client address a request is counted under for sign-in limits.
//
// Route handlers do not see the TCP peer address, and X-Forwarded-For is written by whoever sends the request,
// so it is trusted only as far as TRUSTED_PROXIES says: that many reverse proxies in front of the portal each
// append the address they received the request from. With N trusted hops the client is the N-th entry from
// the right (the one the outermost trusted proxy wrote); anything to its left may be forged by the client.
// With TRUSTED_PROXIES=0 (the default) the header is ignored and every request shares one "direct" bucket:
// the per-address limit then caps the failures of all clients together, and the per-account limit still
// protects each account (docs/operations.md, README "Security").
import { trustedProxyHops } from "../config";

export const DIRECT_BUCKET = "direct";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(",") : (value ?? null);
}

export function clientAddress(headers: HeaderSource, hops: number = trustedProxyHops()): string {
  if (hops === 0) return DIRECT_BUCKET;
  const entries = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than trusted hops: the request did not come through the proxies as configured.
  if (entries.length < hops) return DIRECT_BUCKET;
  return entries[entries.length - hops].slice(0, 100);
}
