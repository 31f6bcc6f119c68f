// The shape of one operation of the OpenAPI document, the document's tags and what several operation files share.
import type { z } from "zod";
import type { ProblemCode } from "../claims/schemas";

export type Method = "get" | "post" | "patch" | "delete";

export interface HeaderSpec {
  name: string;
  required: boolean;
  description: string;
  schema: Record<string, unknown>;
}

export interface OperationSpec {
  method: Method;
  /** OpenAPI path relative to the server URL /api/v1, e.g. /claims/{id}. */
  path: string;
  operationId: string;
  tag: keyof typeof TAGS;
  summary: string;
  description: string;
  /** false: no API key (the consent link's token is the credential; the document itself is public). */
  auth: boolean;
  pathParams?: { name: string; description: string }[];
  query?: z.ZodObject;
  headers?: HeaderSpec[];
  body?: { kind: "json"; schema: z.ZodType; required: boolean } | { kind: "binary" | "csv"; description: string };
  success: {
    status: 200 | 201 | 204;
    description: string;
    /** stored-file: a PoE file, sent with the content type stored at upload. */
    content: { kind: "json"; schema: z.ZodType } | { kind: "csv" } | { kind: "stored-file" } | { kind: "openapi" } | { kind: "none" };
    /** PoE-ETag: an ETag that is the file's SHA-256 (not a claim version). */
    headers?: ("ETag" | "Location" | "Content-Disposition" | "PoE-ETag")[];
    /** Documents a 304 answer to If-None-Match, with this description. */
    notModified?: string;
  };
  errors: ProblemCode[];
}

/** The document's tags, in order, with what each groups. */
export const TAGS = {
  Claims: "List, create, read, edit and export claims.",
  "Proof of execution": "Upload and download a claim's proof-of-execution files.",
  Actions: "Move a claim through its lifecycle (submit, review, decide, withdraw).",
  "Comments and history": "A claim's comment thread, its history and its competing claims.",
  Disputes: "A partner's dispute of a rejection, and its resolution by a reviewer.",
  Webhooks: "Partner admins' signed event notifications to their own systems.",
  "Customer consent": "The customer's single-use link to deny an association.",
  Account: "Who the API key acts as.",
  Administration: "Admins run the program: users, organizations and their MPN IDs, the audit log.",
  Notifications: "The caller's own in-app notifications (the portal's bell): list, mark read, mark all read.",
  "About this API": "This document.",
} as const;

export const WEBHOOK_ID = { name: "id", description: "The webhook endpoint's `id`." };
export const CLAIM_ID = { name: "id", description: "The claim's `id` (an opaque string), never its `number`." };
export const AUTH_ERRORS: ProblemCode[] = ["UNAUTHENTICATED", "RATE_LIMITED"];
