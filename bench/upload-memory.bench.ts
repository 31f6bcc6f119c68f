// Memory of the streamed PoE upload (api-v1: "streamed, not buffered whole in memory"): the production server
// receives a 50 MB file through POST /api/v1/claims/{id}/poe, with the size limit raised to 60 MB through the
// Setting row "sla" {poeMaxBytes}, while this process samples the server's resident memory (RSS, its whole
// process tree). Prints the growth over the idle baseline: a figure to read, not a timed assertion.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { seedApiFixture } from "./lib/fixtures";
import { MB, createBenchDatabase, mb, startServer } from "./lib/server";

// BENCH_UPLOAD_MB changes the size (e.g. to see whether the growth scales with the file: it must not).
const UPLOAD_BYTES = Number(process.env.BENCH_UPLOAD_MB || 50) * MB;
const CHUNK = 64 * 1024;

/** A PDF signature, then filler, produced chunk by chunk: the client never holds the file either. */
export function pdfStream(total: number): ReadableStream<Uint8Array> {
  const header = new TextEncoder().encode("%PDF-1.7\n% bench upload\n");
  const trailer = new TextEncoder().encode("\n%%EOF\n");
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) {
        controller.enqueue(header);
        sent += header.length;
        return;
      }
      const left = total - sent - trailer.length;
      if (left <= 0) {
        controller.enqueue(trailer);
        controller.close();
        return;
      }
      const size = Math.min(CHUNK, left);
      const chunk = new Uint8Array(size).fill(0x20);
      controller.enqueue(chunk);
      sent += size;
    },
  });
}

export async function upload(baseUrl: string, key: string, claimId: string, bytes: number, name: string) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/claims/${claimId}/poe`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "X-File-Name": name, "Content-Type": "application/pdf" },
    body: pdfStream(bytes),
    duplex: "half",
  } as RequestInit);
  const body = (await response.json()) as { size?: number; code?: string; detail?: string };
  return { status: response.status, body, seconds: (performance.now() - started) / 1000 };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function run(): Promise<void> {
  const database = await createBenchDatabase("upload");
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), "cpor-bench-files-"));
  const fixture = await seedApiFixture(database.url, { claims: 2, poeMaxBytes: UPLOAD_BYTES + 10 * MB });
  const server = await startServer({ DATABASE_URL: database.url, STORAGE_DIR: storage, API_RATE_LIMIT_PER_MINUTE: "0" });
  try {
    // Warm-up: the upload route compiled, the connection pool open, JIT warm.
    for (let i = 0; i < 3; i++) await upload(server.baseUrl, fixture.key, fixture.claimIds[0], 256 * 1024, `warm-${i}.pdf`);
    await sleep(1000);
    const idle: number[] = [];
    for (let i = 0; i < 10; i++) {
      idle.push(server.rss());
      await sleep(100);
    }
    const baseline = idle.sort((a, b) => a - b)[Math.floor(idle.length / 2)];

    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, server.rss())), 20);
    const result = await upload(server.baseUrl, fixture.key, fixture.claimIds[1], UPLOAD_BYTES, "large-upload.pdf");
    await sleep(200);
    clearInterval(sampler);
    peak = Math.max(peak, server.rss());

    if (result.status !== 201 || result.body.size !== UPLOAD_BYTES) {
      throw new Error(`upload answered ${result.status}: ${JSON.stringify(result.body)}`);
    }
    console.log(`   database: ${database.kind}; server pid ${server.pid}`);
    console.log(`   upload ${mb(UPLOAD_BYTES)} (chunked, streamed): 201 in ${result.seconds.toFixed(2)} s (${(UPLOAD_BYTES / MB / result.seconds).toFixed(0)} MB/s)`);
    console.log(`   server RSS: idle ${mb(baseline)}, peak during upload ${mb(peak)}`);
    console.log(`   RSS growth for a ${mb(UPLOAD_BYTES)} upload: ${mb(peak - baseline)} (${(((peak - baseline) / UPLOAD_BYTES) * 100).toFixed(0)}% of the file)`);
  } finally {
    await server.stop();
    await database.drop();
    fs.rmSync(storage, { recursive: true, force: true });
  }
}
