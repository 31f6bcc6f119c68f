// SSRF defence for webhook URLs (docs/domain.md "Webhooks"): only https:// targets on public addresses, checked
// when an endpoint is registered AND on every delivery, on the address actually connected to — the request's
// `lookup` resolves the name, refuses it if any address is loopback, private or link-local, and hands the checked
// address to the socket, so a DNS answer that changes between check and connect (rebinding) cannot slip through.
// WEBHOOKS_ALLOW_INSECURE=1 (local development, tests) allows http:// and any address.
import dns from "node:dns";
import net from "node:net";

export class UnsafeTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsafeTargetError";
  }
}

export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemLookup: LookupAll = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export function insecureTargetsAllowed(env: Record<string, string | undefined> = process.env): boolean {
  return env.WEBHOOKS_ALLOW_INSECURE === "1";
}

const BLOCKED = new net.BlockList();
for (const [prefix, bits] of [
  ["0.0.0.0", 8], // "this network", 0.0.0.0 reaches the local host
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  BLOCKED.addSubnet(prefix, bits, "ipv4");
}
for (const [prefix, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  BLOCKED.addSubnet(prefix, bits, "ipv6");
}

/** True for an address a webhook must not reach (IPv4-mapped IPv6 is checked as the IPv4 it maps). */
export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return BLOCKED.check(mapped[1], "ipv4");
  const family = net.isIP(address);
  if (family === 4) return BLOCKED.check(address, "ipv4");
  if (family === 6) return BLOCKED.check(address, "ipv6");
  return true;
}

/** The URL if its scheme is allowed; throws UnsafeTargetError otherwise. */
export function parseWebhookUrl(raw: string, allowInsecure: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeTargetError("Enter an absolute URL, e.g. https://crm.example.com/cpor-events.");
  }
  if (url.protocol !== "https:" && !(allowInsecure && url.protocol === "http:")) {
    throw new UnsafeTargetError("The URL must start with https://.");
  }
  if (url.username || url.password) throw new UnsafeTargetError("The URL must not contain a user name or password.");
  return url;
}

const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/**
 * Resolves the URL's host and returns its addresses if every one is public; throws UnsafeTargetError if any is
 * not, or the name does not resolve. Registration calls this; delivery uses safeLookup (same rule, same answer).
 */
export async function checkWebhookTarget(
  url: URL,
  options: { allowInsecure: boolean; lookup?: LookupAll },
): Promise<string[]> {
  if (options.allowInsecure) return [];
  const host = bareHost(url);
  if (net.isIP(host)) {
    if (isBlockedAddress(host)) throw new UnsafeTargetError(`The address ${host} is not public (loopback, private or link-local).`);
    return [host];
  }
  let addresses: { address: string; family: number }[];
  try {
    addresses = await (options.lookup ?? systemLookup)(host);
  } catch {
    throw new UnsafeTargetError(`The host name ${host} does not resolve.`);
  }
  if (addresses.length === 0) throw new UnsafeTargetError(`The host name ${host} does not resolve.`);
  const blocked = addresses.find((entry) => isBlockedAddress(entry.address));
  if (blocked) {
    throw new UnsafeTargetError(`${host} resolves to ${blocked.address}, which is not public (loopback, private or link-local).`);
  }
  return addresses.map((entry) => entry.address);
}

type LookupCallback = (error: Error | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request: resolves with checkWebhookTarget's rule and gives the socket only checked
 * addresses. Node calls it with `all: true` when it tries several addresses (autoSelectFamily).
 */
export function safeLookup(lookupAll: LookupAll = systemLookup) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    lookupAll(hostname)
      .then((addresses) => {
        const blocked = addresses.find((entry) => isBlockedAddress(entry.address));
        if (blocked || addresses.length === 0) {
          throw new UnsafeTargetError(
            blocked ? `${hostname} resolves to ${blocked.address}, which is not public.` : `${hostname} does not resolve.`,
          );
        }
        const wanted = options.family ? addresses.filter((entry) => entry.family === options.family) : addresses;
        if (wanted.length === 0) throw new UnsafeTargetError(`${hostname} has no IPv${options.family} address.`);
        if (options.all) callback(null, wanted);
        else callback(null, wanted[0].address, wanted[0].family);
      })
      .catch((error: Error) => callback(error, "", 0));
  };
}
