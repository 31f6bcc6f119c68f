// GET /claims/{id}/poe/{poeId}/preview — a PoE file shown inline in the browser, for the portal only (the API's
// downloads stay attachments). Authorized exactly like the download (findPoeForDownload: another organization's
// file answers 404 like a missing one); only PDF, PNG, JPEG and GIF are previewed, under a sandbox CSP with no
// scripts; any other type answers 404 here and stays a download.
import { actorOf, getCurrentUser } from "@/lib/auth/session";
import { ClaimError } from "@/lib/claims/errors";
import { findPoeForDownload } from "@/lib/claims/upload-poe";
import { getDb } from "@/lib/db";
import { problem, problemFromError } from "@/lib/http/problem";
import { isPreviewablePoe, poeDownloadResponse } from "@/lib/poe/download";
import { getFileStorage } from "@/lib/storage/file-storage";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ id: string; poeId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return problem("UNAUTHENTICATED", "Sign in to view files.");
  const { id, poeId } = await context.params;
  try {
    const poe = await findPoeForDownload(getDb(), actorOf(user), id, poeId);
    if (!isPreviewablePoe(poe.contentType)) throw new ClaimError("NOT_FOUND", "This file type has no preview; download it instead.");
    return await poeDownloadResponse(request, poe, getFileStorage(), "inline");
  } catch (error) {
    return problemFromError(error);
  }
}
