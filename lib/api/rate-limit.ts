// Per-key rate limiting for the REST API: a token bucket per API key, in this process's memory.
//
// One node: exact. Several app nodes behind a load balancer each keep their own buckets, so a key would get
// N × the limit; a multi-node deployment swaps this for a shared limiter with the same `take` contract — a
// PostgreSQL row per key updated with one atomic `UPDATE … RETURNING` (tokens refilled from the elapsed time
// in the same statement), or Redis with a Lua script / INCR + EXPIRE per window (see README "Rate limits").

export interface RateLimitDecision {
  allowed: boolean;
  /** Requests per minute for this key. */
  limit: number;
  /** Whole requests left right now. */
  remaining: number;
  /** When refused: seconds until one request is allowed again (at least 1). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Buckets kept before idle ones (which would be full again) are dropped. */
const PRUNE_ABOVE = 10_000;

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  /** `perMinute` requests per minute sustained, bursts of up to `perMinute`. */
  constructor(
    readonly perMinute: number,
    private readonly clock: () => number = Date.now,
  ) {
    if (!(perMinute > 0)) throw new Error("The rate limit must be a positive number of requests per minute.");
    this.perMs = perMinute / 60_000;
  }

  take(key: string): RateLimitDecision {
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, updatedAt: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + Math.max(0, now - bucket.updatedAt) * this.perMs);
    bucket.updatedAt = now;
    if (!this.buckets.has(key)) {
      if (this.buckets.size >= PRUNE_ABOVE) this.prune(now);
      this.buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, limit: this.perMinute, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    const waitMs = (1 - bucket.tokens) / this.perMs;
    return { allowed: false, limit: this.perMinute, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.perMs >= this.perMinute) this.buckets.delete(key);
    }
  }
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

// On globalThis, like the database client: every route handler bundle of the server shares one set of buckets.
const holder = globalThis as typeof globalThis & { __cporApiLimiter?: TokenBucketLimiter };

/** Takes one request from the key's bucket. The limit is read from the environment on every call. */
export function takeApiRequest(apiKeyId: string): RateLimitDecision | null {
  const limit = configuredRateLimit();
  if (limit === 0) return null;
  if (holder.__cporApiLimiter?.perMinute !== limit) holder.__cporApiLimiter = new TokenBucketLimiter(limit);
  return holder.__cporApiLimiter.take(apiKeyId);
}
