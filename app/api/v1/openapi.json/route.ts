import { publicRoute, unsupportedMethods } from "@/lib/api/route";
import { buildOpenApiDocument } from "@/lib/openapi/document";

export const runtime = "nodejs";

// Built once per server process: the document depends only on the code.
let serialized: string | undefined;

/** GET /openapi.json: the OpenAPI 3.1 document, generated from the zod schemas (public: it holds no data). */
export const GET = publicRoute(async () => {
  serialized ??= JSON.stringify(buildOpenApiDocument());
  return new Response(serialized, {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
});

export const { POST, PUT, PATCH, DELETE } = unsupportedMethods(["GET"]);
