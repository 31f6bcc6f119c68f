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

/** One problem with one input field; `path` is dotted (`customer.tenantId`, `products.1.subscriptionId`). */
export interface FieldError {
  path: string;
  message: string;
}

export class ClaimError extends Error {
  readonly code: ClaimErrorCode;
  readonly errors?: FieldError[];

  constructor(code: ClaimErrorCode, message: string, errors?: FieldError[]) {
    super(message);
    this.name = "ClaimError";
    this.code = code;
    this.errors = errors;
  }
}

export function isClaimError(value: unknown): value is ClaimError {
  return value instanceof ClaimError;
}
