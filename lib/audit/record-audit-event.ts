// The audit trail of what belongs to no claim's history: settings changes, API keys (later issues add sign-ins,
// users, organizations, discarded drafts). One append-only AuditEvent row per event (a database trigger refuses
// UPDATE and DELETE), written through the one function below in the transaction of the change it records.
// The payload of each type is a zod schema in one discriminated union, like the claim history
// (lib/claims/events.ts): a wrong payload fails here, before anything is written. The database signs each row into
// the audit log's tamper-evident chain (INSERT trigger; docs/architecture.md "Tamper-evident history").
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import { actorRole, type Actor } from "../claims/lifecycle";

const id = z.string().min(1);
/** Any JSON value (a setting's stored value). */
export type AuditJson = z.infer<ReturnType<typeof z.json>>;

const event = <const T extends string, const D extends z.ZodRawShape>(type: T, data: D) =>
  z.object({ type: z.literal(type), data: z.object(data) });

const apiKeyData = {
  apiKeyId: id,
  /** Whose key it is (the actor may be their partner admin or an operator). */
  ownerId: id,
  name: z.string(),
  prefix: z.string(),
};

const userRef = { userId: id, email: z.string() };
const change = <T extends z.ZodType>(value: T) => z.object({ from: value, to: value }).optional();

export const auditEventSchema = z.discriminatedUnion("type", [
  // `from`/`to`: the stored value of the setting before and after the change (null: never set).
  event("SETTINGS_CHANGED", { key: z.string().min(1), from: z.json(), to: z.json() }),
  event("API_KEY_CREATED", apiKeyData),
  event("API_KEY_REVOKED", apiKeyData),
  // Administration (lib/admin): the user or organization concerned, and what changed from what to what.
  event("USER_CREATED", { ...userRef, name: z.string(), role: z.string(), organizationId: z.string().nullable() }),
  event("USER_CHANGED", {
    ...userRef,
    changes: z.object({ role: change(z.string()), name: change(z.string()), active: change(z.boolean()) }),
  }),
  event("USER_DEACTIVATED", userRef),
  // A new user's first password (SET link) or a forgotten one replaced (RESET link); the actor is the user.
  event("PASSWORD_SET", userRef),
  event("PASSWORD_RESET", userRef),
  event("ORGANIZATION_CHANGED", {
    name: z.string(),
    created: z.boolean(),
    renamed: change(z.string()),
    addedMpnIds: z.array(z.string()),
    retiredMpnIds: z.array(z.string()),
  }),
  // Sign-ins: `method` is the provider (credentials, azure-ad). A failure names the email tried and, when an
  // account uses it, that account's id; the actor is unknown (nobody was authenticated).
  event("SIGN_IN_SUCCEEDED", { ...userRef, method: z.string() }),
  event("SIGN_IN_FAILED", {
    email: z.string(),
    userId: id.optional(),
    reason: z.enum([
      "INVALID_INPUT",
      "UNKNOWN_EMAIL",
      "INACTIVE_USER",
      "WRONG_PASSWORD",
      // Entra ID refusals (lib/auth/entra-link.ts); those events also carry the token's tenant and object id.
      "ENTRA_CLAIMS_MISSING",
      "ENTRA_TENANT_NOT_ALLOWED",
      "ENTRA_LINKED_ELSEWHERE",
    ]),
    method: z.string().optional(),
    entraTenantId: z.string().optional(),
    entraObjectId: z.string().optional(),
  }),
  // A draft deleted with its history (docs/domain.md "Partner tools"): this row is all that remains of it.
  event("CLAIM_DISCARDED", { claimId: id, number: z.string().min(1), organizationId: id }),
]);

export type AuditEventInput = z.infer<typeof auditEventSchema>;
export type AuditEventType = AuditEventInput["type"];
export const AUDIT_EVENT_TYPES = auditEventSchema.options.map((option) => option.shape.type.value) as AuditEventType[];

export type AuditRecord = AuditEventInput & {
  /** null: nobody is known (a failed sign-in). */
  actor: Actor | null;
  /** The organization the event concerns (a partner user's, an organization changed by an admin). */
  organizationId?: string | null;
  claimId?: string | null;
  /** When it happened; the clock by default (tests and back-dated work pass it). */
  at?: Date;
};

/** Appends one audit event; call it with the transaction client of the change it records. */
export async function recordAuditEvent(tx: Prisma.TransactionClient, record: AuditRecord): Promise<void> {
  const { type, data } = auditEventSchema.parse({ type: record.type, data: record.data });
  const { actor } = record;
  await tx.auditEvent.create({
    data: {
      type,
      data: data as Prisma.InputJsonValue,
      actorId: actor?.kind === "user" ? actor.userId : null,
      actorRole: actor ? actorRole(actor) : null,
      organizationId: record.organizationId ?? (actor?.kind === "user" ? actor.organizationId : null),
      claimId: record.claimId ?? null,
      ...(record.at ? { at: record.at } : {}),
    },
  });
}
