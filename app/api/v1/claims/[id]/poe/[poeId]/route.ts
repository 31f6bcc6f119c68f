import { apiRoute, unsupportedMethods } from "@/lib/api/route";
import { findPoeForDownload } from "@/lib/claims/upload-poe";
import { poeDownloadResponse } from "@/lib/poe/download";
import { getFileStorage } from "@/lib/storage/file-storage";

export const runtime = "nodejs";

type Params = { id: string; poeId: string };

/**
 * GET /claims/{id}/poe/{poeId}: the file, authorized like its claim (404 for another organization's), always
 * as a download; 304 for an If-None-Match naming its ETag (lib/poe/download.ts).
 */
export const GET = apiRoute<Params>(async ({ request, params, db, actor }) => {
  const poe = await findPoeForDownload(db, actor, params.id, params.poeId);
  return poeDownloadResponse(request, poe, getFileStorage());
});

export const { POST, PUT, PATCH, DELETE } = unsupportedMethods(["GET"]);
