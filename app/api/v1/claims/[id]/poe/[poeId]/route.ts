import { Readable } from "node:stream";
import { apiRoute, unsupportedMethods } from "@/lib/api/route";
import { attachmentDisposition, findPoeForDownload } from "@/lib/claims/upload-poe";
import { getFileStorage } from "@/lib/storage/file-storage";

export const runtime = "nodejs";

type Params = { id: string; poeId: string };

/**
 * GET /claims/{id}/poe/{poeId}: the file, authorized like its claim (404 for another organization's), always
 * as a download: an HTML PoE must never render on the portal's origin.
 */
export const GET = apiRoute<Params>(async ({ params, db, actor }) => {
  const poe = await findPoeForDownload(db, actor, params.id, params.poeId);
  const storage = getFileStorage();
  // Opens the file before answering, so a missing file is a clean 500 and not a response cut short.
  await storage.head(poe.storageKey, 0);
  const body = Readable.toWeb(storage.read(poe.storageKey)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": poe.contentType,
      "Content-Length": String(poe.size),
      "Content-Disposition": attachmentDisposition(poe.fileName),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
      ETag: `"${poe.sha256}"`,
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = unsupportedMethods(["GET"]);
