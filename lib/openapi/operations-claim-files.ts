// The file operations of the OpenAPI document — claims in and out as CSV (export, import, its template) and the
// proof-of-execution files of a claim — as data; see operations.ts.
import { AUTH_ERRORS, CLAIM_ID, type OperationSpec } from "./operation-spec";
import { claimListQuerySchema, importCreatedResponseSchema, importQuerySchema, poeItemSchema } from "../claims/schemas";

/** Claims as CSV: the export, the import and its template (tag "Claims"). */
export const claimCsvOperations: OperationSpec[] = [
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
];

/** A claim's proof-of-execution files (tag "Proof of execution"). */
export const poeOperations: OperationSpec[] = [
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
];
