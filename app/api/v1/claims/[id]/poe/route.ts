import { apiRoute, json, unsupportedMethods } from "@/lib/api/route";
import { declaredLength } from "@/lib/api/request";
import { claimLocation } from "@/lib/api/responses";
import { poeResource } from "@/lib/claims/resource";
import { uploadPoe } from "@/lib/claims/upload-poe";
import { uploadFileName } from "@/lib/http/upload-request";

export const runtime = "nodejs";

type Params = { id: string };

/**
 * POST /claims/{id}/poe: the raw file bytes as the body, its name in X-File-Name. The body is streamed to
 * storage (never held whole in memory); a declared Content-Length over the limit is refused before a byte is read.
 */
export const POST = apiRoute<Params>(async ({ request, params, db, actor }) => {
  const poe = await uploadPoe(db, actor, params.id, {
    fileName: uploadFileName(request),
    body: request.body ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() }),
    declaredSize: declaredLength(request),
  });
  return json(poeResource(poe), {
    status: 201,
    headers: { Location: `${claimLocation(params.id)}/poe/${encodeURIComponent(poe.id)}` },
  });
});

export const { GET, PUT, PATCH, DELETE } = unsupportedMethods(["POST"]);
