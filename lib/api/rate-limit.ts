// Rate limiting for the REST API, in the store every app node shares (lib/security/rate-limiter-store.ts:
// PostgreSQL's RateLimit table, Redis with REDIS_URL, memory on embedded PGlite), so N nodes do not grant
// N × the limit. Two budgets of API_RATE_LIMIT_PER_MINUTE requests per fixed one-minute window:
//   - per USER: all of a user's API keys draw on one budget (20 keys must not multiply it);
//   - per client address (lib/security/client-address.ts) for requests that authenticate nobody: missing or
//     bad keys (each 401 counts) and the customer's consent endpoint.
import type { RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import { clientAddress } from "../security/client-address";
import { createLimiter, defaultLimiterStore, type LimiterStore } from "../security/rate-limiter-store";

export interface RateLimitDecision {
  allowed: boolean;
  /** Requests per minute for this budget. */
  limit: number;
  /** Whole requests left in the current window. */
  remaining: number;
  /** When refused: seconds until one request is allowed again (at least 1). */
  retryAfterSeconds: number;
}

export const DEFAULT_API_RATE_LIMIT_PER_MINUTE = 600;

/** API_RATE_LIMIT_PER_MINUTE (default 600); 0 turns limiting off (benchmarks). */
export function configuredRateLimit(env: Record<string, string | undefined> = process.env): number {
  const raw = env.API_RATE_LIMIT_PER_MINUTE;
  if (raw === undefined || raw.trim() === "") return DEFAULT_API_RATE_LIMIT_PER_MINUTE;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`API_RATE_LIMIT_PER_MINUTE must be a number of requests per minute (0 = off), got "${raw}"`);
  }
  return value;
}

/** One budget of `perMinute` requests per minute per key, in a shared store. */
export class ApiRateLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    store: LimiterStore,
    readonly perMinute: number,
    keyPrefix: string,
  ) {
    this.limiter = createLimiter(store, { keyPrefix, points: perMinute, durationSeconds: 60 });
  }

  async take(key: string): Promise<RateLimitDecision> {
    try {
      const state = await this.limiter.consume(key, 1);
      return { allowed: true, limit: this.perMinute, remaining: state.remainingPoints, retryAfterSeconds: 0 };
    } catch (rejection) {
      // rate-limiter-flexible rejects with the counter's state when over the limit, with an Error when the
      // store fails (that one propagates: the request answers like any unavailable dependency).
      if (rejection instanceof Error) throw rejection;
      const state = rejection as RateLimiterRes;
      const retryAfterSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
      return { allowed: false, limit: this.perMinute, remaining: 0, retryAfterSeconds };
    }
  }
}

// On globalThis, like the database client: every route handler bundle of the server shares the limiters.
const holder = globalThis as typeof globalThis & { __cporApiLimiters?: { perMinute: number; user: ApiRateLimiter; address: ApiRateLimiter } };

async function limiters() {
  const perMinute = configuredRateLimit();
  if (perMinute === 0) return null;
  if (holder.__cporApiLimiters?.perMinute !== perMinute) {
    const store = await defaultLimiterStore();
    holder.__cporApiLimiters = {
      perMinute,
      user: new ApiRateLimiter(store, perMinute, "api-user"),
      address: new ApiRateLimiter(store, perMinute, "api-address"),
    };
  }
  return holder.__cporApiLimiters;
}

/** Takes one request from the user's budget (shared by all their keys); null when limiting is off. */
export async function takeApiRequest(userId: string): Promise<RateLimitDecision | null> {
  return (await limiters())?.user.take(userId) ?? null;
}

/** Takes one request from the client address's budget for unauthenticated requests; null when off. */
export async function takeUnauthenticatedRequest(request: Request): Promise<RateLimitDecision | null> {
  return (await limiters())?.address.take(clientAddress(request.headers)) ?? null;
}
