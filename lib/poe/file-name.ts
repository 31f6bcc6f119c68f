// The one cleaning of an uploaded file's name, before it is checked, stored and shown. The name is user input
// that reaches pages, CSV, e-mails and Content-Disposition: a right-to-left override can make "evil\u202Efdp.exe"
// read as "evilexe.pdf", and control characters can break headers and logs. Pure: no I/O.

/**
 * Unicode direction formatting: LRE/RLE/PDF/LRO/RLO (U+202A–U+202E), the isolates LRI/RLI/FSI/PDI
 * (U+2066–U+2069), the LRM/RLM marks (U+200E, U+200F) and the Arabic letter mark (U+061C).
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
/** C0 controls, DEL and C1 controls; also the line and paragraph separators and the BOM (invisible breaks). */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;

/**
 * The name as stored and served: the last path segment only (no folders, either slash), NFC-normalized, without
 * direction formatting or control characters, trimmed. "" when nothing visible is left (or only dots, "." and
 * ".." are not names): the caller asks for a name. Idempotent: cleaning a clean name changes nothing.
 */
export function sanitizeFileName(raw: string): string {
  // Characters are removed before splitting, so that an override cannot hide a slash's role, and after
  // normalizing, so that NFC cannot recompose something new next to a removed mark.
  const visible = raw.normalize("NFC").replace(BIDI_CONTROLS, "").replace(CONTROL_CHARACTERS, "");
  const base = (visible.split(/[\\/]/).pop() ?? "").normalize("NFC").trim();
  return /^\.*$/.test(base) ? "" : base;
}
