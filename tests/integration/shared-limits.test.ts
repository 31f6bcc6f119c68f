// Sign-in and API limits are shared by every app node: two "nodes" (two independent store clients) consume one
// budget, in PostgreSQL (the default: the RateLimit table) and in Redis (REDIS_URL; the machine's Redis on
// 127.0.0.1:6379). Exactly `points` attempts pass between them, whichever node takes them.
import { randomUUID } from "node:crypto";
import net from "node:net";
import pg from "pg";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLimiter, type LimiterStore } from "../../lib/security/rate-limiter-store";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

const REDIS = { host: "127.0.0.1", port: 6379 };
const redisReachable = await new Promise<boolean>((resolve) => {
  const socket = net.connect(REDIS, () => {
    socket.end();
    resolve(true);
  });
  socket.on("error", () => resolve(false));
  socket.setTimeout(1000, () => {
    socket.destroy();
    resolve(false);
  });
});
if (!redisReachable) console.warn("!! Redis is not reachable on 127.0.0.1:6379: the Redis half of the shared-limit test is skipped");

/** Consumes one point per attempt, alternating between the two nodes; returns which attempts passed. */
async function alternate(nodes: RateLimiterAbstract[], key: string, attempts: number): Promise<boolean[]> {
  const passed: boolean[] = [];
  for (let i = 0; i < attempts; i++) {
    passed.push(
      await nodes[i % nodes.length].consume(key).then(
        () => true,
        (rejection: unknown) => {
          if (rejection instanceof Error) throw rejection; // a store failure, not a refusal
          return false;
        },
      ),
    );
  }
  return passed;
}

function budgetIsShared(stores: () => [LimiterStore, LimiterStore]) {
  it("two nodes share one budget: the sixth attempt is refused whichever node takes it", async () => {
    const keyPrefix = `shared-${randomUUID()}`;
    const spec = { keyPrefix, points: 5, durationSeconds: 900 };
    const [a, b] = stores();
    const nodes = [createLimiter(a, spec), createLimiter(b, spec)];
    expect(await alternate(nodes, "account:pat@partner.example", 8)).toEqual([true, true, true, true, true, false, false, false]);
    // Another key has its own budget.
    expect(await alternate(nodes, "account:other@partner.example", 1)).toEqual([true]);
    // Concurrent attempts on both nodes: still exactly five pass.
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => nodes[i % 2].consume("address:198.51.100.7").then(() => true, () => false)),
    );
    expect(burst.filter(Boolean)).toHaveLength(5);
  });
}

describe.skipIf(!pgAvailable)("shared limits in PostgreSQL (the RateLimit table)", () => {
  let t: TestDatabase;
  const pools: pg.Pool[] = [];
  beforeAll(async () => {
    t = await createTestDatabase();
    for (let i = 0; i < 2; i++) {
      const pool = new pg.Pool({ connectionString: t.url, max: 2 });
      pool.on("error", () => {}); // the test database is dropped under idle connections at the end
      pools.push(pool);
    }
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await t?.drop();
  });
  budgetIsShared(() => [
    { kind: "postgres", pool: pools[0] },
    { kind: "postgres", pool: pools[1] },
  ]);
});

describe.skipIf(!redisReachable)("shared limits in Redis (REDIS_URL)", () => {
  const clients: { quit(): Promise<unknown> }[] = [];
  let stores: [LimiterStore, LimiterStore];
  beforeAll(async () => {
    const { default: Redis } = await import("ioredis");
    const make = () => new Redis({ ...REDIS, enableOfflineQueue: true, maxRetriesPerRequest: 1 });
    const [one, two] = [make(), make()];
    clients.push(one, two);
    stores = [
      { kind: "redis", client: one },
      { kind: "redis", client: two },
    ];
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });
  budgetIsShared(() => stores);
});
