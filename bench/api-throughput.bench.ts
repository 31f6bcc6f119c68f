// Rough throughput of the API list (GET /api/v1/claims, 25 full claim resources per page) and of the trivial
// GET /api/v1/openapi.json (a cached document: the route-handler floor) on the production server, with 20
// concurrent connections for 10 s each after a warm-up. The load generator shares the machine: read the
// ratio between the two rather than the absolute numbers (docs/performance-notes.md "Targets": list within 2× of trivial).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { seedApiFixture } from "./lib/fixtures";
import { createBenchDatabase, startServer } from "./lib/server";

const CONNECTIONS = 20;
const SECONDS = 10;

async function load(url: string, headers: Record<string, string>, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const started = performance.now();
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        if (response.ok) latencies.push(performance.now() - started);
        else errors++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? NaN;
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), errors };
}

export async function run(): Promise<void> {
  const database = await createBenchDatabase("throughput");
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), "cpor-bench-files-"));
  const fixture = await seedApiFixture(database.url, { claims: 60 });
  const server = await startServer({ DATABASE_URL: database.url, STORAGE_DIR: storage, API_RATE_LIMIT_PER_MINUTE: "0" });
  try {
    const headers = { Authorization: `Bearer ${fixture.key}` };
    const targets = [
      { label: "GET /api/v1/openapi.json (trivial)", url: `${server.baseUrl}/api/v1/openapi.json`, headers: {} },
      { label: "GET /api/v1/claims?pageSize=25", url: `${server.baseUrl}/api/v1/claims?pageSize=25`, headers },
      { label: "GET /api/v1/claims/{id}", url: `${server.baseUrl}/api/v1/claims/${fixture.claimIds[0]}`, headers },
    ];
    console.log(`   database: ${database.kind}; ${CONNECTIONS} connections, ${SECONDS} s each after a 3 s warm-up`);
    for (const target of targets) {
      await load(target.url, target.headers, 3);
      const result = await load(target.url, target.headers, SECONDS);
      console.log(
        `   ${target.label.padEnd(38)} ${result.rps.toFixed(0).padStart(5)} req/s  p50 ${result.p50.toFixed(0)} ms  p99 ${result.p99.toFixed(0)} ms` +
          (result.errors ? `  (${result.errors} errors)` : ""),
      );
    }
  } finally {
    await server.stop();
    await database.drop();
    fs.rmSync(storage, { recursive: true, force: true });
  }
}
