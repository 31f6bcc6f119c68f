// Which PoE files are accepted, checked from their content, not their name alone (domain.md "PoE"):
// binary types by magic bytes (file-type, the field's standard detector), text types by extension plus a
// text sniff. A name's extension must agree with the content.

/** Allowed extensions → the MIME type the file is stored and served with. */
export const POE_TYPES = {
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  csv: "text/csv",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  pdf: "application/pdf",
  msg: "application/vnd.ms-outlook",
  rtf: "application/rtf",
  htm: "text/html",
  html: "text/html",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  bmp: "image/bmp",
  tif: "image/tiff",
  tiff: "image/tiff",
  xps: "application/vnd.ms-xpsdocument",
} as const;
export type PoeExtension = keyof typeof POE_TYPES;
export const POE_EXTENSIONS = Object.keys(POE_TYPES) as PoeExtension[];
/** For the file picker's `accept` attribute. */
export const POE_ACCEPT = POE_EXTENSIONS.map((ext) => `.${ext}`).join(",");

/** What file-type reports for each binary extension. OLE compound files (cfb) are doc, xls, ppt and msg alike. */
const DETECTED_AS: Partial<Record<PoeExtension, readonly string[]>> = {
  doc: ["cfb"],
  xls: ["cfb"],
  ppt: ["cfb"],
  msg: ["cfb"],
  docx: ["docx"],
  xlsx: ["xlsx"],
  pptx: ["pptx"],
  xps: ["zip"], // file-type does not name XPS; its package parts are checked below
  pdf: ["pdf"],
  png: ["png"],
  jpg: ["jpg"],
  jpeg: ["jpg"],
  gif: ["gif"],
  bmp: ["bmp"],
  tif: ["tif"],
  tiff: ["tif"],
};
const TEXT_EXTENSIONS: readonly PoeExtension[] = ["csv", "htm", "html", "rtf"];

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 ? "" : fileName.slice(dot + 1).toLowerCase();
}

export function isPoeExtension(ext: string): ext is PoeExtension {
  return Object.hasOwn(POE_TYPES, ext);
}

/** Bytes that Windows-1252 leaves undefined; with NUL they mark a file as not text. */
const UNDEFINED_IN_CP1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Valid UTF-8, or else valid Windows-1252, and no NUL byte anywhere in the sample. */
export function looksLikeText(sample: Uint8Array, truncated: boolean): boolean {
  if (sample.includes(0)) return false;
  try {
    // A sample cut mid-character may end with an incomplete UTF-8 sequence: drop up to 3 trailing bytes.
    const decoder = new TextDecoder("utf-8", { fatal: true });
    decoder.decode(truncated ? trimPartialUtf8(sample) : sample);
    return true;
  } catch {
    return !sample.some((byte) => UNDEFINED_IN_CP1252.has(byte));
  }
}

function trimPartialUtf8(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}

export interface PoeContent {
  /** What file-type detected (its `ext`), or undefined. */
  detected: string | undefined;
  /** The first bytes of the file (text sniff, rtf signature, zip part names). */
  head: Uint8Array;
  /** Whether `head` is shorter than the file. */
  truncated: boolean;
}

export type PoeTypeCheck = { ok: true; contentType: string } | { ok: false; message: string };

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");

/** Pure: decides whether the content agrees with the name's extension. */
export function checkPoeType(fileName: string, content: PoeContent): PoeTypeCheck {
  const ext = extensionOf(fileName);
  if (!isPoeExtension(ext)) {
    return {
      ok: false,
      message: `Files of type ".${ext || "(none)"}" are not accepted as proof of execution. Accepted: ${POE_EXTENSIONS.join(", ")}.`,
    };
  }
  const mismatch: PoeTypeCheck = {
    ok: false,
    message: `The content of "${fileName}" is not a .${ext} file${content.detected ? ` (it looks like a .${content.detected} file)` : ""}. Upload the file in its real format.`,
  };
  if (TEXT_EXTENSIONS.includes(ext)) {
    // A text name on binary content (e.g. a renamed PDF) is refused: the detector found a binary format.
    if (content.detected && content.detected !== "rtf") return mismatch;
    if (!looksLikeText(content.head, content.truncated)) return mismatch;
    if (ext === "rtf" && !latin1(content.head.subarray(0, 5)).startsWith("{\\rtf")) return mismatch;
    return { ok: true, contentType: POE_TYPES[ext] };
  }
  const accepted = DETECTED_AS[ext] ?? [];
  if (!content.detected || !accepted.includes(content.detected)) return mismatch;
  if (ext === "xps" && !/FixedDocSeq|\.fdseq/i.test(latin1(content.head))) return mismatch;
  return { ok: true, contentType: POE_TYPES[ext] };
}
