// Typed expected errors of the claim lifecycle. Every route (server action, API, CLI) maps these
// codes to its own surface; none of them throws strings.

export const CLAIM_ERROR_CODES = [
  "NOT_FOUND",
  "FORBIDDEN",
  "VALIDATION",
  "INVALID_TRANSITION",
  "CONFLICT",
  "GONE",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
] as const;
export type ClaimErrorCode = (typeof CLAIM_ERROR_CODES)[number];

/**
 * What is wrong with one field, as a code a surface can act on (the UI translates it, an integrator branches
 * on it) without reading the English message: REQUIRED (a required part is missing), NOT_EDITABLE (the field
 * may not change in the claim's status), LIMIT_REACHED (a per-user cap), INVALID (anything else).
 */
export const FIELD_ERROR_CODES = ["REQUIRED", "INVALID", "NOT_EDITABLE", "LIMIT_REACHED"] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/**
 * One problem with one input field; `path` is dotted (`customer.tenantId`, `products.1.subscriptionId`).
 * `code` is set where the error is made when it says more than INVALID; a ClaimError fills in INVALID.
 */
export interface FieldError {
  path: string;
  message: string;
  code?: FieldErrorCode;
}

/** A field error as a ClaimError carries it: always with its code. */
export type CodedFieldError = FieldError & { code: FieldErrorCode };

export class ClaimError extends Error {
  readonly code: ClaimErrorCode;
  readonly errors?: CodedFieldError[];

  constructor(code: ClaimErrorCode, message: string, errors?: readonly FieldError[]) {
    super(message);
    this.name = "ClaimError";
    this.code = code;
    this.errors = errors?.map((error) => ({ ...error, code: error.code ?? "INVALID" }));
  }
}

export function isClaimError(value: unknown): value is ClaimError {
  return value instanceof ClaimError;
}

/**
 * A request refused by a shared limit (an organization's upload rate or daily bytes, a second concurrent
 * export): 429 `RATE_LIMITED` with `Retry-After`. Not a ClaimError: it says when to come back, not what is wrong.
 */
export class RateLimitedError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = "RateLimitedError";
  }
}
