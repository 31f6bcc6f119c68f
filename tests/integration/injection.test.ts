// Proof suite, injection (emails and CSV): hostile text in every free-text field that reaches an email or a
// CSV — customer name, contacts, commentary, reviewer comments (request info, reject), partner comments,
// dispute details, withdraw comments, user and organization names — goes through the real use cases; then
// (1) every email the outbox delivers, written as .eml and parsed back, carries it as TEXT: the HTML part holds
// only the layout's own elements and attributes, the text part the words themselves; (2) every CSV the portal
// writes (claims export, audit export, import template) has no cell a spreadsheet would run as a formula.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOUR, at, claimIn, createWorld, customerContact, type World } from "../fixtures/claims";
import { HOSTILE_TEXT, multiLine, singleLine } from "../proof/hostile-text";
import { recordProof } from "../proof/report";
import { exportAuditEventsCsv } from "../../lib/admin/audit-log";
import { exportClaimsCsv } from "../../lib/claims/export";
import { importTemplateCsv } from "../../lib/claims/import/import-format";
import { addComment, addNote, approveClaim, openDispute, rejectClaim, requestPartnerInfo, resubmitClaim, withdrawClaim } from "../../lib/claims/service";
import { csvCellText } from "../../lib/csv/csv-cell";
import { deliverOutbox, emlFileTransport } from "../../lib/mail/deliver";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

const FAR_FUTURE = new Date("2031-01-01T00:00:00.000Z");

/** The only markup lib/mail/templates/layout.ts writes; anything else in an HTML part was injected. */
const LAYOUT_TAGS = new Set(["!doctype", "html", "head", "meta", "title", "body", "p", "br", "blockquote", "table", "tr", "th", "td", "a", "hr"]);
const LAYOUT_ATTRIBUTES = new Set(["charset", "style", "align", "href"]);

/** Problems of one HTML part: foreign elements, foreign or event attributes, a link that is not the portal's. */
function markupProblems(html: string, portal: string): string[] {
  const problems: string[] = [];
  for (const tag of html.matchAll(/<\/?([a-z!][a-z0-9-]*)([^>]*)>/gi)) {
    const name = tag[1].toLowerCase();
    if (!LAYOUT_TAGS.has(name)) problems.push(`element <${name}>`);
    for (const attribute of tag[2].matchAll(/([^\s=/]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      const attr = attribute[1].toLowerCase();
      if (name !== "!doctype" && !LAYOUT_ATTRIBUTES.has(attr)) problems.push(`attribute ${attr} on <${name}>`);
      if (attr === "href" && !attribute[2]?.replace(/^["']/, "").startsWith(portal)) problems.push(`link ${attribute[2]}`);
    }
  }
  return problems;
}

const FORMULA_START = /^[=+\-@\t\r]/;

async function readStream(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe.skipIf(!pgAvailable)("injection proof: emails and CSV (PostgreSQL)", () => {
  let t: TestDatabase;
  let w: World;
  let mailDir: string;
  const portal = process.env.NEXTAUTH_URL ?? "http://localhost:3000";

  beforeAll(async () => {
    t = await createTestDatabase();
    w = await createWorld(t.db);
    mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "cpor-injection-mail-"));
    // Everything the world's setup queued goes first: the test reads only the hostile mail.
    await deliverOutbox(t.db, FAR_FUTURE, { async send() {} });
  });
  afterAll(async () => {
    await t?.drop();
    if (mailDir) fs.rmSync(mailDir, { recursive: true, force: true });
  });

  it("hostile text in every free-text field reaches the emails as text only", async () => {
    let start = new Date("2026-03-02T09:00:00.000Z");
    for (const [index, hostile] of HOSTILE_TEXT.entries()) {
      const line = singleLine(hostile);
      // People and organizations named with it (their names appear in emails as "who said it").
      await t.db.user.update({ where: { id: w.partnerA.id }, data: { name: line } });
      await t.db.user.update({ where: { id: w.reviewer.id }, data: { name: line } });
      await t.db.organization.update({ where: { id: w.orgA.id }, data: { name: line } });
      const draft = {
        customer: { tenantId: crypto.randomUUID(), domain: `hostile-${index}-${Date.now()}.example`, name: line },
        customerContact: { ...customerContact, name: line, title: line },
        partnerContact: { name: line, title: line, email: "pat.partner@partner.example" },
        commentary: hostile,
      };
      // Info requested, answered by comment, resubmitted, rejected, disputed, noted.
      const a = await claimIn(t.db, w, "UNDER_REVIEW", { draft, start });
      await requestPartnerInfo(t.db, w.reviewer.actor, a.claim.id, { reasonCodes: ["MISSING_ALL_POE"], comment: hostile }, { now: at(a.at, HOUR) });
      await addComment(t.db, w.partnerA.actor, a.claim.id, { body: hostile }, { now: at(a.at, 2 * HOUR) });
      await resubmitClaim(t.db, w.partnerA.actor, a.claim.id, {}, { now: at(a.at, 3 * HOUR) });
      await addNote(t.db, w.reviewer.actor, a.claim.id, { body: hostile }, { now: at(a.at, 4 * HOUR) });
      await rejectClaim(t.db, w.reviewer.actor, a.claim.id, { reason: "INSUFFICIENT_POE", comment: hostile }, { now: at(a.at, 5 * HOUR) });
      await openDispute(t.db, w.partnerA.actor, a.claim.id, { details: hostile }, { now: at(a.at, 6 * HOUR) });
      // Approved: the customer's consent notice names the customer and the contact.
      const b = await claimIn(t.db, w, "UNDER_REVIEW", { draft: { ...draft, customer: { ...draft.customer, tenantId: crypto.randomUUID() } }, start });
      await approveClaim(t.db, w.reviewer.actor, b.claim.id, {}, { now: at(b.at, HOUR) });
      // Withdrawn with it as the reason.
      const withdrawnWithHostile = await claimIn(t.db, w, "SUBMITTED", { draft, start });
      await withdrawClaim(t.db, w.partnerA.actor, withdrawnWithHostile.claim.id, { comment: hostile }, { now: at(withdrawnWithHostile.at, HOUR) });
      start = at(start, 24 * HOUR);
    }

    // ── emails ──
    const delivered = await deliverOutbox(t.db, FAR_FUTURE, emlFileTransport(mailDir));
    expect(delivered).toBeGreaterThan(HOSTILE_TEXT.length * 4);
    const files = fs.readdirSync(mailDir).filter((f) => f.endsWith(".eml"));
    expect(files.length).toBe(delivered);
    let mailsTried = 0;
    let mailsHeld = 0;
    const seenAsText = new Set<string>();
    const failures: string[] = [];
    for (const file of files) {
      const mail = await simpleParser(fs.readFileSync(path.join(mailDir, file)));
      const html = String(mail.html || "");
      const text = mail.text ?? "";
      mailsTried++;
      const problems = markupProblems(html, portal);
      // The subject is one header line: no CR/LF smuggled into the headers.
      if (/[\r\n]/.test(mail.subject ?? "")) problems.push("line break in the subject");
      if (/\b49\b/.test(text) && !/\b49\b/.test(html)) problems.push("template syntax evaluated");
      for (const hostile of HOSTILE_TEXT) {
        for (const form of [multiLine(hostile), singleLine(hostile)]) if (text.includes(form) || (mail.subject ?? "").includes(form)) seenAsText.add(hostile);
      }
      if (problems.length === 0) mailsHeld++;
      else failures.push(`${file} (${mail.subject}): ${problems.join(", ")}`);
    }
    // Every hostile string reached some email verbatim, as text (else the test proves nothing about it).
    expect([...HOSTILE_TEXT].filter((h) => !seenAsText.has(h))).toEqual([]);
    recordProof({ category: "injection", subject: "emails (text and HTML parts) with hostile text in every free-text field", tried: mailsTried, held: mailsHeld });
    expect(failures).toEqual([]);
  }, 240_000);

  it("every CSV the portal writes: no cell starts a formula, and the hostile values read back as stored", async () => {
    // ── CSV ── (the claims of the test above)
    const csvFiles = {
      "claims export": await readStream(exportClaimsCsv(t.db, w.reviewer.actor, { sort: "-updatedAt" }, FAR_FUTURE)),
      "audit export": await readStream(exportAuditEventsCsv(t.db, w.admin.actor, {})),
      "import template": importTemplateCsv(),
    };
    let cellsTried = 0;
    let cellsHeld = 0;
    const csvFailures: string[] = [];
    for (const [name, csv] of Object.entries(csvFiles)) {
      const rows = parse(csv, { relax_column_count: false }) as string[][];
      for (const cell of rows.flat()) {
        // A cell counts when its value, as the portal holds it, would be a formula in a spreadsheet.
        if (!FORMULA_START.test(csvCellText(cell))) continue;
        cellsTried++;
        if (cell.startsWith("'")) cellsHeld++;
        else csvFailures.push(`${name}: ${JSON.stringify(cell)}`);
      }
    }
    // The hostile customer names came through the claims export, neutralized, and read back as they were stored.
    const claimRows = parse(csvFiles["claims export"], { columns: true }) as Record<string, string>[];
    const names = new Set(claimRows.map((row) => csvCellText(row.customerName)));
    for (const hostile of HOSTILE_TEXT) expect(names, JSON.stringify(hostile)).toContain(singleLine(hostile));
    expect(cellsTried).toBeGreaterThan(HOSTILE_TEXT.length);
    recordProof({ category: "injection", subject: "CSV cells starting a formula (claims export, audit export, import template)", tried: cellsTried, held: cellsHeld });
    expect(csvFailures).toEqual([]);
  });
});
