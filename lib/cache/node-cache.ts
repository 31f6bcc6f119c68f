/**
 * A per-node cache for rows that nearly every request reads and that rarely change: the signed-in user, API keys,
 * the SLA settings and holidays. Without it each page paid two or three lookups before doing its own work (the
 * scale benchmark counts SQL statements per request).
 *
 * Correctness comes from invalidation, not from expiry: the database announces every change of the cached rows
 * with `pg_notify('cpor_cache', '<cache>:<key>')` from triggers (migration `node_cache_invalidation`), so a
 * change made through any node — or by hand in psql — reaches every node's listener (lib/cache/invalidation.ts)
 * within milliseconds. The cache is bypassed whenever that listener is not connected (start-up, a lost
 * connection: everything is dropped when it reconnects), and a load that overlapped an invalidation is not
 * stored, so a cached value is never older than the last announcement this node received. The TTL is only a
 * backstop. Off unless `NODE_CACHE_SECONDS` > 0 (production default 30, see lib/config.ts); tests that change
 * rows behind the code's back run with it off.
 */
export interface NodeCacheOptions {
  name: string;
  /** Read at each store, so a change of NODE_CACHE_SECONDS (tests) applies at once. */
  ttlMs: () => number;
  /** Entries kept at most; the oldest are dropped first. */
  max: number;
  /** Whether values may be served from the cache now (the invalidation listener is live). */
  enabled: () => boolean;
}

interface Entry<T> {
  value: T;
  expiresAt: number;
}

export class NodeCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  // Bumped by every invalidation: a load that started before one may hold an old value and is not stored.
  private generation = 0;

  constructor(private readonly options: NodeCacheOptions) {}

  get name(): string {
    return this.options.name;
  }

  async get(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    if (!this.options.enabled()) return load();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation && this.options.enabled()) this.store(key, value, now);
    return value;
  }

  /** One key, or every key with "*". */
  invalidate(key: string): void {
    this.generation++;
    if (key === "*") this.entries.clear();
    else this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private store(key: string, value: T, now: number): void {
    this.entries.delete(key); // re-inserted last: Map order is the eviction order
    this.entries.set(key, { value, expiresAt: now + this.options.ttlMs() });
    while (this.entries.size > this.options.max) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

/** Splits a notification payload `<cache>:<key>` (the key may itself contain colons). */
export function parseInvalidation(payload: string): { cache: string; key: string } | null {
  const at = payload.indexOf(":");
  if (at <= 0 || at === payload.length - 1) return null;
  return { cache: payload.slice(0, at), key: payload.slice(at + 1) };
}
