// The bulk import's CSV format (docs/api.md "Import format"), pure: the columns (the claim's field paths), the
// template, one record → the same input object the claim form and POST /claims send, and an error path → the
// column it belongs to. Validation is not here: a row goes through exactly the create schema (claimDraftSchema).
import { csvCellText, csvLine } from "../../csv/csv-cell";
import { WORKLOADS } from "../catalogue";

export const IMPORT_COLUMNS = [
  "mpnId",
  "program",
  "activity",
  "solutionArea",
  "customer.tenantId",
  "customer.domain",
  "customer.name",
  "products",
  "customerContact.name",
  "customerContact.title",
  "customerContact.email",
  "customerContact.phone",
  "partnerContact.name",
  "partnerContact.title",
  "partnerContact.email",
  "partnerContact.phone",
  "commentary",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Rows per file (the header not counted); more is refused as a whole. */
export const MAX_IMPORT_ROWS = 5_000;
/** Bytes per file: 5,000 rows of generous width; a larger body is refused before it is read to the end. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const EXAMPLE_ROW: Record<ImportColumn, string> = {
  mpnId: "1234567",
  program: "OSU",
  activity: "PRE_SALES",
  solutionArea: "MODERN_WORK",
  "customer.tenantId": "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
  "customer.domain": "contoso.com",
  "customer.name": "Contoso Ltd",
  products: `${WORKLOADS[3]};${WORKLOADS[0]}`,
  "customerContact.name": "Chris Customer",
  "customerContact.title": "CIO",
  "customerContact.email": "chris@contoso.com",
  "customerContact.phone": "",
  "partnerContact.name": "Pat Partner",
  "partnerContact.title": "Account manager",
  "partnerContact.email": "pat@partner.example",
  "partnerContact.phone": "+1 425 555 0100",
  commentary: "Deployed Teams and Exchange Online.",
};

/** The downloadable template: the header row and one example row (Dynamics products: `Power BI=<subscription GUID>`). */
export function importTemplateCsv(): string {
  return csvLine(IMPORT_COLUMNS) + csvLine(IMPORT_COLUMNS.map((column) => EXAMPLE_ROW[column]));
}

const blank = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value);

function contactOf(record: Record<string, string>, prefix: "customerContact" | "partnerContact") {
  const parts = { name: record[`${prefix}.name`], title: record[`${prefix}.title`], email: record[`${prefix}.email`], phone: record[`${prefix}.phone`] };
  // All four empty: no contact yet (a draft may be saved without one, as in the form).
  if (Object.values(parts).every((value) => blank(value) === undefined)) return undefined;
  return { name: parts.name ?? "", title: parts.title ?? "", email: parts.email ?? "", phone: parts.phone };
}

/** `TEAMS;EXCHANGE` → workloads; `Dynamics 365 Sales=<guid>` → a Dynamics product with its subscription. */
export function parseProductsCell(cell: string | undefined): unknown[] | undefined {
  if (blank(cell) === undefined) return undefined;
  return cell!
    .split(";")
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const eq = item.indexOf("=");
      return eq < 0
        ? { kind: "WORKLOAD", name: item }
        : { kind: "DYNAMICS", name: item.slice(0, eq).trim(), subscriptionId: item.slice(eq + 1).trim() };
    });
}

/** One CSV record (keyed by header) → the claim input the create schema validates. Empty cells are absent. */
export function importRecordToInput(raw: Record<string, string>): Record<string, unknown> {
  const record = Object.fromEntries(Object.entries(raw).map(([column, cell]) => [column, csvCellText(cell)]));
  return {
    mpnId: blank(record.mpnId),
    program: blank(record.program),
    activity: blank(record.activity),
    solutionArea: blank(record.solutionArea),
    customer: { tenantId: blank(record["customer.tenantId"]), domain: blank(record["customer.domain"]), name: blank(record["customer.name"]) },
    products: parseProductsCell(record.products),
    customerContact: contactOf(record, "customerContact"),
    partnerContact: contactOf(record, "partnerContact"),
    commentary: blank(record.commentary),
  };
}

/** A field error's path (customer.tenantId, products.2.subscriptionId, customerContact) → its column or field. */
export function importColumnOf(path: string): string {
  if (path.startsWith("products")) return "products";
  const column = IMPORT_COLUMNS.find((name) => path === name || path.startsWith(`${name}.`));
  return column ?? (path || "row");
}

/** Header problems: a missing or unknown column refuses the whole file (the rows could not be read right). */
export function headerProblems(header: readonly string[]): string[] {
  const problems: string[] = [];
  const missing = IMPORT_COLUMNS.filter((column) => !header.includes(column));
  const unknown = header.filter((name) => !(IMPORT_COLUMNS as readonly string[]).includes(name));
  if (missing.length) problems.push(`The header row lacks the columns ${missing.join(", ")}.`);
  if (unknown.length) problems.push(`The header row has unknown columns ${unknown.join(", ")}.`);
  return problems;
}
