// The shell of every /api/v1 route handler: authenticate the key (401, counted against the client address's
// budget: 429 once it is spent) → take from the key's user's rate-limit budget (429) → run the handler → map any error to application/problem+json. Handlers stay thin: parse, call
// lib/claims, shape the response.
import { authenticateApiKey, type ApiKeyPrincipal } from "../claims/api-keys";
import type { Actor } from "../claims/lifecycle";
import { getDb, type Db } from "../db";
import { problem, problemFromError } from "../http/problem";
import { takeApiRequest, takeUnauthenticatedRequest, type RateLimitDecision } from "./rate-limit";

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
        const refused = await unauthenticatedLimit(request);
        if (refused) return refused;
        return problem("UNAUTHENTICATED", "Send an API key: Authorization: Bearer <key>. Create one in Settings → API keys.", {
          headers: AUTHENTICATE,
        });
      }
      const principal = await authenticateApiKey(db, presented);
      if (!principal) {
        const refused = await unauthenticatedLimit(request);
        if (refused) return refused;
        return problem("UNAUTHENTICATED", "The API key is not valid: it is unknown, revoked or expired, or its user is deactivated.", {
          headers: AUTHENTICATE,
        });
      }
      // One budget per user: all of the user's keys draw on it.
      const limit = await takeApiRequest(principal.user.id);
      if (limit && !limit.allowed) {
        return rateLimited(limit, `This user's API keys may make ${limit.limit} requests per minute together.`);
      }
      const { user } = principal;
      const actor: UserActor = { kind: "user", userId: user.id, role: user.role, organizationId: user.organizationId };
      const response = await handler({ request, params: withoutNul(await context.params), db, actor, principal }).catch(problemFromError);
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

/**
 * Path parameters with U+0000 (sent as %00) made harmless: PostgreSQL cannot compare text holding it (the lookup
 * would fail as a 500), and no id or token holds it, so U+FFFD in its place finds nothing — the request then
 * answers exactly like any other missing id, through the same code.
 */
export function withoutNul<P>(params: P): P {
  if (!params || typeof params !== "object") return params;
  const clean = (value: unknown): unknown =>
    typeof value === "string" ? value.replaceAll("\u0000", "\uFFFD") : Array.isArray(value) ? value.map(clean) : value;
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, clean(value)])) as P;
}

/** Counts an unauthenticated request against its client address; the 429 to answer once the budget is spent. */
async function unauthenticatedLimit(request: Request): Promise<Response | null> {
  const limit = await takeUnauthenticatedRequest(request);
  if (!limit || limit.allowed) return null;
  return rateLimited(limit, `Too many unauthenticated requests from this address (${limit.limit} per minute).`);
}

function rateLimited(limit: RateLimitDecision, reason: string): Response {
  return problem("RATE_LIMITED", `${reason} Retry after ${limit.retryAfterSeconds} s.`, {
    headers: { "Retry-After": String(limit.retryAfterSeconds), ...rateLimitHeaders(limit.limit, 0) },
  });
}

function rateLimitHeaders(limit: number, remaining: number): Record<string, string> {
  return { "X-RateLimit-Limit": String(limit), "X-RateLimit-Remaining": String(remaining) };
}

/**
 * A handler without an API key (the customer's consent link, the OpenAPI document). `limitByAddress`: each
 * request takes one from the client address's unauthenticated budget (endpoints that check a secret).
 */
export function publicRoute<P = Record<string, never>>(
  handler: (context: PublicContext<P>) => Promise<Response>,
  options: { limitByAddress?: boolean } = {},
): RouteHandler<P> {
  return async (request, context) => {
    try {
      if (options.limitByAddress) {
        const refused = await unauthenticatedLimit(request);
        if (refused) return refused;
      }
      return await handler({ request, params: withoutNul(await context.params), db: getDb() });
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
