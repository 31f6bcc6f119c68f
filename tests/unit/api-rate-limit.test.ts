import { describe, expect, it } from "vitest";
import { TokenBucketLimiter, configuredRateLimit } from "../../lib/api/rate-limit";

describe("TokenBucketLimiter", () => {
  it("allows a burst of the per-minute limit, then refuses with the seconds until the next token", () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(6, () => now); // one token every 10 s
    const burst = Array.from({ length: 6 }, () => limiter.take("k"));
    expect(burst.map((d) => d.allowed)).toEqual([true, true, true, true, true, true]);
    expect(burst.map((d) => d.remaining)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(limiter.take("k")).toEqual({ allowed: false, limit: 6, remaining: 0, retryAfterSeconds: 10 });
    now = 4_000;
    expect(limiter.take("k")).toMatchObject({ allowed: false, retryAfterSeconds: 6 });
    now = 10_000;
    expect(limiter.take("k")).toMatchObject({ allowed: true, remaining: 0 });
  });

  it("keeps one bucket per key and refills to at most the limit", () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(2, () => now);
    limiter.take("a");
    limiter.take("a");
    expect(limiter.take("a").allowed).toBe(false);
    expect(limiter.take("b").allowed).toBe(true);
    now = 60 * 60_000;
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a")].map((d) => d.allowed)).toEqual([true, true, false]);
  });

  it("reads API_RATE_LIMIT_PER_MINUTE: default 600, 0 = off, nonsense refused", () => {
    expect(configuredRateLimit({})).toBe(600);
    expect(configuredRateLimit({ API_RATE_LIMIT_PER_MINUTE: "30" })).toBe(30);
    expect(configuredRateLimit({ API_RATE_LIMIT_PER_MINUTE: "0" })).toBe(0);
    expect(() => configuredRateLimit({ API_RATE_LIMIT_PER_MINUTE: "lots" })).toThrow(/API_RATE_LIMIT_PER_MINUTE/);
  });
});
