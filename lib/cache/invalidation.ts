// The node caches (lib/cache/node-cache.ts) and the one listener that keeps them honest: a dedicated connection
// that LISTENs on `cpor_cache`, where triggers announce every change of a cached row (migration
// `node_cache_invalidation`). While it is not connected the caches are bypassed; when it drops, every cache is
// emptied and it reconnects. With the embedded PGlite database (one process) the same notifications arrive
// through PGlite's own listen().
import pg from "pg";
import { nodeCacheSeconds } from "../config";
import { databaseUrl, embeddedDatabase, getDb, isEmbeddedDatabase } from "../db";
import { NodeCache, parseInvalidation } from "./node-cache";

export const CACHE_CHANNEL = "cpor_cache";
const RECONNECT_MS = 1000;

interface ListenerState {
  caches: Map<string, NodeCache<unknown>>;
  listening: boolean;
  starting: boolean;
  /** Set by stopNodeCacheListener: no reconnecting (tests, shutdown). */
  stopped?: boolean;
  client?: pg.Client;
}

const holder = globalThis as typeof globalThis & { __cporNodeCaches?: ListenerState };
const state: ListenerState = (holder.__cporNodeCaches ??= { caches: new Map(), listening: false, starting: false });

function dispatch(payload: string): void {
  const parsed = parseInvalidation(payload);
  if (!parsed) return;
  state.caches.get(parsed.cache)?.invalidate(parsed.key);
}

function dropEverything(): void {
  for (const cache of state.caches.values()) cache.invalidate("*");
}

function lost(error?: unknown): void {
  if (error) console.error("node cache listener lost its connection; caches off until it reconnects:", error);
  state.listening = false;
  state.client = undefined;
  dropEverything();
  if (!state.stopped) setTimeout(startListening, RECONNECT_MS).unref();
}

async function listenToPostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  client.on("notification", (message) => message.payload && dispatch(message.payload));
  client.on("error", (error) => lost(error));
  client.on("end", () => state.client === client && lost());
  await client.connect();
  // The listener must not keep a CLI alive that happened to read a cached value.
  (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
  await client.query(`LISTEN ${CACHE_CHANNEL}`);
  state.client = client;
}

async function listenToEmbedded(): Promise<void> {
  getDb(); // opens the embedded database if this process has not yet
  const pglite = embeddedDatabase();
  if (!pglite) throw new Error("the embedded database is not open");
  await pglite.listen(CACHE_CHANNEL, dispatch);
}

function startListening(): void {
  if (state.stopped || state.listening || state.starting || nodeCacheSeconds() <= 0) return;
  state.starting = true;
  (isEmbeddedDatabase() ? listenToEmbedded() : listenToPostgres())
    .then(() => {
      dropEverything(); // anything loaded before the listener was live may have missed an announcement
      state.listening = true;
    })
    .catch((error: unknown) => lost(error))
    .finally(() => {
      state.starting = false;
    });
}

/** A named cache of this node, served only while the invalidation listener is live. */
export function defineNodeCache<T>(name: string, max: number): NodeCache<T> {
  const existing = state.caches.get(name);
  if (existing) return existing as NodeCache<T>;
  const cache = new NodeCache<T>({
    name,
    max,
    ttlMs: () => nodeCacheSeconds() * 1000,
    enabled: () => {
      if (nodeCacheSeconds() <= 0) return false;
      if (!state.listening) startListening();
      return state.listening;
    },
  });
  state.caches.set(name, cache as NodeCache<unknown>);
  return cache;
}

/** Ends the listener and empties every cache; the caches stay off until startNodeCacheListener (tests). */
export async function stopNodeCacheListener(): Promise<void> {
  state.stopped = true;
  state.listening = false;
  const client = state.client;
  state.client = undefined;
  dropEverything();
  await client?.end().catch(() => {});
}

/** Starts (or restarts after stopNodeCacheListener) the listener and resolves once it is live. */
export async function startNodeCacheListener(timeoutMs = 5000): Promise<void> {
  state.stopped = false;
  startListening();
  const deadline = Date.now() + timeoutMs;
  while (!state.listening) {
    if (Date.now() > deadline) throw new Error("the node cache listener did not connect");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
