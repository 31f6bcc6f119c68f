// application/problem+json (RFC 9457) for every HTTP route: one mapping from error codes to statuses.
import { isClaimError, RateLimitedError, type FieldError } from "../claims/errors";
import type { ProblemCode } from "../claims/schemas";
import { isDatabaseUnavailable } from "./database-unavailable";

export const STATUS_BY_CODE: Record<ProblemCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION: 422,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  PRECONDITION_REQUIRED: 428,
  RATE_LIMITED: 429,
  METHOD_NOT_ALLOWED: 405,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

const TITLE_BY_CODE: Record<ProblemCode, string> = {
  UNAUTHENTICATED: "Authentication required",
  FORBIDDEN: "Not allowed",
  NOT_FOUND: "Not found",
  GONE: "No longer available",
  // One title for both causes: a PoE file over the size setting, or a JSON body over 1 MiB.
  PAYLOAD_TOO_LARGE: "Request body too large",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported file type",
  VALIDATION: "Invalid request",
  CONFLICT: "Changed by someone else",
  INVALID_TRANSITION: "Not possible in the claim's current status",
  PRECONDITION_REQUIRED: "If-Match required",
  RATE_LIMITED: "Too many requests",
  METHOD_NOT_ALLOWED: "Method not allowed",
  INTERNAL: "Internal error",
  UNAVAILABLE: "Service unavailable",
};

export function problem(code: ProblemCode, detail: string, options: { errors?: FieldError[]; headers?: HeadersInit } = {}): Response {
  const status = STATUS_BY_CODE[code];
  const body = {
    type: `https://cpor-portal.example/problems/${code.toLowerCase().replace(/_/g, "-")}`,
    title: TITLE_BY_CODE[code],
    status,
    code,
    detail,
    ...(options.errors?.length ? { errors: options.errors } : {}),
  };
  const headers = new Headers(options.headers);
  headers.set("Content-Type", "application/problem+json");
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(body), { status, headers });
}

/** How long a client should wait before retrying when the database cannot be reached. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 30;

/**
 * Expected errors become problems; a database that cannot be reached is 503 `UNAVAILABLE` (retry later);
 * anything else is logged and answered 500 `INTERNAL`. Neither shows anything of the cause.
 */
export function problemFromError(error: unknown): Response {
  if (isClaimError(error)) return problem(error.code, error.message, { errors: error.errors });
  if (error instanceof RateLimitedError) {
    return problem("RATE_LIMITED", error.message, { headers: { "Retry-After": String(error.retryAfterSeconds) } });
  }
  if (isDatabaseUnavailable(error)) {
    console.error("database unavailable:", error instanceof Error ? error.message : error);
    return problem("UNAVAILABLE", "The service cannot reach its database right now. Try again in a moment.", {
      headers: { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
    });
  }
  console.error(error);
  return problem("INTERNAL", "Something went wrong. Try again later.");
}
