// Bulk import (docs/domain.md "Partner tools", docs/api.md "Import format"): a partner's CSV, parsed as a stream
// (csv-parse), each row validated by exactly the rules of a new claim (claimDraftSchema, the product kinds, the
// organization's MPN IDs). A dry run reports every row and writes nothing; a commit creates every row as an
// EDITING draft in one transaction, or none when any row is invalid.
import { Readable, Transform } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { CsvError, parse } from "csv-parse";
import type { Db } from "../../db";
import { formatClaimNumber } from "../claim-number";
import { ClaimError, type FieldError } from "../errors";
import {
  headerProblems,
  importColumnOf,
  importRecordToInput,
  IMPORT_COLUMNS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
} from "../import/import-format";
import type { Actor } from "../lifecycle";
import { checkProducts, claimDraftSchema, fieldErrorsFromZod, type ClaimDraft } from "../schemas";
import { mpnIdChecker } from "./claim-rows";
import { insertClaims } from "./create-claim";
import { requirePartner, type ServiceOptions } from "./steps";

export type ImportBody = string | Readable | ReadableStream<Uint8Array>;

/** One data row's verdict; `line` is the file's line number (the header is line 1). */
export interface ImportRowResult {
  line: number;
  ok: boolean;
  /** `path` is the row's column (`customer.tenantId`, `products`, …). */
  errors: FieldError[];
}

export interface ImportDryRun {
  rows: ImportRowResult[];
  valid: number;
  invalid: number;
}

export interface ImportCreated {
  created: { line: number; id: string; number: string }[];
}

const fileError = (message: string) => new ClaimError("VALIDATION", message, [{ path: "file", message }]);

function sourceOf(body: ImportBody): Readable {
  if (typeof body === "string") return Readable.from([Buffer.from(body, "utf8")]);
  return body instanceof Readable ? body : Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
}

/** Counts bytes as they pass and stops the file past MAX_IMPORT_BYTES, before it is read to the end. */
function byteLimit(): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > MAX_IMPORT_BYTES) return callback(new ClaimError("PAYLOAD_TOO_LARGE", `The file is larger than ${MAX_IMPORT_BYTES} bytes.`));
      callback(null, chunk);
    },
  });
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.path}\u0000${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Reads and validates every row; nothing is written. `drafts` holds the parsed values of the valid rows. */
export async function checkImport(
  db: Db,
  actor: Actor,
  body: ImportBody,
): Promise<ImportDryRun & { drafts: { line: number; values: ClaimDraft }[] }> {
  requirePartner(actor);
  const checkMpnId = await mpnIdChecker(db, actor.organizationId!);
  const rows: ImportRowResult[] = [];
  const drafts: { line: number; values: ClaimDraft }[] = [];
  let header: string[] | null = null;
  const parser = sourceOf(body)
    .pipe(byteLimit())
    .pipe(parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: true }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record.map((name) => name.trim());
        const problems = headerProblems(header);
        if (problems.length) throw fileError(`${problems.join(" ")} Download the template for the expected columns: ${IMPORT_COLUMNS.join(", ")}.`);
        continue;
      }
      if (rows.length >= MAX_IMPORT_ROWS) throw fileError(`A file may hold at most ${MAX_IMPORT_ROWS} rows; split it into several files.`);
      const line = info.lines;
      if (record.length !== header.length) {
        rows.push({ line, ok: false, errors: [{ path: "row", message: `The row has ${record.length} cells; the header has ${header.length}.` }] });
        continue;
      }
      const cells = Object.fromEntries(header.map((name, i) => [name, record[i]]));
      const parsed = claimDraftSchema.safeParse(importRecordToInput(cells));
      const errors = parsed.success
        ? [...checkMpnId(parsed.data.mpnId), ...checkProducts(parsed.data.solutionArea, parsed.data.products ?? [])]
        : fieldErrorsFromZod(parsed.error);
      const columnErrors = dedupe(errors.map((error) => ({ path: importColumnOf(error.path), message: error.message })));
      rows.push({ line, ok: columnErrors.length === 0, errors: columnErrors });
      if (parsed.success && columnErrors.length === 0) drafts.push({ line, values: parsed.data });
    }
  } catch (error) {
    if (error instanceof CsvError) throw fileError(`The file is not valid CSV: ${error.message}`);
    throw error;
  }
  if (!header) throw fileError(`The file is empty. Start with the header row: ${IMPORT_COLUMNS.join(",")}`);
  if (rows.length === 0) throw fileError("The file has a header row but no claims.");
  const valid = drafts.length;
  return { rows, valid, invalid: rows.length - valid, drafts };
}

/** POST /claims/import?dryRun=true: every row's verdict, nothing written. */
export async function dryRunImport(db: Db, actor: Actor, body: ImportBody): Promise<ImportDryRun> {
  const { rows, valid, invalid } = await checkImport(db, actor, body);
  return { rows, valid, invalid };
}

/** POST /claims/import: every row created as a draft in one transaction, or VALIDATION with rows.<line>.<field>. */
export async function importClaims(db: Db, actor: Actor, body: ImportBody, options: ServiceOptions = {}): Promise<ImportCreated> {
  const check = await checkImport(db, actor, body);
  requirePartner(actor);
  if (check.invalid > 0) {
    const errors = check.rows.flatMap((row) => row.errors.map((error) => ({ path: `rows.${row.line}.${error.path}`, message: error.message })));
    throw new ClaimError("VALIDATION", `${check.invalid} of ${check.rows.length} rows have errors; nothing was imported.`, errors);
  }
  const now = options.now ?? new Date();
  // One transaction for the whole file (all or nothing); 5,000 rows take a few seconds, above the default timeout.
  const created = await db.$transaction((tx) => insertClaims(tx, actor, check.drafts.map((draft) => draft.values), now), {
    maxWait: 10_000,
    timeout: 120_000,
  });
  return { created: created.map((row, i) => ({ line: check.drafts[i].line, id: row.id, number: formatClaimNumber(row.number) })) };
}
