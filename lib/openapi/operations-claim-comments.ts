// The "Comments and history" operations of the OpenAPI document (a claim's comments, history, internal notes and
// competing claims), as data; see operations.ts.
import { AUTH_ERRORS, CLAIM_ID, type OperationSpec } from "./operation-spec";
import { commentListResponseSchema, conflictListResponseSchema, historyResponseSchema, threadQuerySchema } from "../api/schemas";
import { commentBodySchema, commentResourceSchema, noteBodySchema, noteListResponseSchema, noteResourceSchema } from "../claims/schemas";

export const claimCommentOperations: OperationSpec[] = [
  {
    method: "get",
    path: "/claims/{id}/comments",
    operationId: "listComments",
    tag: "Comments and history",
    summary: "List a claim's comments",
    description:
      "The thread between the partner and the reviewers, oldest first. Plain text. 200 comments a page by default; " +
      "pass `nextCursor` as `cursor` for the next page.",
    auth: true,
    pathParams: [CLAIM_ID],
    query: threadQuerySchema,
    success: { status: 200, description: "The comments.", content: { kind: "json", schema: commentListResponseSchema } },
    errors: [...AUTH_ERRORS, "NOT_FOUND", "VALIDATION"],
  },
  {
    method: "post",
    path: "/claims/{id}/comments",
    operationId: "addComment",
    tag: "Comments and history",
    summary: "Comment on a claim",
    description:
      "The claim's partner organization and reviewers; admins read only. Closed once the claim is final (409 " +
      "`INVALID_TRANSITION`). Comments do not change the claim's `version`.",
    auth: true,
    pathParams: [CLAIM_ID],
    body: { kind: "json", schema: commentBodySchema, required: true },
    success: { status: 201, description: "The comment.", content: { kind: "json", schema: commentResourceSchema } },
    errors: [...AUTH_ERRORS, "NOT_FOUND", "FORBIDDEN", "VALIDATION", "INVALID_TRANSITION"],
  },
  {
    method: "get",
    path: "/claims/{id}/history",
    operationId: "getClaimHistory",
    tag: "Comments and history",
    summary: "A claim's history",
    description:
      "Every change, oldest first: field edits (with old and new values), status changes, PoE, comments, SLA events. " +
      "200 events a page by default; pass `nextCursor` as `cursor` for the next page.",
    auth: true,
    pathParams: [CLAIM_ID],
    query: threadQuerySchema,
    success: { status: 200, description: "The history.", content: { kind: "json", schema: historyResponseSchema } },
    errors: [...AUTH_ERRORS, "NOT_FOUND", "VALIDATION"],
  },
  {
    method: "get",
    path: "/claims/{id}/notes",
    operationId: "listNotes",
    tag: "Comments and history",
    summary: "List a claim's internal notes",
    description: "Reviewers and admins. Internal notes are never shown to partners (404 for them) and notify nobody.",
    auth: true,
    pathParams: [CLAIM_ID],
    success: { status: 200, description: "The notes, oldest first.", content: { kind: "json", schema: noteListResponseSchema } },
    errors: [...AUTH_ERRORS, "NOT_FOUND"],
  },
  {
    method: "post",
    path: "/claims/{id}/notes",
    operationId: "addNote",
    tag: "Comments and history",
    summary: "Write an internal note",
    description:
      "Reviewers only (admins read: 403 `FORBIDDEN`; partners: 404). Not part of the history, the comments or exports; " +
      "does not change the claim's `version`.",
    auth: true,
    pathParams: [CLAIM_ID],
    body: { kind: "json", schema: noteBodySchema, required: true },
    success: { status: 201, description: "The note.", content: { kind: "json", schema: noteResourceSchema } },
    errors: [...AUTH_ERRORS, "NOT_FOUND", "FORBIDDEN", "VALIDATION"],
  },
  {
    method: "get",
    path: "/claims/{id}/conflicts",
    operationId: "getClaimConflicts",
    tag: "Comments and history",
    summary: "Competing claims",
    description:
      "Other active claims on the same (tenant, program, workload or Dynamics subscription). Another partner's " +
      "claim is reported without its number.",
    auth: true,
    pathParams: [CLAIM_ID],
    success: { status: 200, description: "The competing claims.", content: { kind: "json", schema: conflictListResponseSchema } },
    errors: [...AUTH_ERRORS, "NOT_FOUND"],
  },
];
