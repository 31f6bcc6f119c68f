// Bulk import (docs/domain.md "Partner tools", docs/api.md "Import format"): a dry run reports every row and
// writes nothing; a commit creates every row as a draft in one transaction or nothing; a row is validated by the
// create schema's own rules; 5,000 rows is the limit. Real PostgreSQL.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORT_COLUMNS, importTemplateCsv, MAX_IMPORT_ROWS } from "../../lib/claims/import/import-format";
import { dryRunImport, importClaims } from "../../lib/claims/service";
import { createWorld, expectClaimError, expectStatusCountsConsistent, type World } from "../fixtures/claims";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

type Row = Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;

function row(mpnId: string, overrides: Row = {}): Row {
  return {
    mpnId,
    program: "OSU",
    activity: "PRE_SALES",
    solutionArea: "MODERN_WORK",
    "customer.tenantId": randomUUID(),
    "customer.domain": "fourth-coffee.example",
    "customer.name": "Fourth Coffee, Inc.",
    products: "TEAMS;EXCHANGE",
    "customerContact.name": "Chris Customer",
    "customerContact.title": "CIO",
    "customerContact.email": "chris@fourth-coffee.example",
    "partnerContact.name": "Pat Partner",
    "partnerContact.title": "Account manager",
    "partnerContact.email": "pat@partner.example",
    commentary: 'Rolled out Teams, "phase 1"',
    ...overrides,
  };
}

const cell = (value = "") => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
function csv(rows: Row[]): string {
  return [IMPORT_COLUMNS.join(","), ...rows.map((r) => IMPORT_COLUMNS.map((c) => cell(r[c])).join(","))].join("\r\n") + "\r\n";
}

describe.skipIf(!pgAvailable)("bulk import (PostgreSQL)", () => {
  let t: TestDatabase;
  let w: World;
  let mpn: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    w = await createWorld(t.db);
    mpn = w.orgA.mpnIds[0];
  });
  afterAll(async () => {
    await t?.drop();
  });

  const claimCount = () => t.db.claim.count({ where: { organizationId: w.orgA.id } });

  it("the template's example row is valid for an organization owning its MPN ID, after swapping in ours", async () => {
    const template = importTemplateCsv().replace("1234567", mpn);
    expect(template.split("\r\n")[0]).toBe(IMPORT_COLUMNS.join(","));
    expect(await dryRunImport(t.db, w.partnerA.actor, template)).toMatchObject({ valid: 1, invalid: 0, rows: [{ line: 2, ok: true, errors: [] }] });
  });

  it("dry run of valid rows writes nothing; the commit creates them as drafts with their lines and numbers", async () => {
    const before = await claimCount();
    const body = csv([row(mpn), row(w.orgA.mpnIds[1], { solutionArea: "BUSINESS_APPLICATIONS", products: `Power BI=${randomUUID()};Dynamics 365 Sales=${randomUUID()}`, "customerContact.name": "", "customerContact.title": "", "customerContact.email": "" })]);
    const dry = await dryRunImport(t.db, w.partnerA.actor, body);
    expect(dry).toEqual({ rows: [{ line: 2, ok: true, errors: [] }, { line: 3, ok: true, errors: [] }], valid: 2, invalid: 0 });
    expect(await claimCount()).toBe(before);

    const { created } = await importClaims(t.db, w.billingA.actor, body);
    expect(created.map((c) => c.line)).toEqual([2, 3]);
    const claims = await t.db.claim.findMany({ where: { id: { in: created.map((c) => c.id) } }, include: { products: { orderBy: { position: "asc" } }, events: true } });
    expect(claims).toHaveLength(2);
    for (const c of created) expect(c.number).toMatch(/^CPOR-\d{6,}$/);
    const second = claims.find((c) => c.id === created[1].id)!;
    expect(second).toMatchObject({ status: "EDITING", organizationId: w.orgA.id, createdById: w.billingA.id, customerContact: null });
    expect(second.products.map((p) => [p.kind, p.name])).toEqual([["DYNAMICS", "Power BI"], ["DYNAMICS", "Dynamics 365 Sales"]]);
    const first = claims.find((c) => c.id === created[0].id)!;
    expect(first.commentary).toBe('Rolled out Teams, "phase 1"');
    expect(first.events.map((e) => e.type)).toEqual(["CLAIM_CREATED"]);
    await expectStatusCountsConsistent(t.db);
  });

  it("reports every invalid row's field errors by column, with the file's line numbers", async () => {
    const body = csv([
      row(mpn, { "customer.tenantId": "not-a-guid", products: "TEAMS;FAX" }),
      row(w.orgB.mpnIds[0]),
      row(mpn, { solutionArea: "BUSINESS_APPLICATIONS", products: "TEAMS" }),
      row(mpn, { "partnerContact.email": "nope" }),
    ]);
    const dry = await dryRunImport(t.db, w.partnerA.actor, body);
    expect(dry.valid).toBe(0);
    expect(dry.invalid).toBe(4);
    const paths = dry.rows.map((r) => [r.line, r.ok, r.errors.map((e) => e.path).sort()]);
    expect(paths).toEqual([
      [2, false, ["customer.tenantId", "products"]],
      [3, false, ["mpnId"]],
      [4, false, ["products"]],
      [5, false, ["partnerContact.email"]],
    ]);
    expect(dry.rows[0].errors.find((e) => e.path === "customer.tenantId")!.message).toMatch(/tenant ID/);
  });

  it("a mixed file: the dry run shows which rows are wrong; the commit refuses it all with rows.<line>.<field>, writing nothing", async () => {
    const before = await claimCount();
    const body = csv([row(mpn), row(mpn, { activity: "GOLF" }), row(mpn)]);
    const dry = await dryRunImport(t.db, w.partnerA.actor, body);
    expect(dry).toMatchObject({ valid: 2, invalid: 1 });
    expect(dry.rows.map((r) => r.ok)).toEqual([true, false, true]);
    const error = await expectClaimError(importClaims(t.db, w.partnerA.actor, body), "VALIDATION");
    expect(error.errors?.map((e) => e.path)).toEqual(["rows.3.activity"]);
    expect(await claimCount()).toBe(before);
  });

  it("refuses a bad header, a non-CSV, an empty file, and reviewers (FORBIDDEN)", async () => {
    await expectClaimError(dryRunImport(t.db, w.partnerA.actor, "mpnId,program\r\n1234567,OSU\r\n"), "VALIDATION");
    await expectClaimError(dryRunImport(t.db, w.partnerA.actor, `${IMPORT_COLUMNS.join(",")}\r\n"unclosed,quote\r\n`), "VALIDATION");
    await expectClaimError(dryRunImport(t.db, w.partnerA.actor, ""), "VALIDATION");
    await expectClaimError(dryRunImport(t.db, w.reviewer.actor, csv([row(mpn)])), "FORBIDDEN");
  });

  it("validates and commits 5,000 rows; refuses 5,001", async () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS }, () => row(mpn));
    const body = csv(rows);
    const started = performance.now();
    const dry = await dryRunImport(t.db, w.partnerA.actor, body);
    const dryMs = performance.now() - started;
    expect(dry).toMatchObject({ valid: MAX_IMPORT_ROWS, invalid: 0 });
    expect(dry.rows.at(-1)!.line).toBe(MAX_IMPORT_ROWS + 1);
    console.log(`dry run of ${MAX_IMPORT_ROWS} rows: ${dryMs.toFixed(0)} ms`);

    const before = await claimCount();
    const { created } = await importClaims(t.db, w.partnerA.actor, body);
    expect(created).toHaveLength(MAX_IMPORT_ROWS);
    expect(await claimCount()).toBe(before + MAX_IMPORT_ROWS);
    expect(await t.db.claimEvent.count({ where: { claimId: { in: created.map((c) => c.id) } } })).toBe(MAX_IMPORT_ROWS);
    await expectStatusCountsConsistent(t.db);

    const error = await expectClaimError(dryRunImport(t.db, w.partnerA.actor, csv([...rows, row(mpn)])), "VALIDATION");
    expect(error.errors?.[0]).toMatchObject({ path: "file" });
  }, 120_000);
});
