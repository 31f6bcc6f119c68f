// GET /claims/{id}/poe/{poeId} — download one PoE file. Authorized like the claim (another organization's
// file answers 404 exactly like a missing one); the answer itself (attachment, nosniff, ETag, 304) is the
// API's, from lib/poe/download.ts.
import { actorOf, getCurrentUser } from "@/lib/auth/session";
import { findPoeForDownload } from "@/lib/claims/upload-poe";
import { getDb } from "@/lib/db";
import { problem, problemFromError } from "@/lib/http/problem";
import { poeDownloadResponse } from "@/lib/poe/download";
import { getFileStorage } from "@/lib/storage/file-storage";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ id: string; poeId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return problem("UNAUTHENTICATED", "Sign in to download files.");
  const { id, poeId } = await context.params;
  try {
    const poe = await findPoeForDownload(getDb(), actorOf(user), id, poeId);
    return await poeDownloadResponse(request, poe, getFileStorage());
  } catch (error) {
    return problemFromError(error);
  }
}
