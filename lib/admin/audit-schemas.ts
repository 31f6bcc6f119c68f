// Query and response shapes of the audit log (docs/api.md: `audit-events`), shared by the API, the admin page
// and the OpenAPI document (which must not import server-only modules).
import { z } from "zod";
import { isStorableText, NOT_STORABLE } from "../claims/schemas/building-blocks";

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
const instant = (edge: "from" | "to") =>
  z
    .string()
    .trim()
    .refine((v) => DATE.test(v) || !Number.isNaN(Date.parse(v)), { error: "Enter an ISO-8601 time or a date, YYYY-MM-DD" })
    .optional()
    .describe(edge === "from" ? "Inclusive start (a date means its 00:00 UTC)." : "Inclusive end (a date means the whole day, UTC).");

export const auditQuerySchema = z.object({
  actorId: z.string().trim().min(1).refine(isStorableText, NOT_STORABLE).optional(),
  organizationId: z.string().trim().min(1).refine(isStorableText, NOT_STORABLE).optional(),
  type: z.string().trim().regex(/^[A-Z_]{1,64}$/, { error: "An event type, e.g. SIGN_IN_FAILED" }).optional(),
  from: instant("from"),
  to: instant("to"),
  cursor: z.string().trim().min(1).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditItemSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    type: z.string(),
    actor: z.object({ id: z.string(), email: z.string(), role: z.string().nullable() }).nullable(),
    organizationId: z.string().nullable(),
    claimId: z.string().nullable(),
    data: z.unknown(),
  })
  .meta({ id: "AuditEventItem" });
export type AuditItem = z.infer<typeof auditItemSchema>;
export const auditPageSchema = z.object({ items: z.array(auditItemSchema), nextCursor: z.string().nullable() }).meta({ id: "AuditEventPage" });

