// One load run against one URL: autocannon (20 connections by default) for a fixed time, every response's
// latency collected here (autocannon's own percentiles have no p95), the server's RSS sampled meanwhile.
import autocannon from "autocannon";

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  /** Sampled every 200 ms while the load runs (the server's resident memory, bytes). */
  rss?: () => number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Mean response body size in bytes. */
  bytes: number;
  rssPeak: number;
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))];
}

export async function loadUrl(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let bodyBytes = 0;
  let rssPeak = options.rss?.() ?? 0;
  const sampler = options.rss ? setInterval(() => (rssPeak = Math.max(rssPeak, options.rss!())), 200) : undefined;
  try {
    // Without a callback autocannon returns a promise that is also the running instance (its events).
    const instance = autocannon({
      url: options.url,
      connections: options.connections,
      duration: options.seconds,
      headers: options.headers,
      // A redirect (a signed-out page) is counted as non-2xx: the caller checks a 200 first.
    }) as unknown as Promise<autocannon.Result> & autocannon.Instance;
    instance.on("response", (_client, _status, resBytes, responseTime) => {
      latencies.push(responseTime);
      bodyBytes += resBytes;
    });
    const result = await instance;
    latencies.sort((a, b) => a - b);
    return {
      requests: latencies.length,
      rps: latencies.length / options.seconds,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      bytes: latencies.length ? bodyBytes / latencies.length : 0,
      rssPeak,
    };
  } finally {
    if (sampler) clearInterval(sampler);
  }
}
