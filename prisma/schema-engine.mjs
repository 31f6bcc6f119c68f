#!/usr/bin/env node
// schema-engine.mjs -- stand-in for Prisma's native `schema-engine` binary.
//
// Prisma CLI 7.x spawns the binary named by PRISMA_SCHEMA_ENGINE_BINARY and
// talks JSON-RPC 2.0 over stdin/stdout (one JSON object per line). This script
// implements that protocol on top of @prisma/schema-engine-wasm + a driver
// adapter, so no native engine has to be downloaded:
//   postgres://... | postgresql://...  -> @prisma/adapter-pg (node-postgres)
//   pglite:<dir>   (relative to cwd)   -> pglite-prisma-adapter + @electric-sql/pglite
// Engine logs go to stderr as JSON lines, like the binary; see them with
// DEBUG="prisma:schemaEngine*" npx prisma ...
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { createRequire } from "node:module";
import { chainSessionOptions, chainSessionSetting, resolveChainKey } from "../lib/audit/chain-key.mjs";

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------- arguments
const argv = process.argv.slice(2);
const opts = { datamodels: [], datasource: null, cli: null };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--version" || a === "-V") opts.version = true;
  else if (a === "--datamodels") opts.datamodels.push(argv[++i]);
  else if (a === "--datasource") opts.datasource = JSON.parse(argv[++i]);
  else if (a === "--enabled-preview-features" || a === "--extension-types") i++; // accepted, unused
  else if (a === "cli") { opts.cli = argv[++i]; break; }
}
const url = opts.datasource?.url ?? process.env.DATABASE_URL ?? "";
const isPglite = url.startsWith("pglite:");
const isPostgres = /^postgres(ql)?:\/\//.test(url);

function log(level, message, extra = {}) {
  // Same shape as the native engine's stderr log lines; the CLI parses them.
  process.stderr.write(JSON.stringify({ timestamp: new Date().toISOString(), level,
    fields: { message, ...extra }, target: "schema_engine::logger" }) + "\n");
}

// --------------------------------------------------------------- wasm engine
// Prefer the wasm that ships inside the `prisma` CLI package (exactly the CLI's
// engine commit); the JS glue comes from @prisma/schema-engine-wasm. Falls back
// to the package's own wasm. Override with PRISMA_SCHEMA_ENGINE_WASM=<file>.
async function loadWasm() {
  const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  let cliWasm = null;
  try { cliWasm = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "schema_engine_bg.wasm"); } catch {}
  const candidates = [process.env.PRISMA_SCHEMA_ENGINE_WASM, cliWasm, path.join(path.dirname(gluePath), "schema_engine_bg.wasm")]
    .filter((f) => f && fs.existsSync(f));
  let lastErr;
  for (const file of candidates) {
    try {
      const inst = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(file)), { "./schema_engine_bg.js": glue });
      glue.__wbg_set_wasm(inst.exports);
      inst.exports.__wbindgen_start?.();
      return { glue, file };
    } catch (e) { lastErr = e; } // glue/wasm mismatch -> try the next candidate
  }
  throw lastErr ?? new Error("no schema_engine_bg.wasm found");
}

// ------------------------------------------------------------ postgres (pg)
async function pgModule() {
  const pg = (await import("pg")).default;
  // Defect (a): adapter-pg rejects the `"char"` catalog type (OID 18) that the
  // engine's introspection queries return (and older versions also `name`, 19).
  // Report both as text before node-postgres picks parsers.
  const Result = createRequire(require.resolve("pg"))("./result.js");
  if (!Result.__refkitPatched) {
    const addFields = Result.prototype.addFields;
    Result.prototype.addFields = function (fields) {
      for (const f of fields) if (f.dataTypeID === 18 || f.dataTypeID === 19) f.dataTypeID = 25;
      return addFields.call(this, fields);
    };
    Result.__refkitPatched = true;
  }
  return pg;
}
function pgConfig(connUrl, database) {
  // Defect (b): never hand adapter-pg a connectionString -- pg lets the URL's
  // database win over `database`, so its shadow DB would be the main DB.
  const { parse } = createRequire(require.resolve("pg"))("pg-connection-string");
  const c = parse(connUrl);
  const cfg = { host: c.host || "localhost", port: c.port ? Number(c.port) : 5432, user: c.user,
    password: c.password, database: database ?? c.database ?? c.user, ssl: c.ssl, max: 4 };
  // The history's chain key (lib/audit/chain-key.mjs): a migration that chains existing rows signs them with it.
  cfg.options = [c.options, chainSessionOptions(resolveChainKey(process.env, { warn: false }))].filter(Boolean).join(" ");
  return cfg;
}
const qi = (s) => '"' + String(s).replace(/"/g, '""') + '"';
async function pgAdmin(connUrl, fn) {
  const pg = await pgModule();
  // Connect to the maintenance DB `postgres` for CREATE/DROP DATABASE.
  const client = new pg.Client(pgConfig(connUrl, "postgres"));
  await client.connect();
  try { return await fn(client); } finally { await client.end(); }
}
async function pgFactory(connUrl) {
  await pgModule(); // installs the "char" patch
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const factory = new PrismaPg(pgConfig(connUrl));
  // Defect (g): adapter-pg's executeScript() splits the script on ";", which
  // breaks function bodies (`$$ ... ; ... $$`). Send the whole script as one
  // simple-protocol query, as the native engine does.
  const wholeScript = (adapter) => {
    adapter.executeScript = async (script) => {
      try { await adapter.client.query(script); } catch (e) { adapter.onError(e); }
    };
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  factory.connect = async () => wholeScript(await connect());
  // Defect (c): adapter-pg drops its shadow DB before closing the shadow pool
  // (DROP fails: "being accessed by other users"). Manage it here instead.
  factory.connectToShadowDb = async () => {
    const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await pgAdmin(connUrl, (c) => c.query(`CREATE DATABASE ${qi(name)}`));
    const adapter = wholeScript(await new PrismaPg(pgConfig(connUrl, name)).connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      try { await dispose(); } finally {
        await pgAdmin(connUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${qi(name)} WITH (FORCE)`));
      }
    };
    return adapter;
  };
  return factory;
}
function pgErrorToCode(e, connUrl) {
  const c = (() => { try { return pgConfig(connUrl); } catch { return {}; } })();
  const where = `${c.host}:${c.port}`;
  if (e.code === "3D000") return { error_code: "P1003", message: `Database \`${c.database}\` does not exist on the database server at \`${where}\`.` };
  if (e.code === "28P01" || e.code === "28000") return { error_code: "P1000", message: `Authentication failed against database server at \`${where}\`: ${e.message}` };
  if (["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "EHOSTUNREACH"].includes(e.code)) return { error_code: "P1001", message: `Can't reach database server at \`${where}\`` };
  return { error_code: "P1001", message: `${e.message}` };
}

// -------------------------------------------------------------------- pglite
function pgliteDir(u) {
  const d = u.slice("pglite:".length).replace(/^\/\/(?=\/)/, ""); // pglite:./x, pglite:/abs, pglite:///abs
  if (!d) throw new Error("pglite: URL needs a directory, e.g. pglite:./.pglite");
  return path.resolve(process.cwd(), d);
}
// PGlite has no cross-process lock; keep CLI invocations from overlapping
// (the CLI SIGTERMs us at the end and may start the next engine at once).
function acquireLock(dir, timeoutMs = 30000) {
  const lock = dir + ".lock";
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      process.on("exit", () => { try { if (fs.readFileSync(lock, "utf8") === String(process.pid)) fs.unlinkSync(lock); } catch {} });
      return;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      const pid = Number(fs.readFileSync(lock, "utf8")) || 0;
      let alive = false;
      try { if (pid) { process.kill(pid, 0); alive = true; } } catch (k) { alive = k.code === "EPERM"; }
      if (!alive) { try { fs.unlinkSync(lock); } catch {} continue; }
      if (Date.now() > deadline) throw new Error(`PGlite dir ${dir} is locked by pid ${pid} (${lock}); stop that process first`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
}
let pglite = null;
async function pgliteFactory(u) {
  const dir = pgliteDir(u);
  fs.mkdirSync(path.dirname(dir), { recursive: true }); // the lock file lives beside the data dir
  acquireLock(dir);
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  pglite = await PGlite.create(dir);
  await pglite.query("SELECT set_config('cpor.audit_chain_key', $1, false)", [chainSessionSetting(resolveChainKey(process.env, { warn: false }))]);
  const factory = new PrismaPGlite(pglite);
  // Defect (d): the adapter's executeScript() does not await PGlite.exec(), so
  // a failing migration script is reported as success. Await it.
  const fixScript = (adapter, db) => {
    adapter.executeScript = async (script) => {
      try { await db.exec(script); } catch (e) { adapter.onError(e); }
    };
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  factory.connect = async () => fixScript(await connect(), pglite);
  const connectShadow = factory.connectToShadowDb.bind(factory); // in-memory PGlite
  factory.connectToShadowDb = async () => {
    const adapter = fixScript(await connectShadow(), null);
    const shadow = adapter.client;
    adapter.executeScript = async (script) => { try { await shadow.exec(script); } catch (e) { adapter.onError(e); } };
    adapter.dispose = async () => { await shadow.close(); };
    return adapter;
  };
  return factory;
}

// ------------------------------------------------------------ `cli` commands
async function runCli(cmd) {
  // The CLI drops the first stderr line of `cli` commands (the native engine's
  // startup log) before looking for {level:"ERROR", fields.error_code}.
  log("INFO", `Starting schema engine CLI (${cmd})`);
  try {
    if (isPglite) {
      const dir = pgliteDir(url);
      if (cmd === "create-database") fs.mkdirSync(dir, { recursive: true });
      else if (cmd === "drop-database") { acquireLock(dir); fs.rmSync(dir, { recursive: true, force: true }); }
      else if (cmd !== "can-connect-to-database") throw new Error(`unknown cli command ${cmd}`);
    } else if (isPostgres) {
      const db = pgConfig(url).database;
      if (cmd === "can-connect-to-database") {
        const pg = await pgModule();
        const c = new pg.Client(pgConfig(url));
        try { await c.connect(); } finally { await c.end().catch(() => {}); }
      } else if (cmd === "create-database") await pgAdmin(url, (c) => c.query(`CREATE DATABASE ${qi(db)}`));
      else if (cmd === "drop-database") await pgAdmin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${qi(db)} WITH (FORCE)`));
      else throw new Error(`unknown cli command ${cmd}`);
    } else throw Object.assign(new Error(`Unsupported datasource URL (want postgres:// or pglite:<dir>): ${url.replace(/:[^:@/]*@/, ":***@")}`), { error_code: "P1013" });
    process.stdout.write(JSON.stringify({ ok: true }) + "\n");
    process.exit(0);
  } catch (e) {
    const info = e.error_code ? { error_code: e.error_code, message: e.message } : isPostgres ? pgErrorToCode(e, url) : { error_code: "P1001", message: e.message };
    log("ERROR", info.message, { error_code: info.error_code });
    process.exit(1);
  }
}

// ------------------------------------------------------------------ JSON-RPC
function send(obj) { process.stdout.write(JSON.stringify(obj) + "\n"); }
function rpcError(id, { message, error_code = null, is_panic = false, meta = null, backtrace = null }) {
  send({ jsonrpc: "2.0", id, error: { code: 4466, message: "An error happened. Check the data field for details.",
    data: { is_panic, message, meta, error_code, backtrace } } });
}
function toEngineError(e, registry) {
  // GenericJs driver errors are parked in the adapter's error registry.
  const idMatch = /"id":\s*(\d+)/.exec(String(e?.message ?? ""));
  if (registry && idMatch) { const r = registry.consumeError?.(Number(idMatch[1])); if (r?.error) return { message: String(r.error?.message ?? r.error) }; }
  if (e instanceof WebAssembly.RuntimeError || e?.name === "RuntimeError") return { is_panic: true, message: String(e.message), backtrace: e.stack };
  if (e && typeof e === "object" && "code" in e && typeof e.code === "string" && /^P\d{4}$/.test(e.code))
    return { error_code: e.code, message: e.message, meta: e.meta ?? null };
  return { message: String(e?.message ?? e) };
}

async function main() {
  if (opts.version) {
    const { glue } = await loadWasm();
    process.stdout.write(`schema-engine-cli ${glue.version()}\n`);
    return process.exit(0);
  }
  if (opts.cli) return runCli(opts.cli);

  // Defect (e): if the engine dies at startup the CLI never notices and hangs
  // or reports nonsense. Stay alive and answer every request with the error.
  let engine = null, registry = null, startupError = null, nextPrintId = 1_000_000;
  const pendingPrints = new Map();
  try {
    const { glue } = await loadWasm();
    let factory;
    if (isPglite) factory = await pgliteFactory(url);
    else if (isPostgres) factory = await pgFactory(url);
    else throw Object.assign(new Error(`Unsupported datasource URL for this schema-engine shim (use postgres://... or pglite:<dir>)`), { code: "P1013" });
    const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
    const bound = bindMigrationAwareSqlAdapterFactory(factory);
    registry = bound.errorRegistry;
    const datamodels = opts.datamodels.map((f) => [f, fs.readFileSync(f, "utf8")]);
    // The wasm engine's log callback gets native-format JSON log lines; pass them on like the binary does.
    engine = await glue.SchemaEngine.new({ datamodels: datamodels.length ? datamodels : undefined },
      (msg) => { process.stderr.write(String(msg).trimEnd() + "\n"); }, bound);
  } catch (e) {
    startupError = e?.code && /^P\d{4}$/.test(e.code) ? { error_code: e.code, message: e.message }
      : isPostgres ? pgErrorToCode(e, url) : { error_code: "P1001", message: `Schema engine shim failed to start: ${e?.message ?? e}` };
    log("ERROR", startupError.message, { error_code: startupError.error_code });
  }

  let queue = Promise.resolve(); // the engine is not re-entrant: serialize requests
  async function handle(req) {
    const { id, method, params } = req;
    if (startupError) return rpcError(id, startupError);
    try {
      let result;
      switch (method) {
        case "getDatabaseVersion": result = await engine.version(params ?? undefined); break;
        case "diff": {
          const r = await engine.diff(params);
          if (r.stdout) { // native engine prints via a "print" request to the CLI
            const pid = nextPrintId++;
            await new Promise((res) => { pendingPrints.set(pid, res); send({ jsonrpc: "2.0", id: pid, method: "print", params: { content: r.stdout.replace(/\n$/, "") } }); });
          }
          result = { exitCode: r.exitCode };
          break;
        }
        case "debugPanic": engine.debugPanic(); break;
        case "evaluateDataLoss":
        case "createMigration":
          // Defect (f): the wasm engine only reaches the adapter's shadow-DB
          // factory from devDiagnostic/diagnoseMigrationHistory and caches the
          // result; evaluateDataLoss/createMigration without that warm cache
          // (e.g. after applyMigrations applied something, i.e. `migrate dev`
          // on a fresh DB) fail with "PostgreSQL shadow DB must be provided
          // through an external factory". Warm it with a read-only devDiagnostic.
          await engine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters });
          result = await engine[method](params);
          break;
        default:
          if (typeof engine[method] !== "function") throw new Error(`Unknown schema engine method: ${method}`);
          result = await engine[method](params ?? {});
      }
      send({ jsonrpc: "2.0", id, result: result === undefined ? null : result });
    } catch (e) {
      rpcError(id, toEngineError(e, registry));
    }
  }

  let closing = false;
  async function shutdown(code = 0) {
    if (closing) return; closing = true;
    await queue.catch(() => {});
    try { engine?.free(); } catch {}
    try { await pglite?.close(); } catch {}
    process.exit(code);
  }
  process.on("SIGTERM", () => shutdown(0));
  process.on("SIGINT", () => shutdown(130));

  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on("line", (line) => {
    if (!line.trim()) return;
    let msg;
    try { msg = JSON.parse(line); } catch { return log("ERROR", `invalid JSON-RPC line: ${line.slice(0, 200)}`); }
    if (msg.method === undefined && pendingPrints.has(msg.id)) { pendingPrints.get(msg.id)(); pendingPrints.delete(msg.id); return; }
    if (!msg.method) return;
    queue = queue.then(() => handle(msg));
  });
  rl.on("close", () => shutdown(0));
}

main().catch((e) => { log("ERROR", String(e?.stack ?? e)); process.exit(1); });
