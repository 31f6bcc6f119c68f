// POST /claims/{id}/poe — the browser's PoE upload. The body is the raw file, streamed to storage by
// lib/claims/upload-poe (never buffered: server actions would buffer it, and the proxy is kept off this path
// for the same reason, see proxy.ts). The file name comes in X-File-Name (URI-encoded). Authorized by the
// session cookie, so only same-origin requests are accepted (the CSRF check server actions get from Next).
import { NextResponse } from "next/server";
import { declaredLength } from "@/lib/api/request";
import { getCurrentUser, actorOf } from "@/lib/auth/session";
import { ClaimError } from "@/lib/claims/errors";
import { poeResource } from "@/lib/claims/resource";
import { uploadPoe } from "@/lib/claims/upload-poe";
import { getDb } from "@/lib/db";
import { markReadPrimary } from "@/lib/read-your-writes";
import { problem, problemFromError } from "@/lib/http/problem";
import { isSameOrigin } from "@/lib/http/same-origin";
import { uploadFileName } from "@/lib/http/upload-request";

export const dynamic = "force-dynamic";

export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  if (!isSameOrigin(request)) return problem("FORBIDDEN", "Uploads are accepted from the portal's own pages only.");
  const user = await getCurrentUser();
  if (!user) return problem("UNAUTHENTICATED", "Sign in to upload files.");
  const { id } = await context.params;
  try {
    if (!request.body) throw new ClaimError("VALIDATION", "The file is empty.", [{ path: "file", message: "The file is empty." }]);
    const poe = await uploadPoe(getDb(), actorOf(user), id, {
      fileName: uploadFileName(request),
      body: request.body,
      declaredSize: declaredLength(request),
    });
    return markReadPrimary(request, NextResponse.json(poeResource(poe), { status: 201, headers: { "Cache-Control": "no-store" } }));
  } catch (error) {
    return problemFromError(error);
  }
}
