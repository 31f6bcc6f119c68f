// The claim history: every change writes one append-only ClaimEvent row (type as text, `data` as JSON) in the
// same transaction as the change (domain.md "History and comments"). The payload of each type is a zod schema
// in one discriminated union — the documenso audit-log pattern — so the service cannot write a payload of the
// wrong shape, and the history reader can narrow `data` by `type`.
//
// Payloads are what JSON can hold: instants are ISO-8601 UTC strings (call toISOString() when writing), not
// Date objects, because the row's `data` column stores JSON and reads back strings.
import { z } from "zod";
import {
  CLAIM_FIELDS,
  CLAIM_STATUSES,
  DISPUTE_OUTCOMES,
  INFO_REQUEST_REASONS,
  REJECTION_REASONS,
  USER_ROLES,
  WITHDRAW_REASONS,
} from "./catalogue";
import { CLAIM_ACTIONS, type ActorRole } from "./lifecycle";
import { STAGES_WITH_DEADLINE } from "./sla";

export const CLAIM_EVENT_TYPES = [
  "CLAIM_CREATED",
  "FIELDS_UPDATED",
  "POE_UPLOADED",
  "STATUS_CHANGED",
  "REVIEWER_ASSIGNED",
  "COMMENT_ADDED",
  "SLA_OVERDUE",
  "REMINDER_QUEUED",
  "CONSENT_REQUESTED",
  "CONSENT_DENIED",
  "CONSENT_RESENT",
  "SENT_FOR_INCENTIVE_ASSESSMENT",
  "DISPUTE_OPENED",
  "DISPUTE_RESOLVED",
  "CLAIM_TAKEN_OVER",
] as const;
export type ClaimEventType = (typeof CLAIM_EVENT_TYPES)[number];

/** Who an event row names as its actor: a user's role, the customer (consent link) or the system (sweep). */
export const ACTOR_ROLES = [...USER_ROLES, "CUSTOMER", "SYSTEM"] as const satisfies readonly ActorRole[];
// Fails to compile if lifecycle's ActorRole gains a member this list lacks.
const actorRolesAreComplete: Exclude<ActorRole, (typeof ACTOR_ROLES)[number]> extends never ? true : false = true;
void actorRolesAreComplete;

const id = z.string().min(1);
const instant = z.iso.datetime();
// Free text was validated (trimmed, bounded) by the request schema before it got here; the history keeps it
// exactly as accepted, so there is no second, possibly different, limit here.
const text = z.string();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "Expected a lower-case hex SHA-256 digest.");

const event = <const T extends ClaimEventType, const D extends z.ZodRawShape>(type: T, data: D) =>
  z.object({ type: z.literal(type), data: z.object(data) });

export const claimEventSchema = z
  .discriminatedUnion("type", [
    event("CLAIM_CREATED", {
      number: id,
      // The values the claim was created with, so the history shows them as the first "to" of each field.
      values: z.partialRecord(z.enum(CLAIM_FIELDS), z.json()).optional(),
    }),
    event("FIELDS_UPDATED", {
      // An edit replaces whole top-level fields (domain.md), so from/to are whole field values; null = unset.
      changes: z.array(z.object({ field: z.enum(CLAIM_FIELDS), from: z.json(), to: z.json() })).min(1),
    }),
    event("POE_UPLOADED", {
      poeId: id,
      fileName: z.string().min(1),
      size: z.int().min(0),
      sha256,
      contentType: z.string().optional(),
    }),
    event("STATUS_CHANGED", {
      // lifecycle's vocabulary, so a history row names the same action the transition table does.
      action: z.enum(CLAIM_ACTIONS),
      fromStatus: z.enum(CLAIM_STATUSES),
      toStatus: z.enum(CLAIM_STATUSES),
      reasonCodes: z.array(z.enum(INFO_REQUEST_REASONS)).optional(),
      rejectionReason: z.enum(REJECTION_REASONS).optional(),
      withdrawReason: z.enum(WITHDRAW_REASONS).optional(),
      comment: text.optional(),
    }),
    event("REVIEWER_ASSIGNED", { reviewerId: id, reviewerName: z.string().optional() }),
    event("COMMENT_ADDED", { commentId: id, body: text }),
    event("SLA_OVERDUE", { stage: z.enum(STAGES_WITH_DEADLINE), dueAt: instant }),
    event("REMINDER_QUEUED", { stage: z.enum(STAGES_WITH_DEADLINE), dueAt: instant }),
    event("CONSENT_REQUESTED", { consentEndsAt: instant }),
    event("CONSENT_DENIED", { reason: text.optional() }),
    // A reviewer corrected the customer's address: a new link went there, the old one is void.
    event("CONSENT_RESENT", { fromEmail: z.string(), toEmail: z.string() }),
    event("SENT_FOR_INCENTIVE_ASSESSMENT", { at: instant }),
    event("DISPUTE_OPENED", { disputeId: id, details: text }),
    event("DISPUTE_RESOLVED", { disputeId: id, outcome: z.enum(DISPUTE_OUTCOMES), comment: text }),
    // From whom to whom (names as they were then); `from` is null when nobody held the claim.
    event("CLAIM_TAKEN_OVER", {
      from: z.object({ id, name: z.string() }).nullable(),
      to: z.object({ id, name: z.string() }),
    }),
  ])
  .meta({ id: "ClaimEvent", description: "One history event: `type` names it, `data` is its payload." });

export type ClaimEventInput = z.infer<typeof claimEventSchema>;

// Fails to compile if CLAIM_EVENT_TYPES and the union's members ever disagree in either direction.
const eventTypesMatchUnion: [ClaimEventType, ClaimEventInput["type"]] extends [ClaimEventInput["type"], ClaimEventType]
  ? true
  : false = true;
void eventTypesMatchUnion;

/**
 * Reads a stored row back into the typed union. Returns null rather than throwing for a row this code cannot
 * read (a type or payload from an older or newer deployment): history is append-only and outlives schema
 * changes, and one unreadable row must not hide the rest of a claim's history.
 */
export function parseClaimEvent(row: { type: string; data: unknown }): ClaimEventInput | null {
  const result = claimEventSchema.safeParse({ type: row.type, data: row.data ?? {} });
  return result.success ? result.data : null;
}
