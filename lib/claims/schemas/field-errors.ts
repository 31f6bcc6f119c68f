// zod issues → api-v1's field errors.
import type { z } from "zod";
import type { FieldError } from "../errors";

/**
 * zod issues as api-v1's `errors`: dotted paths (`customer.tenantId`, `products.1.subscriptionId`; "" for the
 * body as a whole), one entry per distinct (path, message).
 */
export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map((segment) => String(segment)).join(".");
    const key = `${path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ path, message: issue.message });
  }
  return result;
}
