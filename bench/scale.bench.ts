// `npm run bench -- scale`: the portal at BENCH_CLAIMS claims (default 1,000,000 over BENCH_ORGS = 2,000
// organizations), each target measured beside its floor in the same run, on this machine only (127.0.0.1).
//
//   floors   a trivial route handler, a bare page with a static table, the same table inside the portal layout —
//            routes that exist only in the bench build (app/**/page.bench.tsx, CPOR_BENCH_ROUTES=1, built into
//            .next-bench); run first and last, the drift between the two is printed.
//   targets  the dashboard (the large partner, 50,000 claims), its page 400, the review queue, the admin list, the
//            API list, a claim page with 200 history events; each with p50/p95/p99 and its ratio to its floor.
//   also     SQL statements and time per request (lib/db.ts counters, CPOR_SQL_STATS=1), row weight, RSS idle and
//            peak, a 50,000-row and an all-claims CSV export and a 50 MB upload (RSS growth), the sweep on the
//            backlog without delivery (with the API list under load meanwhile; its longest transaction), delivery
//            to a local SMTP server (messages/s), the sweep on nothing due, the bulk seed's rate.
// Writes bench/results.json and bench/results.md. Figures, not assertions: a target missed is printed as such.
//
// Env: BENCH_CLAIMS, BENCH_ORGS, BENCH_SECONDS (15), BENCH_CONNECTIONS (20), BENCH_DATABASE_URL, BENCH_RELOAD=1,
// BENCH_REBUILD=1, BENCH_EXPORT_ALL=0 (skip the all-claims export), BENCH_DELIVER_MESSAGES (cap the delivery).
import { execFileSync, execSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadUrl, type LoadResult } from "./lib/load";
import { measuredDownload, quietRss, rssSampler } from "./lib/memory";
import { prepareScaleDatabase } from "./lib/scale-data";
import { MB, ROOT, signInOverHttp, startServer, type BenchServer } from "./lib/server";
import { upload } from "./upload-memory.bench";

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 1_000_000);
const ORGS = Number(process.env.BENCH_ORGS ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DIST_DIR = ".next-bench";
const PASSWORD = "Demo-Pass-2026!"; // the seed's demo password (the bench database is a demo-mode seed)
const signIn = (baseUrl: string, email: string) => signInOverHttp(baseUrl, email, PASSWORD);
const UPLOAD_BYTES = 50 * MB;

interface Row {
  label: string;
  floor?: string;
  result: LoadResult;
  sql?: { statements: number; ms: number };
}

// ── build ────────────────────────────────────────────────────────────────────────────────────────────────────────
/** The bench build (with the floor routes) is rebuilt when the sources changed since it was made. */
function ensureBenchBuild(): void {
  const stamp = path.join(ROOT, DIST_DIR, "cpor-bench-source");
  const source = createHash("sha256")
    .update(execSync("git rev-parse HEAD && git status --porcelain && git diff", { cwd: ROOT, encoding: "utf8", maxBuffer: 256 * MB }))
    .digest("hex");
  const built = fs.existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === source;
  if (built && process.env.BENCH_REBUILD !== "1") return;
  console.log(`   building the bench build into ${DIST_DIR}/ (floor routes included)…`);
  execFileSync("npx", ["next", "build"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, CPOR_BENCH_ROUTES: "1", NEXT_TELEMETRY_DISABLED: "1" },
  });
  fs.writeFileSync(stamp, source);
}

// ── sessions and fixtures ───────────────────────────────────────────────────────────────────────────────────────

interface Fixtures {
  partnerKey: string;
  adminKey: string;
  historyClaimId: string;
  uploadClaimId: string;
}

/** Written through the product's own use cases, in this process, before the server starts. */
async function prepareFixtures(databaseUrl: string): Promise<Fixtures> {
  process.env.DATABASE_URL = databaseUrl;
  const { getDb, closeDb } = await import("../lib/db");
  const { createApiKeyForEmail } = await import("../lib/claims/api-keys");
  const { createClaim, addComment } = await import("../lib/claims/service");
  const { SLA_SETTINGS_KEY } = await import("../lib/claims/settings");
  const db = getDb();
  try {
    const partner = await db.user.findUniqueOrThrow({ where: { email: "bulk0@partner.example" } });
    const location = await db.partnerLocation.findFirstOrThrow({ where: { organizationId: partner.organizationId! } });
    const actor = { kind: "user" as const, userId: partner.id, role: "PARTNER_ADMIN" as const, organizationId: partner.organizationId! };
    const claimInput = (name: string) => ({
      mpnId: location.mpnId,
      program: "OSU",
      activity: "PRE_SALES",
      solutionArea: "MODERN_WORK",
      customer: { tenantId: crypto.randomUUID(), domain: "history-bench.example", name },
      products: [{ kind: "WORKLOAD", name: "TEAMS" }],
      customerContact: { name: "Chris Customer", title: "CIO", email: "chris@history-bench.example" },
      partnerContact: { name: "Pat Partner", title: "Account manager", email: "pat@partner.example" },
    });
    let history = await db.claim.findFirst({ where: { customerName: "Bench history claim" }, select: { id: true } });
    if (!history) {
      history = await createClaim(db, actor, claimInput("Bench history claim"));
      for (let i = 1; i < 200; i++) await addComment(db, actor, history.id, { body: `Bench comment ${i}: what happened next, in a sentence or two.` });
    }
    const uploadClaim = await createClaim(db, actor, claimInput("Bench upload claim"));
    // The 50 MB upload needs a file limit above it (the product's default is lower).
    await db.setting.upsert({
      where: { key: SLA_SETTINGS_KEY },
      create: { key: SLA_SETTINGS_KEY, value: { poeMaxBytes: UPLOAD_BYTES + 10 * MB } },
      update: { value: { poeMaxBytes: UPLOAD_BYTES + 10 * MB } },
    });
    const partnerKey = (await createApiKeyForEmail(db, partner.email, `bench ${Date.now()}`)).secret;
    const adminKey = (await createApiKeyForEmail(db, "admin@portal.example", `bench ${Date.now()}`)).secret;
    return { partnerKey, adminKey, historyClaimId: history.id, uploadClaimId: uploadClaim.id };
  } finally {
    await closeDb();
  }
}

// ── measuring ───────────────────────────────────────────────────────────────────────────────────────────────────
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "–");

async function expectOk(url: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { headers, redirect: "manual" });
  const body = await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status} (expected 200): check the bench's sign-in`);
  return body.byteLength;
}

/** The absolute URL of a list page's Next link (rel="next"): a keyset cursor link. */
async function nextLinkOf(url: string, headers: Record<string, string>): Promise<string> {
  const html = await (await fetch(url, { headers })).text();
  const anchor = /<a\b[^>]*\brel="next"[^>]*>/.exec(html)?.[0];
  const href = anchor && /\bhref="([^"]+)"/.exec(anchor)?.[1];
  if (!href) throw new Error(`${url} has no Next link`);
  return new URL(href.replaceAll("&amp;", "&"), url).toString();
}

async function sqlPerRequest(server: BenchServer, url: string, headers: Record<string, string>, requests = 20) {
  await fetch(`${server.baseUrl}/api/bench-floor/sql`, { method: "DELETE" });
  for (let i = 0; i < requests; i++) await (await fetch(url, { headers })).arrayBuffer();
  const stats = (await (await fetch(`${server.baseUrl}/api/bench-floor/sql`)).json()) as { statements: number; totalMs: number };
  return { statements: stats.statements / requests, ms: stats.totalMs / requests };
}

async function measure(server: BenchServer, label: string, url: string, headers: Record<string, string>, floor?: string): Promise<Row> {
  await expectOk(url, headers);
  await loadUrl({ url, headers, connections: CONNECTIONS, seconds: 2 }); // warm-up
  const result = await loadUrl({ url, headers, connections: CONNECTIONS, seconds: SECONDS, rss: server.rss });
  const sql = await sqlPerRequest(server, url, headers);
  console.log(
    `   ${label.padEnd(44)} ${fmt(result.rps).padStart(5)} req/s  p50 ${fmt(result.p50).padStart(4)}  p95 ${fmt(result.p95).padStart(4)}  p99 ${fmt(result.p99).padStart(5)} ms` +
      `  ${fmt(result.bytes / 1024, 1)} kB  SQL ${fmt(sql.statements, 1)} st / ${fmt(sql.ms, 1)} ms` +
      (result.errors || result.non2xx ? `  (${result.errors} errors, ${result.non2xx} non-2xx)` : ""),
  );
  return { label, floor, result, sql };
}

interface Target {
  name: string;
  measured: number;
  limit: number;
  unit: string;
  /** true: measured must be ≤ limit; false: ≥. */
  atMost: boolean;
}

export async function run(): Promise<void> {
  console.log(`   ${CLAIMS.toLocaleString("en")} claims, ${ORGS.toLocaleString("en")} organizations; ${CONNECTIONS} connections × ${SECONDS} s per target; ${os.cpus().length} cores`);
  const data = await prepareScaleDatabase(CLAIMS, ORGS);
  const fixtures = await prepareFixtures(data.url);
  ensureBenchBuild();
  process.env.NEXT_DIST_DIR = DIST_DIR; // startServer serves (and checks for) this build, not .next/
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), "cpor-bench-scale-"));
  const serverEnv = {
    DATABASE_URL: data.url,
    NEXT_DIST_DIR: DIST_DIR,
    CPOR_BENCH_ROUTES: "1",
    CPOR_SQL_STATS: "1",
    STORAGE_DIR: path.join(storage, "files"),
    MAIL_DIR: path.join(storage, "mail"),
    API_RATE_LIMIT_PER_MINUTE: "0",
    SIGNIN_MAX_FAILURES_PER_ACCOUNT: "0",
    SIGNIN_MAX_FAILURES_PER_ADDRESS: "0",
  };
  let server = await startServer(serverEnv);
  const rows: Row[] = [];
  const targets: Target[] = [];
  const extra: Record<string, unknown> = { claims: data.claims, organizations: ORGS, seedRate: data.seedRate };
  try {
    const base = server.baseUrl;
    const partner = { Cookie: await signIn(base, "bulk0@partner.example") };
    const reviewer = { Cookie: await signIn(base, "reviewer1@review.example") };
    const admin = { Cookie: await signIn(base, "admin@portal.example") };
    const partnerApi = { Authorization: `Bearer ${fixtures.partnerKey}` };
    const adminApi = { Authorization: `Bearer ${fixtures.adminKey}` };
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rssIdle = server.rss();

    console.log("\n   floors (first)");
    const floorsFirst = [
      await measure(server, "floor: route handler {ok:true}", `${base}/api/bench-floor`, {}),
      await measure(server, "floor: bare page, 25 rows", `${base}/bench-floor/bare?rows=25`, partner),
      await measure(server, "floor: in-layout page, 25 rows", `${base}/bench-floor/table?rows=25`, partner),
    ];
    rows.push(...floorsFirst);

    console.log("\n   targets");
    rows.push(await measure(server, "dashboard /claims (50k-claim partner), 25 rows", `${base}/claims`, partner, "floor: in-layout page, 25 rows"));
    rows.push(await measure(server, "dashboard /claims?page=400", `${base}/claims?page=400`, partner, "dashboard /claims (50k-claim partner), 25 rows"));
    // The way a person reaches page 400: page 399's Next link, which carries a keyset cursor (not an OFFSET).
    rows.push(await measure(server, "dashboard page 400 by its Next link (cursor)", await nextLinkOf(`${base}/claims?page=399`, partner), partner, "dashboard /claims (50k-claim partner), 25 rows"));
    rows.push(await measure(server, "review queue /review, 25 rows", `${base}/review`, reviewer, "floor: in-layout page, 25 rows"));
    rows.push(await measure(server, "admin list /admin, 25 rows", `${base}/admin`, admin, "floor: in-layout page, 25 rows"));
    rows.push(await measure(server, "GET /api/v1/claims (25)", `${base}/api/v1/claims?pageSize=25`, partnerApi, "floor: route handler {ok:true}"));
    rows.push(await measure(server, "claim page, 200 history events", `${base}/claims/${fixtures.historyClaimId}`, partner, "floor: in-layout page, 25 rows"));

    console.log("\n   floors (last)");
    const floorsLast = [
      await measure(server, "floor: route handler {ok:true} (last)", `${base}/api/bench-floor`, {}),
      await measure(server, "floor: bare page, 25 rows (last)", `${base}/bench-floor/bare?rows=25`, partner),
      await measure(server, "floor: in-layout page, 25 rows (last)", `${base}/bench-floor/table?rows=25`, partner),
    ];
    rows.push(...floorsLast);
    const drift = floorsFirst.map((first, i) => ({ floor: first.label, firstRps: first.result.rps, lastRps: floorsLast[i].result.rps, drift: floorsLast[i].result.rps / first.result.rps - 1 }));
    for (const d of drift) console.log(`   drift ${d.floor}: ${fmt(d.firstRps)} → ${fmt(d.lastRps)} req/s (${fmt(d.drift * 100, 1)} %)`);
    extra.floorDrift = drift;

    // Floors for the ratios: the mean of first and last, so drift during the run counts against neither side.
    const floorOf = (label: string) => {
      const pair = [rows.find((r) => r.label === label)!, rows.find((r) => r.label === `${label} (last)`)].filter(Boolean) as Row[];
      const mean = (f: (r: LoadResult) => number) => pair.reduce((s, r) => s + f(r.result), 0) / pair.length;
      return { rps: mean((r) => r.rps), p50: mean((r) => r.p50), p99: mean((r) => r.p99) };
    };
    const byLabel = (label: string) => rows.find((r) => r.label === label)!;
    for (const label of ["dashboard /claims (50k-claim partner), 25 rows", "review queue /review, 25 rows", "admin list /admin, 25 rows"]) {
      const floor = floorOf("floor: in-layout page, 25 rows");
      const r = byLabel(label).result;
      targets.push({ name: `${label}: p50 ÷ in-layout floor`, measured: r.p50 / floor.p50, limit: 1.2, unit: "×", atMost: true });
      targets.push({ name: `${label}: p99 ÷ in-layout floor`, measured: r.p99 / floor.p99, limit: 1.2, unit: "×", atMost: true });
    }
    const page1 = byLabel("dashboard /claims (50k-claim partner), 25 rows").result;
    const page400 = byLabel("dashboard /claims?page=400").result;
    targets.push({ name: "dashboard page 400 ÷ page 1 (p50)", measured: page400.p50 / page1.p50, limit: 1.2, unit: "×", atMost: true });
    const page400ByCursor = byLabel("dashboard page 400 by its Next link (cursor)").result;
    targets.push({ name: "dashboard page 400 by cursor ÷ page 1 (p50)", measured: page400ByCursor.p50 / page1.p50, limit: 1.2, unit: "×", atMost: true });
    targets.push({ name: "in-layout floor ÷ bare page (req/s)", measured: floorOf("floor: in-layout page, 25 rows").rps / floorOf("floor: bare page, 25 rows").rps, limit: 0.5, unit: "×", atMost: false });
    const apiList = byLabel("GET /api/v1/claims (25)");
    targets.push({ name: "API list p99 ÷ trivial route p99", measured: apiList.result.p99 / floorOf("floor: route handler {ok:true}").p99, limit: 1.5, unit: "×", atMost: true });
    targets.push({ name: "API list SQL statements per request (warm)", measured: apiList.sql!.statements, limit: 3, unit: "", atMost: true });

    // Row weight: the same page at 50 and at 25 rows, HTML with its inline RSC payload.
    const weight = async (url: string, headers: Record<string, string>) =>
      ((await expectOk(`${url}${url.includes("?") ? "&" : "?"}pageSize=50`, headers)) - (await expectOk(url, headers))) / 25;
    const rowWeights = {
      dashboard: await weight(`${base}/claims`, partner),
      review: await weight(`${base}/review`, reviewer),
      admin: await weight(`${base}/admin`, admin),
    };
    console.log(`\n   row weight (bytes per row, HTML + RSC): dashboard ${fmt(rowWeights.dashboard)}, review ${fmt(rowWeights.review)}, admin ${fmt(rowWeights.admin)}`);
    for (const [list, bytes] of Object.entries(rowWeights)) targets.push({ name: `${list} row weight`, measured: bytes, limit: 2048, unit: " B", atMost: true });
    extra.rowWeights = rowWeights;

    // Exports and upload: RSS growth of the server while one runs alone, over a quiet baseline (the median of a few
    // readings), sampled every 50 ms. On a restarted server (same port, same build, `npm start`), warmed by a short
    // export: after the load runs its heap holds whatever garbage they left, which would hide or inflate the growth.
    await server.stop();
    server = await startServer(serverEnv, server.port);
    const exportUrl = `${base}/api/v1/claims/export.csv`;
    await measuredDownload(server, exportUrl, partnerApi, { maxSeconds: 2 });
    const partnerExport = await measuredDownload(server, exportUrl, partnerApi);
    console.log(`\n   export, large partner: ${partnerExport.rows.toLocaleString("en")} rows, ${fmt(partnerExport.bytes / MB, 1)} MB in ${fmt(partnerExport.seconds, 1)} s; RSS +${fmt(partnerExport.rssGrowth / MB, 1)} MB`);
    extra.partnerExport = partnerExport;
    if (process.env.BENCH_EXPORT_ALL !== "0") {
      const allExport = await measuredDownload(server, exportUrl, adminApi);
      console.log(`   export, every claim (admin): ${allExport.rows.toLocaleString("en")} rows, ${fmt(allExport.bytes / MB, 1)} MB in ${fmt(allExport.seconds, 1)} s; RSS +${fmt(allExport.rssGrowth / MB, 1)} MB`);
      targets.push({ name: `CSV export of ${allExport.rows.toLocaleString("en")} rows: RSS growth`, measured: allExport.rssGrowth / MB, limit: 64, unit: " MB", atMost: true });
      extra.allExport = allExport;
    }
    // A slow client (1 MB/s for 15 s; the server produces ~5 MB/s): the export must wait for it, not pile rows up.
    const slowExport = await measuredDownload(server, exportUrl, adminApi, { bytesPerSecond: MB, maxSeconds: 15 });
    console.log(`   export to a slow client (1 MB/s, 15 s): ${fmt(slowExport.bytes / MB, 1)} MB read; RSS +${fmt(slowExport.rssGrowth / MB, 1)} MB`);
    targets.push({ name: "CSV export to a slow client: RSS growth", measured: slowExport.rssGrowth / MB, limit: 64, unit: " MB", atMost: true });
    extra.slowExport = slowExport;
    const uploadBefore = await quietRss(server);
    const sampler = rssSampler(server);
    const uploaded = await upload(base, fixtures.partnerKey, fixtures.uploadClaimId, UPLOAD_BYTES, "bench-50mb.pdf");
    const uploadPeak = sampler.stop();
    console.log(`   upload 50 MB: ${uploaded.status} in ${fmt(uploaded.seconds, 1)} s; RSS +${fmt((uploadPeak - uploadBefore) / MB, 1)} MB`);
    if (uploaded.status !== 201) console.log(`   !! upload answered ${uploaded.status}: ${JSON.stringify(uploaded.body)}`);
    targets.push({ name: "50 MB upload: RSS growth", measured: (uploadPeak - uploadBefore) / MB, limit: 64, unit: " MB", atMost: true });

    const rssPeak = Math.max(...rows.map((r) => r.result.rssPeak));
    console.log(`   server RSS: idle ${fmt(rssIdle / MB)} MB, peak under load ${fmt(rssPeak / MB)} MB`);
    targets.push({ name: "server RSS peak under load", measured: rssPeak / MB, limit: 512, unit: " MB", atMost: true });
    extra.rss = { idle: rssIdle, peak: rssPeak };

    // The sweep on the backlog the data holds (deadlines passed), without delivery, with the API list under load
    // meanwhile; then the outbox delivered to a local SMTP server; then a sweep with nothing due. In this process,
    // through the product's runTimedSweep, against the same database (bench/lib/sweep-figures.ts).
    const { getDb, closeDb } = await import("../lib/db");
    const { measureBacklogSweep, measureDelivery, measureIdleSweep } = await import("./lib/sweep-figures");
    const db = getDb();
    try {
      await measureSweep();
    } catch (error) {
      // A failing sweep is a finding, not the end of the report: it is printed and recorded as missed.
      const message = error instanceof Error ? error.message.split("\n").filter(Boolean).slice(-1)[0] : String(error);
      console.log(`   !! the sweep failed: ${message}`);
      targets.push({ name: `sweep of the backlog (failed: ${message.slice(0, 120)})`, measured: Number.NaN, limit: 30, unit: " s", atMost: true });
      extra.sweepError = message;
    } finally {
      await closeDb();
    }
    async function measureSweep() {
      const idleApi = apiList.result.p99;
      const [backlog, duringSweep] = await Promise.all([
        measureBacklogSweep(db),
        loadUrl({ url: `${base}/api/v1/claims?pageSize=25`, headers: partnerApi, connections: CONNECTIONS, seconds: 10 }),
      ]);
      console.log(`   API list while the sweep ran: p99 ${fmt(duringSweep.p99)} ms (idle ${fmt(idleApi)} ms)`);
      const delivery = await measureDelivery(db, Number(process.env.BENCH_DELIVER_MESSAGES ?? Number.POSITIVE_INFINITY));
      const idle = await measureIdleSweep(db);
      const due = backlog.due;
      if (due > 0) targets.push({ name: `sweep of a ${due.toLocaleString("en")}-claim backlog, without delivery`, measured: backlog.seconds, limit: 30, unit: " s", atMost: true });
      targets.push({ name: `longest sweep transaction (${backlog.timings.longestBatchStep || "none"})`, measured: backlog.timings.longestBatchMs / 1000, limit: 2, unit: " s", atMost: true });
      targets.push({ name: "API list p99 during the sweep ÷ idle", measured: duringSweep.p99 / idleApi, limit: 1.5, unit: "×", atMost: true });
      if (delivery.messages > 0) targets.push({ name: `delivery to a local SMTP server (${delivery.duplicates} received twice)`, measured: delivery.duplicates ? 0 : delivery.perSecond, limit: 50, unit: " messages/s", atMost: false });
      targets.push({ name: "sweep with nothing due", measured: idle.ms, limit: 50, unit: " ms", atMost: true });
      extra.sweep = { backlog, delivery, idle, apiDuringSweep: duringSweep };
    }
    if (data.seedRate) targets.push({ name: "bulk seed (claims with products and events)", measured: data.seedRate, limit: 20_000, unit: " claims/s", atMost: false });
  } finally {
    await server.stop();
    fs.rmSync(storage, { recursive: true, force: true });
  }

  // ── report ──────────────────────────────────────────────────────────────────────────────────────────────────────
  const met = (t: Target) => (t.atMost ? t.measured <= t.limit : t.measured >= t.limit);
  console.log("\n   targets");
  for (const t of targets) {
    console.log(`   ${met(t) ? "met   " : "MISSED"} ${t.name}: ${fmt(t.measured, t.unit === "×" ? 2 : 1)}${t.unit} (${t.atMost ? "≤" : "≥"} ${t.limit}${t.unit})`);
  }
  const md = [
    `# Scale benchmark — ${new Date().toISOString()}`,
    "",
    `${CLAIMS.toLocaleString("en")} claims over ${ORGS.toLocaleString("en")} organizations; ${CONNECTIONS} connections × ${SECONDS} s per target; ${os.cpus().length} cores (load generator, server and PostgreSQL share them).`,
    "",
    "| target | req/s | p50 ms | p95 ms | p99 ms | kB | SQL st/req | SQL ms/req | vs floor (p50 / p99) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ...rows.map((r) => {
      const floor = r.floor ? rows.find((f) => f.label === r.floor) : undefined;
      const ratio = floor ? `${fmt(r.result.p50 / floor.result.p50, 2)}× / ${fmt(r.result.p99 / floor.result.p99, 2)}×` : "floor";
      return `| ${r.label} | ${fmt(r.result.rps)} | ${fmt(r.result.p50)} | ${fmt(r.result.p95)} | ${fmt(r.result.p99)} | ${fmt(r.result.bytes / 1024, 1)} | ${fmt(r.sql?.statements ?? NaN, 1)} | ${fmt(r.sql?.ms ?? NaN, 1)} | ${ratio} |`;
    }),
    "",
    "| target | measured | limit | |",
    "|---|---:|---:|---|",
    ...targets.map((t) => `| ${t.name} | ${fmt(t.measured, t.unit === "×" ? 2 : 1)}${t.unit} | ${t.atMost ? "≤" : "≥"} ${t.limit}${t.unit} | ${met(t) ? "met" : "**missed**"} |`),
    "",
  ].join("\n");
  fs.writeFileSync(path.join(ROOT, "bench/results.md"), md);
  fs.writeFileSync(path.join(ROOT, "bench/results.json"), JSON.stringify({ at: new Date().toISOString(), rows, targets: targets.map((t) => ({ ...t, met: met(t) })), ...extra }, null, 2));
  console.log("\n   wrote bench/results.md and bench/results.json");
}
