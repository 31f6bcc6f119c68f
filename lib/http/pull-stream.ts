// Response bodies that do their work only when the reader asks for more (the CSV exports): a ReadableStream whose
// `pull` produces exactly one chunk per read, with a high-water mark of 0 so that nothing is produced ahead of
// demand. A slow client then holds the export where it is: Next writes a chunk to the socket and reads the next
// one only once the socket has drained (node_modules/next/dist/server/pipe-readable.js), and each read here costs
// one query. The default high-water mark (1 chunk) would keep one extra page queued at every stage of a chain.
// Proof: tests/integration/export-back-pressure.test.ts counts the queries a stalled reader caused.

/** Where a chain of pull streams waits: no chunk is produced before a reader asks for one. */
const ON_DEMAND = { highWaterMark: 0 } as const;

/**
 * A byte stream from `next`, called once per read; it returns the next chunk, or null at the end. `cancel` runs
 * when the reader gives up (the client went away).
 */
export function pullStream(next: () => Promise<Uint8Array | null>, cancel?: (reason: unknown) => Promise<void> | void): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const chunk = await next();
        if (chunk === null) controller.close();
        else controller.enqueue(chunk);
      },
      cancel,
    },
    ON_DEMAND,
  );
}

/**
 * `source` read through one reader on demand, each chunk passed to `onChunk` first; `onEnd` runs once when the
 * source ends, fails or is cancelled. The same bytes, no buffering of its own (unlike `pipeThrough`, whose
 * TransformStream queues a chunk on each side).
 */
export function relayStream(
  source: ReadableStream<Uint8Array>,
  hooks: { first?: Uint8Array; onChunk?: () => Promise<void>; onEnd?: () => Promise<void> } = {},
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let first = hooks.first;
  let ended = false;
  const end = async () => {
    if (ended) return;
    ended = true;
    await hooks.onEnd?.();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (first) {
          controller.enqueue(first);
          first = undefined;
          return;
        }
        try {
          const { done, value } = await reader.read();
          if (done) {
            await end();
            controller.close();
            return;
          }
          controller.enqueue(value);
          await hooks.onChunk?.();
        } catch (error) {
          await end();
          controller.error(error);
        }
      },
      async cancel(reason) {
        await end();
        await reader.cancel(reason);
      },
    },
    ON_DEMAND,
  );
}
