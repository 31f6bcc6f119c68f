// Memory figures of a running server (bench/lib/server.ts rss()): a baseline taken as the median of a few quiet
// samples, the peak sampled every 50 ms while a download runs, and downloads read either as fast as the socket
// allows or by a slow consumer (node:http, paused between reads) so that the server's stream must wait for it.
import http from "node:http";
import type { BenchServer } from "./server";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The server's resident memory at rest: the median of `samples` readings 100 ms apart (one reading is noisy). */
export async function quietRss(server: BenchServer, samples = 7): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < samples; i++) {
    readings.push(server.rss());
    await sleep(100);
  }
  return readings.sort((a, b) => a - b)[Math.floor(readings.length / 2)];
}

/** Samples the server's RSS every `intervalMs` until stopped; `peak()` is the highest reading so far. */
export function rssSampler(server: BenchServer, intervalMs = 50) {
  let peak = server.rss();
  const timer = setInterval(() => (peak = Math.max(peak, server.rss())), intervalMs);
  return {
    peak: () => peak,
    stop(): number {
      clearInterval(timer);
      peak = Math.max(peak, server.rss());
      return peak;
    },
  };
}

export interface DownloadOptions {
  /** Read at most this many bytes a second (a slow client); unset: as fast as the socket delivers. */
  bytesPerSecond?: number;
  /** Stop reading (and close the connection) after this many seconds; unset: read to the end. */
  maxSeconds?: number;
}

export interface Download {
  status: number;
  bytes: number;
  /** Lines after the header line. */
  rows: number;
  seconds: number;
  /** false: the consumer stopped at maxSeconds before the end. */
  complete: boolean;
}

/**
 * GET `url` with node:http (no decompression, no buffering of its own): each chunk is counted; a slow consumer
 * pauses the socket long enough to keep to `bytesPerSecond`, so the server's writes back up to its stream.
 */
export function download(url: string, headers: Record<string, string>, options: DownloadOptions = {}): Promise<Download> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { ...headers, "Accept-Encoding": "identity" } }, (response) => {
      let bytes = 0;
      let lines = 0;
      let finished = false;
      const finish = (complete: boolean) => {
        if (finished) return;
        finished = true;
        resolve({ status: response.statusCode ?? 0, bytes, rows: Math.max(0, lines - 1), seconds: (performance.now() - started) / 1000, complete });
      };
      response.on("data", (chunk: Buffer) => {
        bytes += chunk.byteLength;
        for (const b of chunk) if (b === 10) lines++;
        const elapsed = (performance.now() - started) / 1000;
        if (options.maxSeconds !== undefined && elapsed >= options.maxSeconds) {
          finish(false);
          response.destroy();
          return;
        }
        if (options.bytesPerSecond) {
          const due = (bytes / options.bytesPerSecond - elapsed) * 1000;
          if (due > 0) {
            response.pause();
            setTimeout(() => response.resume(), due);
          }
        }
      });
      response.on("end", () => finish(true));
      response.on("error", (error) => (finished ? undefined : reject(error)));
      response.on("close", () => finish(response.complete));
    });
    request.on("error", reject);
  });
}

/** A download with the server's RSS: the quiet baseline before it, the peak while it ran, the growth between. */
export async function measuredDownload(server: BenchServer, url: string, headers: Record<string, string>, options: DownloadOptions = {}) {
  const before = await quietRss(server);
  const sampler = rssSampler(server);
  const result = await download(url, headers, options);
  await sleep(200);
  const peak = Math.max(before, sampler.stop());
  return { ...result, rssBefore: before, rssPeak: peak, rssGrowth: peak - before };
}
