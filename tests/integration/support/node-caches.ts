// The node caches as production runs them (lib/cache): NODE_CACHE_SECONDS set and the invalidation listener
// started on the process's own client. The returned function stops the listener and puts the setting back.
import { startNodeCacheListener, stopNodeCacheListener } from "../../../lib/cache/invalidation";

export async function turnNodeCachesOn(seconds = 60): Promise<() => Promise<void>> {
  const previous = process.env.NODE_CACHE_SECONDS;
  process.env.NODE_CACHE_SECONDS = String(seconds);
  await startNodeCacheListener();
  return async () => {
    await stopNodeCacheListener();
    if (previous === undefined) delete process.env.NODE_CACHE_SECONDS;
    else process.env.NODE_CACHE_SECONDS = previous;
  };
}
