// GET /claims/{id}/poe/{poeId} — download one PoE file. Authorized like the claim (another organization's
// file answers 404 exactly like a missing one), always as an attachment with nosniff: an HTML or SVG-like
// PoE must never render on the portal's origin.
import { Readable } from "node:stream";
import { actorOf, getCurrentUser } from "@/lib/auth/session";
import { attachmentDisposition, findPoeForDownload } from "@/lib/claims/upload-poe";
import { getDb } from "@/lib/db";
import { problem, problemFromError } from "@/lib/http/problem";
import { getFileStorage } from "@/lib/storage/file-storage";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ id: string; poeId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return problem("UNAUTHENTICATED", "Sign in to download files.");
  const { id, poeId } = await context.params;
  try {
    const poe = await findPoeForDownload(getDb(), actorOf(user), id, poeId);
    const body = Readable.toWeb(getFileStorage().read(poe.storageKey)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: {
        "Content-Type": poe.contentType,
        "Content-Length": String(poe.size),
        "Content-Disposition": attachmentDisposition(poe.fileName),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox",
      },
    });
  } catch (error) {
    return problemFromError(error);
  }
}
