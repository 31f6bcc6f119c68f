// The endpoints of docs/api.md as data: what each route takes and answers, pointing at the zod schemas the
// route handlers themselves use. lib/openapi/document.ts turns this into the OpenAPI document; nothing of the
// document is written by hand beyond these words. The claim itself, disputes, consent, the caller and the document
// are here; the claim's sub-resources (actions, files, comments and history) and administration, webhooks and
// notifications have a file each. OPERATIONS keeps the document's order: paths appear in it as listed here.
import { AUTH_ERRORS, CLAIM_ID, type OperationSpec } from "./operation-spec";
import { administrationOperations } from "./operations-administration";
import { claimActionOperations } from "./operations-claim-actions";
import { claimCommentOperations } from "./operations-claim-comments";
import { claimCsvOperations, poeOperations } from "./operations-claim-files";
import { notificationOperations } from "./operations-notifications";
import { webhookOperations } from "./operations-webhooks";
import { consentDenyResultSchema, disputeListQuerySchema, disputeListResponseSchema, meResourceSchema } from "../api/schemas";
import { claimDraftSchema, claimListQuerySchema, claimListResponseSchema, claimPatchSchema, claimResourceSchema, consentDenyBodySchema, disputeBodySchema, disputeResourceSchema, resolveDisputeBodySchema } from "../claims/schemas";

export { AUTH_ERRORS, TAGS, type HeaderSpec, type Method, type OperationSpec } from "./operation-spec";

export const OPERATIONS: OperationSpec[] = [
  {
    method: "get",
    path: "/claims",
    operationId: "listClaims",
    tag: "Claims",
    summary: "List claims",
    description:
      "Partners see their organization's claims, reviewers every claim but partners' `EDITING` drafts, admins all. " +
      "`q`: exact claim number or tenant ID, or a case-insensitive prefix of the customer's name or domain. " +
      "`counts` are per status over everything the caller may see, ignoring the other filters. Paging: `page` × " +
      "`pageSize` may not exceed 10,000 (422 beyond); every page carries `nextCursor` (null on the last one): pass it " +
      "as `cursor`, with the same filters and sort, to read the next page at the cost of the first, at any depth.",
    auth: true,
    query: claimListQuerySchema,
    success: { status: 200, description: "A page of claims.", content: { kind: "json", schema: claimListResponseSchema } },
    errors: [...AUTH_ERRORS, "VALIDATION"],
  },
  {
    method: "post",
    path: "/claims",
    operationId: "createClaim",
    tag: "Claims",
    summary: "Create a claim",
    description:
      "Partners only. The claim starts in `EDITING`; it may be saved incomplete and completed with `PATCH` before it " +
      "is submitted. `mpnId` must be one of the caller's organization's MPN IDs.",
    auth: true,
    body: { kind: "json", schema: claimDraftSchema, required: true },
    success: {
      status: 201,
      description: "The new claim.",
      content: { kind: "json", schema: claimResourceSchema },
      headers: ["ETag", "Location"],
    },
    errors: [...AUTH_ERRORS, "FORBIDDEN", "VALIDATION"],
  },
  ...claimCsvOperations,
  {
    method: "get",
    path: "/claims/{id}",
    operationId: "getClaim",
    tag: "Claims",
    summary: "Get a claim",
    description: "The `ETag` header is the claim's `version`, quoted: send it back as `If-Match` to `PATCH`.",
    auth: true,
    pathParams: [CLAIM_ID],
    success: { status: 200, description: "The claim.", content: { kind: "json", schema: claimResourceSchema }, headers: ["ETag"] },
    errors: [...AUTH_ERRORS, "NOT_FOUND"],
  },
  {
    method: "patch",
    path: "/claims/{id}",
    operationId: "updateClaim",
    tag: "Claims",
    summary: "Edit a claim",
    description:
      "Partners only. Replaces whole top-level fields (a contact object, the products list); unknown fields are " +
      "ignored. All or nothing: a field not editable in the current status refuses the whole edit (422). " +
      "`EDITING`: every field; `SUBMITTED` and `PARTNER_ACTION_REQUIRED`: MPN ID, products, contacts, commentary.",
    auth: true,
    pathParams: [CLAIM_ID],
    headers: [
      {
        name: "If-Match",
        required: true,
        description: 'The version you edited, from the claim\'s ETag: `"3"` or `3`. Missing: 428; stale: 409 `CONFLICT`.',
        schema: { type: "string", examples: ['"3"'] },
      },
    ],
    body: { kind: "json", schema: claimPatchSchema, required: true },
    success: { status: 200, description: "The claim, `version` + 1.", content: { kind: "json", schema: claimResourceSchema }, headers: ["ETag"] },
    errors: [...AUTH_ERRORS, "NOT_FOUND", "FORBIDDEN", "VALIDATION", "CONFLICT", "PRECONDITION_REQUIRED"],
  },
  {
    method: "delete",
    path: "/claims/{id}",
    operationId: "discardClaim",
    tag: "Claims",
    summary: "Discard a draft",
    description:
      "Partners only, and only in `EDITING` (else 409 `INVALID_TRANSITION`: withdraw a submitted claim instead). The " +
      "draft, its PoE files and its history are deleted; `GET` answers 404 afterwards. An audit event " +
      "`CLAIM_DISCARDED` remains.",
    auth: true,
    pathParams: [CLAIM_ID],
    headers: [
      {
        name: "If-Match",
        required: false,
        description: 'Optional: the version you saw, from the claim\'s ETag (`"3"` or `3`); stale: 409 `CONFLICT`.',
        schema: { type: "string", examples: ['"3"'] },
      },
    ],
    success: { status: 204, description: "The draft is gone.", content: { kind: "none" } },
    errors: [...AUTH_ERRORS, "NOT_FOUND", "FORBIDDEN", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  {
    method: "post",
    path: "/claims/{id}/duplicate",
    operationId: "duplicateClaim",
    tag: "Claims",
    summary: "Duplicate a claim into a new draft",
    description:
      "Partners only; any claim of the organization, in any status. The new `EDITING` claim copies MPN ID, program, " +
      "activity, solution area, customer, both contacts and products; not the commentary, PoE files, comments or " +
      "history. A retired MPN ID is refused (422).",
    auth: true,
    pathParams: [CLAIM_ID],
    success: {
      status: 201,
      description: "The new draft.",
      content: { kind: "json", schema: claimResourceSchema },
      headers: ["ETag", "Location"],
    },
    errors: [...AUTH_ERRORS, "NOT_FOUND", "FORBIDDEN", "VALIDATION"],
  },
  ...poeOperations,
  ...claimActionOperations,
  ...claimCommentOperations,
  {
    method: "post",
    path: "/claims/{id}/disputes",
    operationId: "openDispute",
    tag: "Disputes",
    summary: "Dispute a rejection",
    description:
      "Partners only, once per claim, within 30 calendar days of the rejection (409 `INVALID_TRANSITION` otherwise, " +
      "and for a claim the partner withdrew). While the dispute is open the partner may upload new PoE.",
    auth: true,
    pathParams: [CLAIM_ID],
    body: { kind: "json", schema: disputeBodySchema, required: true },
    success: { status: 201, description: "The dispute.", content: { kind: "json", schema: disputeResourceSchema } },
    errors: [...AUTH_ERRORS, "NOT_FOUND", "FORBIDDEN", "VALIDATION", "INVALID_TRANSITION"],
  },
  {
    method: "get",
    path: "/disputes",
    operationId: "listDisputes",
    tag: "Disputes",
    summary: "List disputes",
    description:
      "Reviewers and admins. `status=OPEN` is the reviewers' dispute queue. 200 disputes a page by default; pass " +
      "`nextCursor` as `cursor` (with the same `status`) for the next page.",
    auth: true,
    query: disputeListQuerySchema,
    success: { status: 200, description: "The disputes, oldest first.", content: { kind: "json", schema: disputeListResponseSchema } },
    errors: [...AUTH_ERRORS, "FORBIDDEN", "VALIDATION"],
  },
  {
    method: "post",
    path: "/disputes/{id}/resolve",
    operationId: "resolveDispute",
    tag: "Disputes",
    summary: "Resolve a dispute",
    description:
      "Reviewers only. `UPHOLD`: the rejection stands. `OVERTURN`: the claim goes back to `UNDER_REVIEW`. 409 " +
      "`INVALID_TRANSITION` if the dispute was already resolved.",
    auth: true,
    pathParams: [{ name: "id", description: "The dispute's `id`." }],
    body: { kind: "json", schema: resolveDisputeBodySchema, required: true },
    success: { status: 200, description: "The resolved dispute.", content: { kind: "json", schema: disputeResourceSchema } },
    errors: [...AUTH_ERRORS, "NOT_FOUND", "FORBIDDEN", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  {
    method: "post",
    path: "/consent/{token}/deny",
    operationId: "denyConsent",
    tag: "Customer consent",
    summary: "Deny a partner association (customer)",
    description:
      "No API key: the single-use token from the customer's notice is the credential. Allowed while the consent " +
      "window is open; the claim becomes `REJECTED` (`CUSTOMER_DECLINE`).",
    auth: false,
    pathParams: [{ name: "token", description: "The token from the link in the customer's notice." }],
    body: { kind: "json", schema: consentDenyBodySchema, required: false },
    success: { status: 200, description: "The denial was recorded.", content: { kind: "json", schema: consentDenyResultSchema } },
    errors: ["NOT_FOUND", "GONE", "VALIDATION"],
  },
  {
    method: "get",
    path: "/me",
    operationId: "getMe",
    tag: "Account",
    summary: "Who this key acts as",
    description:
      "Any key. The user, their role and language, and for a partner the organization with its MPN IDs (a new " +
      "claim names one of the active ones); `organization` is null for reviewers and admins.",
    auth: true,
    success: { status: 200, description: "The key's user.", content: { kind: "json", schema: meResourceSchema } },
    errors: [...AUTH_ERRORS],
  },
  {
    method: "get",
    path: "/openapi.json",
    operationId: "getOpenApiDocument",
    tag: "About this API",
    summary: "This OpenAPI document",
    description: "Generated from the same zod schemas that validate the requests. No API key needed.",
    auth: false,
    success: { status: 200, description: "The OpenAPI 3.1 document.", content: { kind: "openapi" } },
    errors: [],
  },
  ...administrationOperations,
  ...webhookOperations,
  ...notificationOperations,
];
