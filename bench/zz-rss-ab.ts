// Scratch A/B (not committed): server RSS peak under list load with and without MALLOC_ARENA_MAX=2.
import { loadUrl } from "./lib/load";
import { quietRss } from "./lib/memory";
import { MB, signInOverHttp, startServer } from "./lib/server";

const DB = "postgresql://postgres@127.0.0.1:5432/cpor_bench_scale";
const variants: Record<string, Record<string, string>> = { default: {}, arena2: { MALLOC_ARENA_MAX: "2" } };
const order = (process.env.ORDER ?? "default,arena2,default,arena2").split(",");

async function main() {
  for (const name of order) {
    const server = await startServer({ DATABASE_URL: DB, ...variants[name] });
    try {
      const partner = { Cookie: await signInOverHttp(server.baseUrl, "bulk0@partner.example", "Demo-Pass-2026!") };
      const reviewer = { Cookie: await signInOverHttp(server.baseUrl, "reviewer1@review.example", "Demo-Pass-2026!") };
      await loadUrl({ url: `${server.baseUrl}/claims`, headers: partner, connections: 20, seconds: 3 });
      const idle = await quietRss(server);
      const a = await loadUrl({ url: `${server.baseUrl}/claims`, headers: partner, connections: 20, seconds: 15, rss: server.rss });
      const b = await loadUrl({ url: `${server.baseUrl}/review`, headers: reviewer, connections: 20, seconds: 15, rss: server.rss });
      const after = await quietRss(server);
      const r = (x: typeof a) => `${x.rps.toFixed(0)} req/s (non2xx ${x.non2xx}) p50 ${x.p50} p99 ${x.p99} peak ${((x.rssPeak ?? 0) / MB).toFixed(0)} MB`;
      console.log(`${name}: idle ${(idle / MB).toFixed(0)} MB; /claims ${r(a)}; /review ${r(b)}; after ${(after / MB).toFixed(0)} MB`);
    } finally {
      await server.stop();
    }
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
