import { problem } from "@/lib/http/problem";

export const runtime = "nodejs";

// Every path under /api/v1 that is not an endpoint answers problem+json, like the endpoints themselves.
async function notAnEndpoint(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  return problem("NOT_FOUND", `${request.method} ${pathname} is not an endpoint of this API. See /api/v1/openapi.json.`);
}

export const GET = notAnEndpoint;
export const POST = notAnEndpoint;
export const PUT = notAnEndpoint;
export const PATCH = notAnEndpoint;
export const DELETE = notAnEndpoint;
