// The "Administration" operations of the OpenAPI document (users, organizations, audit log, metrics), as data; see operations.ts.
import { auditPageSchema, auditQuerySchema } from "../admin/audit-schemas";
import { organizationCreateSchema, organizationListResponseSchema, organizationPatchSchema, organizationResourceSchema } from "../admin/organization-schemas";
import { userCreateSchema, userListQuerySchema, userListResponseSchema, userPatchSchema, userResourceSchema } from "../admin/user-schemas";
import { metricsQuerySchema, metricsResponseSchema } from "../metrics/metrics-query";
import { AUTH_ERRORS, type OperationSpec } from "./operation-spec";

export const administrationOperations: OperationSpec[] = [
  {
    method: "get",
    path: "/users",
    operationId: "listUsers",
    tag: "Administration",
    summary: "List users",
    description: "Admins only. `q`: a case-insensitive part of the email or name; `active`: `true` or `false`.",
    auth: true,
    query: userListQuerySchema,
    success: { status: 200, description: "The users, by email.", content: { kind: "json", schema: userListResponseSchema } },
    errors: [...AUTH_ERRORS, "FORBIDDEN", "VALIDATION"],
  },
  {
    method: "post",
    path: "/users",
    operationId: "createUser",
    tag: "Administration",
    summary: "Create a user",
    description:
      "Admins only. Partner roles need `organizationId` (fixed for good); reviewers and admins have none. The user " +
      "receives a single-use link (72 h) to set a password. 409 `CONFLICT` when the email is taken.",
    auth: true,
    body: { kind: "json", schema: userCreateSchema, required: true },
    success: { status: 201, description: "The new user.", content: { kind: "json", schema: userResourceSchema }, headers: ["Location"] },
    errors: [...AUTH_ERRORS, "FORBIDDEN", "VALIDATION", "CONFLICT"],
  },
  {
    method: "patch",
    path: "/users/{id}",
    operationId: "updateUser",
    tag: "Administration",
    summary: "Rename, change the role of, deactivate or reactivate a user",
    description:
      "Admins only. A role changes within the partner roles or within the staff roles (else 422). Deactivating or " +
      "demoting the last active admin is 409 `CONFLICT`. A role change or deactivation ends every session of the " +
      "user at its next request; a deactivated user's API keys stop at once.",
    auth: true,
    pathParams: [{ name: "id", description: "The user's `id`." }],
    body: { kind: "json", schema: userPatchSchema, required: true },
    success: { status: 200, description: "The user.", content: { kind: "json", schema: userResourceSchema } },
    errors: [...AUTH_ERRORS, "FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT"],
  },
  {
    method: "get",
    path: "/organizations",
    operationId: "listOrganizations",
    tag: "Administration",
    summary: "List organizations",
    description: "Admins only. Every partner organization with its MPN IDs (`active: false`: retired).",
    auth: true,
    success: { status: 200, description: "The organizations, by name.", content: { kind: "json", schema: organizationListResponseSchema } },
    errors: [...AUTH_ERRORS, "FORBIDDEN"],
  },
  {
    method: "post",
    path: "/organizations",
    operationId: "createOrganization",
    tag: "Administration",
    summary: "Create an organization",
    description: "Admins only. 409 `CONFLICT` when an MPN ID already belongs to another organization.",
    auth: true,
    body: { kind: "json", schema: organizationCreateSchema, required: true },
    success: {
      status: 201,
      description: "The new organization.",
      content: { kind: "json", schema: organizationResourceSchema },
      headers: ["Location"],
    },
    errors: [...AUTH_ERRORS, "FORBIDDEN", "VALIDATION", "CONFLICT"],
  },
  {
    method: "patch",
    path: "/organizations/{id}",
    operationId: "updateOrganization",
    tag: "Administration",
    summary: "Rename an organization, add or retire MPN IDs",
    description:
      "Admins only. A retired MPN ID stays on the claims that name it but is refused (422) on a new claim or an " +
      "edit; adding it again makes it active. 409 `CONFLICT` when an added MPN ID belongs to another organization; " +
      "422 when a retired one is not this organization's.",
    auth: true,
    pathParams: [{ name: "id", description: "The organization's `id`." }],
    body: { kind: "json", schema: organizationPatchSchema, required: true },
    success: { status: 200, description: "The organization.", content: { kind: "json", schema: organizationResourceSchema } },
    errors: [...AUTH_ERRORS, "FORBIDDEN", "NOT_FOUND", "VALIDATION", "CONFLICT"],
  },
  {
    method: "get",
    path: "/audit-events",
    operationId: "listAuditEvents",
    tag: "Administration",
    summary: "Read the audit log",
    description:
      "Admins only. Every claim history event and every security event (sign-ins, passwords, API keys, users, " +
      "organizations, settings), ordered by (`at`, `id`) ascending, 100 a page; pass `nextCursor` back as `cursor`. " +
      "`from`/`to`: inclusive ISO-8601 times or dates (a date `to` covers its whole UTC day).",
    auth: true,
    query: auditQuerySchema,
    success: { status: 200, description: "A page of the audit log.", content: { kind: "json", schema: auditPageSchema } },
    errors: [...AUTH_ERRORS, "FORBIDDEN", "VALIDATION"],
  },
  {
    method: "get",
    path: "/audit-events/export.csv",
    operationId: "exportAuditEventsCsv",
    tag: "Administration",
    summary: "Export the audit log as CSV",
    description: "Admins only. Every event matching the same filters as `GET /audit-events`, streamed; `data` is a JSON cell. " +
      "One export at a time per user (429 `RATE_LIMITED` with `Retry-After` while another streams).",
    auth: true,
    query: auditQuerySchema,
    success: { status: 200, description: "RFC 4180 CSV with a header row.", content: { kind: "csv" }, headers: ["Content-Disposition"] },
    errors: [...AUTH_ERRORS, "FORBIDDEN", "VALIDATION"],
  },
  {
    method: "get",
    path: "/metrics",
    operationId: "getMetrics",
    tag: "Administration",
    summary: "Read the metrics of a period",
    description:
      "Admins and reviewers: every claim they may see; partners: their own organization, `reviewers` is `[]`. " +
      "`from`/`to`: inclusive dates (YYYY-MM-DD) in the portal time zone, default the last 30 days, at most 366 days " +
      "(422 otherwise). Definitions in docs/domain.md (Administration › Metrics).",
    auth: true,
    query: metricsQuerySchema,
    success: { status: 200, description: "The metrics.", content: { kind: "json", schema: metricsResponseSchema } },
    errors: [...AUTH_ERRORS, "VALIDATION"],
  },
];
