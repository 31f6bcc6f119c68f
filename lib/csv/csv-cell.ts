// The one CSV cell writer of every CSV the portal produces (claims export, audit log export, import template),
// so that formula neutralization cannot be forgotten in one of them.

/**
 * A cell a spreadsheet would run as a formula (OWASP "CSV injection": a leading `=`, `+`, `-`, `@`, tab or
 * carriage return) gets a leading apostrophe, which spreadsheets show as text; then RFC 4180 quoting.
 * The cost: a legitimate leading minus or plus (a phone number "+1 425…") reads "'+1 425…" in the file.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV line (CRLF, as RFC 4180). */
export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}

/**
 * Reading back a cell csvCell wrote (the import reads the template it offers): the apostrophe before a
 * formula character goes again. A spreadsheet that re-saves the file drops it itself.
 */
export function csvCellText(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
