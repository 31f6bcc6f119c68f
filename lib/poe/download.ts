// The one answer to a PoE download, for both routes that serve one (the API's GET /claims/{id}/poe/{poeId}
// and the portal's /claims/{id}/poe/{poeId}): always an attachment with nosniff and a sandboxing CSP (an HTML
// or SVG-like PoE must never render on the portal's origin), sent with the type stored at upload, the stored
// SHA-256 as its ETag, and 304 when the client already holds that content (If-None-Match).
import { Readable } from "node:stream";
import { create as contentDisposition } from "content-disposition";
import type { FileStorage } from "../storage/file-storage";

export interface DownloadablePoe {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
}

/** `Content-Disposition: attachment` with the file's name (an ASCII fallback and RFC 8187 for the rest). */
export function attachmentDisposition(fileName: string): string {
  return contentDisposition(fileName, { type: "attachment" });
}

/** True when If-None-Match names this ETag (or `*`); weak and strong forms compare equal (RFC 9110 §13.1.2). */
export function matchesIfNoneMatch(request: Request, etag: string): boolean {
  const header = request.headers.get("if-none-match");
  if (!header) return false;
  return header.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === etag;
  });
}

export async function poeDownloadResponse(request: Request, poe: DownloadablePoe, storage: FileStorage): Promise<Response> {
  const etag = `"${poe.sha256}"`;
  // private, no-store: the files hold customers' documents; the ETag serves clients that keep their own copy.
  const common = { ETag: etag, "Cache-Control": "private, no-store" };
  if (matchesIfNoneMatch(request, etag)) return new Response(null, { status: 304, headers: common });
  // Opens the file before answering, so a missing file is a clean 500 and not a response cut short.
  await storage.head(poe.storageKey, 0);
  const body = Readable.toWeb(storage.read(poe.storageKey)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      ...common,
      "Content-Type": poe.contentType,
      "Content-Length": String(poe.size),
      "Content-Disposition": attachmentDisposition(poe.fileName),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
