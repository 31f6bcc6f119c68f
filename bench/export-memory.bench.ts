// `npm run bench -- export-memory`: the server's memory while it streams a large CSV export (issue 16: a
// 1,000,000-row export grows RSS by < 64 MB). Against the scale benchmark's database (BENCH_DATABASE_URL, loaded
// with at least BENCH_EXPORT_CLAIMS = 200,000 claims when it holds fewer), the production server (`npm start`
// path, bench/lib/server.ts), an admin's GET /api/v1/claims/export.csv of every claim:
//   fast    read as fast as the socket delivers, to the end: rows, MB, seconds, RSS growth;
//   slow    read at BENCH_SLOW_MB_PER_S (1 MB/s) for BENCH_SLOW_SECONDS (20 s), then hang up: the server produces
//           rows faster than that, so without back-pressure it would pile them up in memory (RSS growth).
// Figures, not assertions; tests/integration/export-back-pressure.test.ts proves the stream waits for its reader.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { measuredDownload } from "./lib/memory";
import { prepareScaleDatabase } from "./lib/scale-data";
import { MB, mb, startServer } from "./lib/server";

const CLAIMS = Number(process.env.BENCH_EXPORT_CLAIMS ?? 200_000);
const ORGS = Number(process.env.BENCH_ORGS ?? 2_000);
const SLOW_BYTES_PER_SECOND = Number(process.env.BENCH_SLOW_MB_PER_S ?? 1) * MB;
const SLOW_SECONDS = Number(process.env.BENCH_SLOW_SECONDS ?? 20);

async function adminKey(databaseUrl: string): Promise<string> {
  process.env.DATABASE_URL = databaseUrl;
  const { getDb, closeDb } = await import("../lib/db");
  const { createApiKeyForEmail } = await import("../lib/claims/api-keys");
  try {
    return (await createApiKeyForEmail(getDb(), "admin@portal.example", `export bench ${Date.now()}`)).secret;
  } finally {
    await closeDb();
  }
}

export async function run(): Promise<void> {
  const data = await prepareScaleDatabase(CLAIMS, ORGS);
  const key = await adminKey(data.url);
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), "cpor-bench-export-"));
  const server = await startServer({
    DATABASE_URL: data.url,
    STORAGE_DIR: path.join(storage, "files"),
    MAIL_DIR: path.join(storage, "mail"),
    API_RATE_LIMIT_PER_MINUTE: "0",
  });
  try {
    const url = `${server.baseUrl}/api/v1/claims/export.csv`;
    const headers = { Authorization: `Bearer ${key}` };
    // Warm-up: the route compiled, the pool open, the first pages read; then hang up mid-stream.
    await measuredDownload(server, url, headers, { maxSeconds: 2 });
    console.log(`   ${data.claims.toLocaleString("en")} claims; server pid ${server.pid}`);
    const fast = await measuredDownload(server, url, headers);
    console.log(
      `   fast reader: ${fast.rows.toLocaleString("en")} rows, ${(fast.bytes / MB).toFixed(1)} MB in ${fast.seconds.toFixed(1)} s ` +
        `(${Math.round(fast.rows / fast.seconds).toLocaleString("en")} rows/s); RSS ${mb(fast.rssBefore)} → peak ${mb(fast.rssPeak)}: +${mb(fast.rssGrowth)}`,
    );
    const slow = await measuredDownload(server, url, headers, { bytesPerSecond: SLOW_BYTES_PER_SECOND, maxSeconds: SLOW_SECONDS });
    console.log(
      `   slow reader (${mb(SLOW_BYTES_PER_SECOND)}/s for ${SLOW_SECONDS} s): ${slow.rows.toLocaleString("en")} rows, ${(slow.bytes / MB).toFixed(1)} MB read; ` +
        `RSS ${mb(slow.rssBefore)} → peak ${mb(slow.rssPeak)}: +${mb(slow.rssGrowth)}`,
    );
  } finally {
    await server.stop();
    fs.rmSync(storage, { recursive: true, force: true });
  }
}
