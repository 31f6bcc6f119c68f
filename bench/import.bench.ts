// Bulk import validation (issue: "a file of 5,000 rows validates in under 5 s on this machine"): builds a
// 5,000-row CSV in the import format (the template's example row with fresh tenant IDs, every 50th row broken so
// the error path is measured too) and times the dry run — streamed parse, the create schema, the MPN ID and
// product checks — against a migrated database of its own. Prints the time; asserts nothing about speed.
import { randomUUID } from "node:crypto";
import { IMPORT_COLUMNS, importTemplateCsv, MAX_IMPORT_ROWS } from "../lib/claims/import/import-format";
import { dryRunImport } from "../lib/claims/service";
import { closeDb, getDb } from "../lib/db";
import { createBenchDatabase } from "./lib/server";

function fileOf(rows: number, mpnId: string): string {
  const example = importTemplateCsv().split("\r\n")[1].replace("1234567", mpnId);
  const tenantColumn = IMPORT_COLUMNS.indexOf("customer.tenantId");
  const lines = [IMPORT_COLUMNS.join(",")];
  for (let i = 0; i < rows; i++) {
    const cells = example.split(",");
    cells[tenantColumn] = i % 50 === 49 ? "not-a-guid" : randomUUID();
    lines.push(cells.join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

export async function run(): Promise<void> {
  const database = await createBenchDatabase("import");
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = database.url;
  try {
    const db = getDb();
    const organization = await db.organization.create({
      data: { name: "Bench Partners", locations: { create: [{ mpnId: "5550001", name: "Bench HQ" }] } },
    });
    const user = await db.user.create({
      data: { email: "bench@partner.example", name: "Bench Partner", role: "PARTNER_ADMIN", organizationId: organization.id },
    });
    const actor = { kind: "user" as const, userId: user.id, role: "PARTNER_ADMIN" as const, organizationId: organization.id };
    const file = fileOf(MAX_IMPORT_ROWS, "5550001");
    console.log(`   file: ${MAX_IMPORT_ROWS} rows, ${(Buffer.byteLength(file) / 1024).toFixed(0)} KiB (${database.kind})`);
    await dryRunImport(db, actor, fileOf(10, "5550001")); // warm-up: module and connection set-up
    for (let round = 1; round <= 3; round++) {
      const started = performance.now();
      const result = await dryRunImport(db, actor, file);
      const ms = performance.now() - started;
      console.log(`   dry run ${round}: ${ms.toFixed(0)} ms (${result.valid} valid, ${result.invalid} invalid)`);
    }
  } finally {
    await closeDb();
    process.env.DATABASE_URL = previous;
    await database.drop();
  }
}
