// Configuration read from the environment, one reader per setting, so a default is written once
// (docs/operations.md lists the variables).

/** The portal's public URL, without a trailing slash: links in notices (and next-auth's callbacks) use it. */
export function portalBaseUrl(): string {
  return (process.env.NEXTAUTH_URL || "http://localhost:3000").replace(/\/+$/, "");
}

/** A non-negative integer setting; blank or unset gives the default. */
function countSetting(name: string, fallback: number, env: Record<string, string | undefined>): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number (0 = off), got "${raw}"`);
  return value;
}

/** The window in which failed sign-ins are counted (docs/api.md, sign-in limits). */
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;

/**
 * Failed sign-ins allowed per account and per client address in SIGN_IN_WINDOW_SECONDS before sign-in answers
 * 429: SIGNIN_MAX_FAILURES_PER_ACCOUNT (5) and SIGNIN_MAX_FAILURES_PER_ADDRESS (100); 0 turns a limit off.
 */
export function signInFailureLimits(env: Record<string, string | undefined> = process.env): {
  perAccount: number;
  perAddress: number;
} {
  return {
    perAccount: countSetting("SIGNIN_MAX_FAILURES_PER_ACCOUNT", 5, env),
    perAddress: countSetting("SIGNIN_MAX_FAILURES_PER_ADDRESS", 100, env),
  };
}

/**
 * TRUSTED_PROXIES: how many reverse proxies in front of the portal append to X-Forwarded-For (0, the default:
 * none, the header is ignored because any client can write it). See lib/security/client-address.ts.
 */
export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  return countSetting("TRUSTED_PROXIES", 0, env);
}

/** REDIS_URL: when set, rate-limit counters live in Redis instead of PostgreSQL. */
export function redisUrl(env: Record<string, string | undefined> = process.env): string | null {
  return env.REDIS_URL?.trim() || null;
}

/**
 * How long a node may keep the signed-in user, API keys and SLA settings in memory (lib/cache/): a backstop only,
 * as every change is announced to every node at once. `NODE_CACHE_SECONDS`; 30 in production, 0 (off) otherwise,
 * so tests that write rows directly never read an older copy.
 */
export function nodeCacheSeconds(env: Record<string, string | undefined> = process.env): number {
  if (env.NEXT_PHASE === "phase-production-build") return 0; // `next build` opens no database
  const raw = env.NODE_CACHE_SECONDS;
  if (raw === undefined || raw === "") return env.NODE_ENV === "production" ? 30 : 0;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
}

/**
 * Per-organization upload limits (docs/api.md, quotas), counted in the shared rate-limit store:
 * UPLOAD_MAX_PER_ORG_PER_MINUTE (60 files a minute) and UPLOAD_MAX_BYTES_PER_ORG_PER_DAY (5 GiB in 24 hours);
 * 0 turns a limit off. The per-claim limits (50 files, 250 MB) are the contract's and not configurable.
 */
export function uploadOrganizationLimits(env: Record<string, string | undefined> = process.env): {
  perMinute: number;
  bytesPerDay: number;
} {
  return {
    perMinute: countSetting("UPLOAD_MAX_PER_ORG_PER_MINUTE", 60, env),
    bytesPerDay: countSetting("UPLOAD_MAX_BYTES_PER_ORG_PER_DAY", 5 * 1024 ** 3, env),
  };
}
