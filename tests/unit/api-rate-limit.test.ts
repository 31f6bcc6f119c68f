import { describe, expect, it } from "vitest";
import { ApiRateLimiter, configuredRateLimit } from "../../lib/api/rate-limit";

describe("ApiRateLimiter", () => {
  it("allows the per-minute limit in a window, then refuses with the seconds until the window ends", async () => {
    const limiter = new ApiRateLimiter({ kind: "memory" }, 3, "unit");
    const allowed = [await limiter.take("k"), await limiter.take("k"), await limiter.take("k")];
    expect(allowed.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
    ]);
    const refused = await limiter.take("k");
    expect(refused).toMatchObject({ allowed: false, limit: 3, remaining: 0 });
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another key has its own budget.
    expect((await limiter.take("other")).allowed).toBe(true);
  });

  it("reads API_RATE_LIMIT_PER_MINUTE: default 600, 0 = off, nonsense refused", () => {
    expect(configuredRateLimit({})).toBe(600);
    expect(configuredRateLimit({ API_RATE_LIMIT_PER_MINUTE: "30" })).toBe(30);
    expect(configuredRateLimit({ API_RATE_LIMIT_PER_MINUTE: "0" })).toBe(0);
    expect(() => configuredRateLimit({ API_RATE_LIMIT_PER_MINUTE: "lots" })).toThrow(/API_RATE_LIMIT_PER_MINUTE/);
  });
});
