// The shell of every /api/v1 route handler: authenticate the key (401) → take from its rate-limit bucket
// (429) → run the handler → map any error to application/problem+json. Handlers stay thin: parse, call
// lib/claims, shape the response.
import { authenticateApiKey, type ApiKeyPrincipal } from "../claims/api-keys";
import type { Actor } from "../claims/lifecycle";
import { getDb, type Db } from "../db";
import { problem, problemFromError } from "../http/problem";
import { takeApiRequest } from "./rate-limit";

export type UserActor = Extract<Actor, { kind: "user" }>;

export interface ApiContext<P> {
  request: Request;
  params: P;
  db: Db;
  actor: UserActor;
  principal: ApiKeyPrincipal;
}

export interface PublicContext<P> {
  request: Request;
  params: P;
  db: Db;
}

type RouteContext<P> = { params: Promise<P> };
type RouteHandler<P> = (request: Request, context: RouteContext<P>) => Promise<Response>;

const AUTHENTICATE = { "WWW-Authenticate": 'Bearer realm="cpor-api"' };

/** The presented key from `Authorization: Bearer <key>` (scheme case-insensitive), or null. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer[ ]+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1] : null;
}

/** A handler that needs an API key; it acts as the key's user. */
export function apiRoute<P = Record<string, never>>(handler: (context: ApiContext<P>) => Promise<Response>): RouteHandler<P> {
  return async (request, context) => {
    try {
      const db = getDb();
      const presented = bearerToken(request);
      if (!presented) {
        return problem("UNAUTHENTICATED", "Send an API key: Authorization: Bearer <key>. Create one in Settings → API keys.", {
          headers: AUTHENTICATE,
        });
      }
      const principal = await authenticateApiKey(db, presented);
      if (!principal) {
        return problem("UNAUTHENTICATED", "The API key is not valid: it is unknown, revoked, or its user is deactivated.", {
          headers: AUTHENTICATE,
        });
      }
      const limit = takeApiRequest(principal.apiKeyId);
      if (limit && !limit.allowed) {
        return problem(
          "RATE_LIMITED",
          `This key may make ${limit.limit} requests per minute. Retry after ${limit.retryAfterSeconds} s.`,
          { headers: { "Retry-After": String(limit.retryAfterSeconds), ...rateLimitHeaders(limit.limit, 0) } },
        );
      }
      const { user } = principal;
      const actor: UserActor = { kind: "user", userId: user.id, role: user.role, organizationId: user.organizationId };
      const response = await handler({ request, params: await context.params, db, actor, principal }).catch(problemFromError);
      if (limit) {
        for (const [name, value] of Object.entries(rateLimitHeaders(limit.limit, limit.remaining))) {
          response.headers.set(name, value);
        }
      }
      return response;
    } catch (error) {
      return problemFromError(error);
    }
  };
}

function rateLimitHeaders(limit: number, remaining: number): Record<string, string> {
  return { "X-RateLimit-Limit": String(limit), "X-RateLimit-Remaining": String(remaining) };
}

/** A handler without an API key (the customer's consent link, the OpenAPI document). */
export function publicRoute<P = Record<string, never>>(handler: (context: PublicContext<P>) => Promise<Response>): RouteHandler<P> {
  return async (request, context) => {
    try {
      return await handler({ request, params: await context.params, db: getDb() });
    } catch (error) {
      return problemFromError(error);
    }
  };
}

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * Handlers for the methods a path does not support: 405 `METHOD_NOT_ALLOWED` with `Allow` listing what the
 * path accepts (RFC 9110 §15.5.6), as problem+json like every other answer (Next's own 405 has an empty body).
 */
export function unsupportedMethods(allowed: readonly HttpMethod[]): Record<HttpMethod, RouteHandler<unknown>> {
  const handler: RouteHandler<unknown> = async (request) =>
    problem("METHOD_NOT_ALLOWED", `${request.method} is not an endpoint of ${new URL(request.url).pathname}; it accepts ${allowed.join(", ")}.`, {
      headers: { Allow: allowed.join(", ") },
    });
  return Object.fromEntries(HTTP_METHODS.map((method) => [method, handler])) as Record<HttpMethod, RouteHandler<unknown>>;
}

/** JSON response with the API's caching rule (no-store: every answer depends on the key). */
export function json(body: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers });
}
