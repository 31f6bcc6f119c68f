// Response shapes of the API: the claim resource and what hangs off it, and the problem+json error body.
import { z } from "zod";
import {
  ACTIVITIES,
  CLAIM_FIELDS,
  CLAIM_STATUSES,
  DISPUTE_STATUSES,
  INFO_REQUEST_REASONS,
  PROGRAMS,
  REJECTION_REASONS,
  SOLUTION_AREAS,
  WITHDRAW_REASONS,
  type ClaimStatus,
} from "../catalogue";
import { CLAIM_ERROR_CODES, FIELD_ERROR_CODES } from "../errors";
import { ACTOR_ROLES, CLAIM_EVENT_TYPES } from "../events";
import { isoInstant } from "./building-blocks";
import { contactSchema, customerSchema, productSchema, productsSchema } from "./claim-fields";
import { CLAIM_LIST_MAX_PAGE_SIZE } from "./limits";

// ---------------------------------------------------------------------------------------------------------
// Responses (api-v1 "Claim resource" and the endpoint table). Optional keys ("?" in api-v1) are omitted when
// absent, never null; keys api-v1 shows as `null | …` are always present.

export const claimNumberSchema = z
  .string()
  .regex(/^CPOR-\d{6,}$/)
  .meta({ id: "ClaimNumber", description: "Human claim number: CPOR- and at least six digits.", examples: ["CPOR-000123"] });

export const poeItemSchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    size: z.int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    contentType: z.string(),
    uploadedAt: isoInstant,
  })
  .meta({ id: "PoeItem", description: "A proof-of-execution file of a claim." });

export const disputeResourceSchema = z
  .object({
    id: z.string(),
    status: z.enum(DISPUTE_STATUSES),
    details: z.string(),
    products: productsSchema.optional(),
    createdAt: isoInstant,
    resolvedAt: isoInstant.optional(),
    comment: z.string().optional(),
  })
  .meta({ id: "Dispute", description: "The dispute of a rejected claim (at most one per claim)." });

export const disputeListItemSchema = disputeResourceSchema
  .extend({ claimId: z.string(), claimNumber: claimNumberSchema })
  .meta({ id: "DisputeListItem", description: "A dispute in GET /disputes, with its claim." });

export const claimResourceSchema = z
  .object({
    id: z.string(),
    number: claimNumberSchema,
    status: z.enum(CLAIM_STATUSES),
    version: z.int().min(0),
    organizationId: z.string(),
    mpnId: z.string(),
    program: z.enum(PROGRAMS),
    activity: z.enum(ACTIVITIES),
    solutionArea: z.enum(SOLUTION_AREAS),
    customer: customerSchema,
    products: z.array(productSchema),
    // null while a draft has no contact yet (drafts may be saved incomplete).
    customerContact: contactSchema.nullable(),
    partnerContact: contactSchema.nullable(),
    commentary: z.string().nullable(),
    poe: z.array(poeItemSchema),
    reasonCodes: z.array(z.enum(INFO_REQUEST_REASONS)),
    rejectionReason: z.enum(REJECTION_REASONS).nullable(),
    rejectionComment: z.string().nullable(),
    withdrawReason: z.enum(WITHDRAW_REASONS).nullable(),
    dispute: disputeResourceSchema.nullable(),
    dueAt: isoInstant.nullable(),
    overdue: z.boolean(),
    consentEndsAt: isoInstant.nullable(),
    sentForIncentiveAssessmentAt: isoInstant.nullable(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
    submittedAt: isoInstant.optional(),
    decidedAt: isoInstant.optional(),
    // The reviewer who holds the claim (start-review, take-over): only they may request info, approve or reject.
    assignedReviewer: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: "Claim", description: "A customer association claim." });

export type ClaimResource = z.infer<typeof claimResourceSchema>;

export const claimListResponseSchema = z
  .object({
    items: z.array(claimResourceSchema),
    total: z.int().min(0),
    page: z.int().min(1),
    pageSize: z.int().min(1).max(CLAIM_LIST_MAX_PAGE_SIZE),
    // An object with every status as its own property (not a record), so generated clients know the keys.
    counts: z.object(
      Object.fromEntries(CLAIM_STATUSES.map((status) => [status, z.int().min(0)])) as Record<ClaimStatus, z.ZodInt>,
    ),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as `cursor` (with the same filters and sort) for the next page; null on the last page." }),
  })
  .meta({ id: "ClaimList", description: "A page of claims, with per-status counts over everything visible." });

export const actorSchema = z
  .object({
    // null for the customer (consent link) and the system (sweep), who are not users.
    id: z.string().nullable(),
    name: z.string(),
    role: z.enum(ACTOR_ROLES),
  })
  .meta({ id: "Actor", description: "Who did something: a user, the customer or the system." });

export const commentResourceSchema = z
  .object({
    id: z.string(),
    body: z.string(),
    author: actorSchema,
    createdAt: isoInstant,
  })
  .meta({ id: "Comment", description: "A plain-text comment in a claim's thread." });

export const noteResourceSchema = z
  .object({
    id: z.string(),
    body: z.string(),
    author: z.object({ id: z.string(), name: z.string() }),
    createdAt: isoInstant,
  })
  .meta({ id: "Note", description: "A reviewer's internal note on a claim; never shown to partners." });

export const noteListResponseSchema = z
  .object({ items: z.array(noteResourceSchema) })
  .meta({ id: "NoteList", description: "A claim's internal notes, oldest first." });

export const fieldChangeSchema = z
  .object({ field: z.enum(CLAIM_FIELDS), from: z.unknown(), to: z.unknown() })
  .meta({ id: "FieldChange", description: "One replaced top-level field: its old and new value." });

export const historyItemSchema = z
  .object({
    id: z.string(),
    at: isoInstant,
    actor: actorSchema,
    type: z.enum(CLAIM_EVENT_TYPES),
    fromStatus: z.enum(CLAIM_STATUSES).optional(),
    toStatus: z.enum(CLAIM_STATUSES).optional(),
    changes: z.array(fieldChangeSchema).optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: "HistoryItem", description: "One event of a claim's history." });

export const conflictItemSchema = z
  .object({
    key: z.string(),
    // Only for the caller's own organization: another partner's claim is reported without any detail.
    claimNumber: claimNumberSchema.optional(),
    sameOrganization: z.boolean(),
    status: z.enum(CLAIM_STATUSES),
  })
  .meta({ id: "ConflictItem", description: "Another active claim holding one of this claim's keys." });

export const PROBLEM_CODES = [
  ...CLAIM_ERROR_CODES,
  "UNAUTHENTICATED",
  "PRECONDITION_REQUIRED",
  "RATE_LIMITED",
  // api-v1: the database cannot be reached (503, Retry-After).
  "UNAVAILABLE",
  // This server's two additions to api-v1's codes, for answers the contract names no code for: a method the
  // path does not accept (405, with Allow) and an unexpected failure (500, nothing of the cause is shown).
  "METHOD_NOT_ALLOWED",
  "INTERNAL",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const fieldErrorSchema = z
  .object({ path: z.string(), message: z.string(), code: z.enum(FIELD_ERROR_CODES).optional() })
  .meta({
    id: "FieldError",
    description:
      "One problem with one input field; path is dotted, e.g. customer.tenantId. code says what is wrong (REQUIRED, NOT_EDITABLE, LIMIT_REACHED, INVALID) without parsing the message.",
  });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int().min(400).max(599),
    code: z.enum(PROBLEM_CODES).meta({
      description:
        "Stable error code. METHOD_NOT_ALLOWED (405) and INTERNAL (500) are this server's additions to the contract's codes.",
    }),
    detail: z.string(),
    errors: z.array(fieldErrorSchema).optional(),
  })
  .meta({ id: "Problem", description: "An application/problem+json error." });
