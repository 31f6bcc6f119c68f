import { describe, expect, it } from "vitest";
import { NodeCache, parseInvalidation } from "../../lib/cache/node-cache";

function cacheWith(options: { enabled?: () => boolean; ttlMs?: number; max?: number } = {}) {
  return new NodeCache<string>({ name: "t", ttlMs: () => options.ttlMs ?? 1000, max: options.max ?? 10, enabled: options.enabled ?? (() => true) });
}

function counter(values: string[]) {
  let calls = 0;
  return {
    load: async () => values[Math.min(calls++, values.length - 1)],
    get calls() {
      return calls;
    },
  };
}

describe("NodeCache", () => {
  it("loads once and serves the stored value until it expires", async () => {
    const cache = cacheWith({ ttlMs: 100 });
    const source = counter(["a", "b"]);
    expect(await cache.get("k", source.load, 0)).toBe("a");
    expect(await cache.get("k", source.load, 99)).toBe("a");
    expect(source.calls).toBe(1);
    expect(await cache.get("k", source.load, 100)).toBe("b");
  });

  it("reads through, storing nothing, while disabled (the invalidation listener is not live)", async () => {
    let live = false;
    const cache = cacheWith({ enabled: () => live });
    const source = counter(["a", "b", "c"]);
    expect(await cache.get("k", source.load)).toBe("a");
    expect(await cache.get("k", source.load)).toBe("b");
    expect(cache.size).toBe(0);
    live = true;
    expect(await cache.get("k", source.load)).toBe("c");
    expect(await cache.get("k", source.load)).toBe("c");
  });

  it("drops one key, or every key with *", async () => {
    const cache = cacheWith();
    await cache.get("x", async () => "x1");
    await cache.get("y", async () => "y1");
    cache.invalidate("x");
    expect(await cache.get("x", async () => "x2")).toBe("x2");
    expect(await cache.get("y", async () => "y2")).toBe("y1");
    cache.invalidate("*");
    expect(await cache.get("y", async () => "y3")).toBe("y3");
  });

  it("does not store a value whose load overlapped an invalidation (it may predate the change)", async () => {
    const cache = cacheWith();
    let release!: () => void;
    const slow = cache.get("k", () => new Promise<string>((resolve) => (release = () => resolve("before the change"))));
    cache.invalidate("k");
    release();
    expect(await slow).toBe("before the change");
    expect(await cache.get("k", async () => "after the change")).toBe("after the change");
  });

  it("keeps at most `max` entries, dropping the least recently stored", async () => {
    const cache = cacheWith({ max: 2 });
    await cache.get("a", async () => "a");
    await cache.get("b", async () => "b");
    await cache.get("c", async () => "c");
    expect(cache.size).toBe(2);
    expect(await cache.get("a", async () => "a again")).toBe("a again");
  });

  it("reads notification payloads as <cache>:<key>, keys may hold colons", () => {
    expect(parseInvalidation("user:abc")).toEqual({ cache: "user", key: "abc" });
    expect(parseInvalidation("apikey:*")).toEqual({ cache: "apikey", key: "*" });
    expect(parseInvalidation("session:a:b")).toEqual({ cache: "session", key: "a:b" });
    expect(parseInvalidation("nokey")).toBeNull();
    expect(parseInvalidation(":x")).toBeNull();
    expect(parseInvalidation("user:")).toBeNull();
  });
});
