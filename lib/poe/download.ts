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

/**
 * Types the portal may show inline (the preview route). Only formats the browser renders without running
 * anything of the file's: PDF in the built-in viewer, raster images. HTML, SVG and office files are never
 * previewed: they stay downloads. Keyed by the type stored at upload (checked by content, lib/poe/poe-type.ts).
 */
export const PREVIEWABLE_POE_TYPES: readonly string[] = ["application/pdf", "image/png", "image/jpeg", "image/gif"];

export function isPreviewablePoe(contentType: string): boolean {
  return PREVIEWABLE_POE_TYPES.includes(contentType);
}

/**
 * The headers of an inline preview: a sandbox without allow-scripts (nothing in the file can run, and the
 * document gets an opaque origin so it cannot reach the portal's cookies or pages), images and the PDF
 * viewer from the response itself only, and nosniff so the browser keeps the stored type.
 */
export const PREVIEW_CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'; img-src 'self'; object-src 'self'";

export async function poeDownloadResponse(
  request: Request,
  poe: DownloadablePoe,
  storage: FileStorage,
  /** `inline` only from the portal's preview route, and only for PREVIEWABLE_POE_TYPES (else the caller 404s). */
  disposition: "attachment" | "inline" = "attachment",
): Promise<Response> {
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
      "Content-Disposition":
        disposition === "inline" ? contentDisposition(poe.fileName, { type: "inline" }) : attachmentDisposition(poe.fileName),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": disposition === "inline" ? PREVIEW_CONTENT_SECURITY_POLICY : "default-src 'none'; sandbox",
    },
  });
}
