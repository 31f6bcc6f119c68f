// The endpoints of docs/api.md as data: what each route takes and answers, pointing at the zod schemas the
// route handlers themselves use. lib/openapi/document.ts turns this into the OpenAPI document; nothing of the
// document is written by hand beyond these words. The claim operations are here (over ~300 lines because it is
// one entry per endpoint, as data); administration, webhooks and notifications have a file each, by tag.
import { AUTH_ERRORS, CLAIM_ID, type OperationSpec } from "./operation-spec";
import { administrationOperations } from "./operations-administration";
import { notificationOperations } from "./operations-notifications";
import { webhookOperations } from "./operations-webhooks";
import {
  commentListResponseSchema,
  conflictListResponseSchema,
  consentDenyResultSchema,
  disputeListQuerySchema,
  threadQuerySchema,
  disputeListResponseSchema,
  historyResponseSchema,
  meResourceSchema,
} from "../api/schemas";
import {
  actionBodySchema,
  claimDraftSchema,
  claimListQuerySchema,
  claimListResponseSchema,
  claimPatchSchema,
  claimResourceSchema,
  commentBodySchema,
  commentResourceSchema,
  consentDenyBodySchema,
  disputeBodySchema,
  disputeResourceSchema,
  importCreatedResponseSchema,
  importQuerySchema,
  noteBodySchema,
  noteListResponseSchema,
  noteResourceSchema,
  poeItemSchema,
  resolveDisputeBodySchema,
  type ApiClaimAction,
  type ProblemCode,
} from "../claims/schemas";

export { AUTH_ERRORS, TAGS, type HeaderSpec, type Method, type OperationSpec } from "./operation-spec";

/** Who may take each action and what it does (docs/api.md "Actions"). */
const ACTIONS: Record<ApiClaimAction, { who: string; summary: string; effect: string; errors: ProblemCode[] }> = {
  submit: {
    who: "partner",
    summary: "Submit a claim for review",
    effect:
      "`EDITING` → `SUBMITTED`. 422 `VALIDATION` lists what is missing in `errors` (products, contacts, PoE). " +
      "Run `GET /claims/{id}/conflicts` first to see competing claims (a warning, never a block).",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  "start-review": {
    who: "reviewer",
    summary: "Start the review (assigns the caller)",
    effect: "`SUBMITTED` → `UNDER_REVIEW`, assigned to the caller.",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  "request-info": {
    who: "reviewer",
    summary: "Ask the partner for more information",
    effect:
      "`UNDER_REVIEW` → `PARTNER_ACTION_REQUIRED` with at least one reason code and a comment to the partner; the " +
      "review clock pauses. `reasonCodes` are shown on the claim.",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  resubmit: {
    who: "partner",
    summary: "Resubmit after an information request",
    effect:
      "`PARTNER_ACTION_REQUIRED` → `UNDER_REVIEW`. 422 unless a field, a PoE or a partner comment was added since " +
      "the request (a `comment` sent here counts).",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  approve: {
    who: "reviewer",
    summary: "Approve a claim",
    effect:
      "`UNDER_REVIEW` → `APPROVED`: `consentEndsAt` is set and the customer is sent a single-use link to deny the " +
      "association within the consent window.",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  reject: {
    who: "reviewer",
    summary: "Reject a claim",
    effect:
      "`UNDER_REVIEW` → `REJECTED` with `rejectionReason` = `reason`. `PARTNER_REQUEST`, `CUSTOMER_DECLINE` and " +
      "`NO_PARTNER_RESPONSE` are recorded by the system and refused here (422).",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  withdraw: {
    who: "partner",
    summary: "Withdraw a claim",
    effect:
      "Any status but `REJECTED` → `REJECTED` with `rejectionReason` = `PARTNER_REQUEST` and `rejectionComment` = " +
      "the comment (why: wrong MPN ID, wrong activity, no longer working with the customer).",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  "take-over": {
    who: "reviewer",
    summary: "Take a claim over (assigns the caller)",
    effect:
      "`SUBMITTED` stays `SUBMITTED` (assigned only), `UNDER_REVIEW` stays `UNDER_REVIEW`; `assignedReviewer` becomes " +
      "the caller and the history records it. By the current holder nothing changes (200, same `version`). Only the " +
      "holder may `request-info`, `approve` or `reject` (403 `FORBIDDEN` for other reviewers).",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
  "resend-consent": {
    who: "reviewer",
    summary: "Correct the customer's email and send a new consent link",
    effect:
      "Only while the consent window is open (else 409 `INVALID_TRANSITION`): the customer contact's email becomes " +
      "`email`, a new link is sent there, the old link answers 410, `consentEndsAt` does not move. History records " +
      "the old and the new address.",
    errors: ["FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT", "INVALID_TRANSITION"],
  },
};

const actionOperations: OperationSpec[] = (Object.keys(ACTIONS) as ApiClaimAction[]).map((action) => {
  const spec = ACTIONS[action];
  return {
    method: "post",
    path: `/claims/{id}/actions/${action}`,
    operationId: `claimAction${action.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`,
    tag: "Actions",
    summary: spec.summary,
    description:
      `Who: ${spec.who}. ${spec.effect}\n\nThe body may carry \`version\` (the claim's ETag value): a stale one is ` +
      "409 `CONFLICT`. A `comment` given to an action is also posted to the claim's comments.",
    auth: true,
    pathParams: [CLAIM_ID],
    body: { kind: "json", schema: actionBodySchema[action], required: false },
    success: { status: 200, description: "The claim after the action.", content: { kind: "json", schema: claimResourceSchema }, headers: ["ETag"] },
    errors: [...AUTH_ERRORS, ...spec.errors],
  };
});

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
  {
    method: "get",
    path: "/claims/export.csv",
    operationId: "exportClaimsCsv",
    tag: "Claims",
    summary: "Export claims as CSV",
    description: "Every claim matching the same filters as `GET /claims`, in its `sort` order, streamed as CSV (no paging). " +
      "One export at a time per user: a second while one streams is 429 `RATE_LIMITED` with `Retry-After`.",
    auth: true,
    // The route reads the list query but not its paging, so its document does not offer it.
    query: claimListQuerySchema.omit({ page: true, pageSize: true, cursor: true }),
    success: { status: 200, description: "RFC 4180 CSV with a header row.", content: { kind: "csv" }, headers: ["Content-Disposition"] },
    errors: [...AUTH_ERRORS, "VALIDATION"],
  },
  {
    method: "post",
    path: "/claims/import",
    operationId: "importClaims",
    tag: "Claims",
    summary: "Import claims from CSV (dry run or all or nothing)",
    description:
      "Partners only. The body is a UTF-8 CSV with a header row of the claim's field paths (see " +
      "`GET /claims/import/template.csv`), at most 5,000 rows; `products` is `;`-separated (`TEAMS;EXCHANGE` or " +
      "`Dynamics 365 Sales=<subscription GUID>`). Every row is validated like `POST /claims`. `dryRun=true`: 200 " +
      "with every row's errors, nothing written. Otherwise every row becomes an `EDITING` draft in one transaction " +
      "(201), or none: 422 `VALIDATION` with `errors[].path` = `rows.<line>.<field>` (the header is line 1).",
    auth: true,
    query: importQuerySchema,
    body: { kind: "csv", description: "The CSV file (Content-Type: text/csv)." },
    success: { status: 201, description: "The created drafts (with dryRun=true: 200 and the dry run's rows).", content: { kind: "json", schema: importCreatedResponseSchema } },
    errors: [...AUTH_ERRORS, "FORBIDDEN", "VALIDATION", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"],
  },
  {
    method: "get",
    path: "/claims/import/template.csv",
    operationId: "importTemplateCsv",
    tag: "Claims",
    summary: "Download the CSV import template",
    description: "Partners only. The header row and one example row of the import format.",
    auth: true,
    success: { status: 200, description: "The template.", content: { kind: "csv" }, headers: ["Content-Disposition"] },
    errors: [...AUTH_ERRORS, "FORBIDDEN"],
  },
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
  {
    method: "post",
    path: "/claims/{id}/poe",
    operationId: "uploadPoe",
    tag: "Proof of execution",
    summary: "Upload a proof-of-execution file",
    description:
      "Partners only, while the claim is `EDITING`, `SUBMITTED` or `PARTNER_ACTION_REQUIRED`, or `REJECTED` with an " +
      "open dispute. The body is the raw file (not multipart); it is streamed to storage. The type is checked from " +
      "the content and must agree with the name's extension: doc, docx, csv, xls, xlsx, ppt, pptx, pdf, msg, rtf, " +
      "htm, html, png, jpg, jpeg, gif, bmp, tif, tiff, xps. The size limit is a setting (default 25 MB). A claim holds " +
      "at most 50 files and 250 MB (422 `VALIDATION`, `LIMIT_REACHED` on `file`); an organization's upload rate and " +
      "daily bytes are limited (429 `RATE_LIMITED` with `Retry-After`). The name loses folders, Unicode direction " +
      "controls and control characters and is normalized to NFC.",
    auth: true,
    pathParams: [CLAIM_ID],
    headers: [
      {
        name: "X-File-Name",
        required: true,
        description: "The file's name, URL-encoded (e.g. `statement%20of%20work.pdf`).",
        schema: { type: "string" },
      },
    ],
    body: { kind: "binary", description: "The file's bytes." },
    success: {
      status: 201,
      description: "The stored file (its SHA-256 as computed by the server).",
      content: { kind: "json", schema: poeItemSchema },
      headers: ["Location"],
    },
    errors: [
      ...AUTH_ERRORS,
      "NOT_FOUND",
      "FORBIDDEN",
      "VALIDATION",
      "INVALID_TRANSITION",
      "PAYLOAD_TOO_LARGE",
      "UNSUPPORTED_MEDIA_TYPE",
    ],
  },
  {
    method: "get",
    path: "/claims/{id}/poe/{poeId}",
    operationId: "downloadPoe",
    tag: "Proof of execution",
    summary: "Download a proof-of-execution file",
    description:
      "Authorized like the claim. Always served as an attachment, with `X-Content-Type-Options: nosniff`, and with " +
      "the content type stored at upload (the PoE item's `contentType`). The `ETag` is the file's SHA-256.",
    auth: true,
    pathParams: [CLAIM_ID, { name: "poeId", description: "The PoE item's `id`." }],
    headers: [
      {
        name: "If-None-Match",
        required: false,
        description: "The ETag of a copy you hold: 304 without a body when the file is unchanged.",
        schema: { type: "string" },
      },
    ],
    success: {
      status: 200,
      description: "The file's bytes.",
      content: { kind: "stored-file" },
      headers: ["Content-Disposition", "PoE-ETag"],
      notModified: "The file is the one named by If-None-Match; no body.",
    },
    errors: [...AUTH_ERRORS, "NOT_FOUND"],
  },
  ...actionOperations,
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
