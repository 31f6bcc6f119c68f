// Zod schemas shared by the server actions, the REST API (api-v1.md) and the forms, so that a value is
// valid or invalid the same way on every route. The OpenAPI document is generated from these with
// z.toJSONSchema; to keep that possible in both directions (request bodies as "input", responses as "output")
// no exported schema uses .transform(): normalisation is done with .trim()/.toLowerCase()/.overwrite() (which
// keep the type) and blank-to-absent with z.preprocess (which JSON Schema shows as the inner schema).
//
// Messages are for the person filling in the form: each says what to enter, not what zod expected.
import { z } from "zod";
import {
  ACTIVITIES,
  CLAIM_FIELDS,
  CLAIM_STATUSES,
  DISPUTE_OUTCOMES,
  DISPUTE_STATUSES,
  DYNAMICS_PRODUCTS,
  INFO_REQUEST_REASONS,
  PRODUCT_KIND_BY_SOLUTION_AREA,
  PROGRAMS,
  REJECTION_REASONS,
  REVIEWER_REJECTION_REASONS,
  SOLUTION_AREAS,
  WORKLOADS,
  type ClaimField,
  type RejectionReason,
  type SolutionArea,
} from "./catalogue";
import { CLAIM_ERROR_CODES, type FieldError } from "./errors";
import { ACTOR_ROLES, CLAIM_EVENT_TYPES } from "./events";
import { isValidTimeZone } from "./sla";

// ---------------------------------------------------------------------------------------------------------
// Limits

export const COMMENT_MAX_LENGTH = 4000;
export const COMMENTARY_MAX_LENGTH = 4000;
export const DISPUTE_DETAILS_MAX_LENGTH = 4000;
export const CONSENT_DENY_REASON_MAX_LENGTH = 1000;
export const CLAIM_LIST_MAX_PAGE_SIZE = 100;
export const CLAIM_LIST_DEFAULT_PAGE_SIZE = 25;
const NAME_MAX_LENGTH = 200;
const SEARCH_MAX_LENGTH = 200;

// ---------------------------------------------------------------------------------------------------------
// Building blocks

/** Empty or whitespace-only text counts as "not given": an HTML form sends "" for every untouched field. */
function blankToUndefined(value: unknown): unknown {
  return typeof value === "string" && value.trim() === "" ? undefined : value;
}

// [0-9a-fA-F] rather than the i flag: JSON Schema patterns carry no flags, and the OpenAPI document must accept
// the same upper-case GUIDs the server does.
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const GUID_EXAMPLE = "00000000-0000-0000-0000-000000000000";

/** A GUID, trimmed and lower-cased so that the competing-claims keys compare equal however it was typed. */
function guid(what: string) {
  const message = `Enter ${what} as a GUID, e.g. ${GUID_EXAMPLE}`;
  return z.string({ error: message }).trim().regex(GUID, { error: message }).toLowerCase();
}

function requiredText(message: string, max: number, tooLong: string) {
  return z
    .string({ error: message })
    .trim()
    .min(1, { error: message })
    .max(max, { error: tooLong });
}

function optionalText(max: number, tooLong: string) {
  return z.preprocess(blankToUndefined, z.string({ error: tooLong }).trim().max(max, { error: tooLong }).optional());
}

/** Optional concurrency token of every action body (api-v1: same meaning as PATCH's If-Match). */
const version = z
  .int({ error: "Send version as the whole number from the claim's ETag, e.g. 3" })
  .min(0, { error: "Send version as the whole number from the claim's ETag, e.g. 3" })
  .optional();

const isoInstant = z.iso.datetime({ error: "Expected an ISO-8601 UTC time, e.g. 2026-01-31T09:30:00.000Z" });

// ---------------------------------------------------------------------------------------------------------
// Claim fields

export const mpnIdSchema = z
  .string({ error: "Enter the MPN ID (partner location ID) as 6 to 10 digits, e.g. 1234567" })
  .trim()
  .regex(/^\d{6,10}$/, { error: "Enter the MPN ID (partner location ID) as 6 to 10 digits, e.g. 1234567" })
  .meta({ id: "MpnId", description: "Partner location (MPN) ID: 6 to 10 digits.", examples: ["1234567"] });

export const tenantIdSchema = guid("the customer tenant ID").meta({
  id: "TenantId",
  description: "Customer tenant ID: a GUID, case-insensitive on input, returned in lower case.",
  examples: ["3f2504e0-4f89-41d3-9a0c-0305e82c3301"],
});

export const subscriptionIdSchema = guid("the Dynamics subscription ID").meta({
  id: "SubscriptionId",
  description: "Dynamics subscription ID: a GUID, case-insensitive on input, returned in lower case.",
});

// Labels of 1–63 letters, digits or hyphens (not at either end), at least two labels, a top-level domain of
// letters or an IDN in punycode (xn--…), 253 characters at most. ASCII only: tenant domains are registered
// in Entra ID in their ASCII form.
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const DOMAIN_MESSAGE = "Enter the customer's primary domain name, e.g. contoso.com (no https:// and no path)";

export const domainSchema = z
  .string({ error: DOMAIN_MESSAGE })
  .trim()
  .toLowerCase()
  // A trailing dot (fully-qualified form) names the same domain; dropping it keeps one spelling per domain.
  .overwrite((value) => value.replace(/\.$/, ""))
  .regex(DOMAIN, { error: DOMAIN_MESSAGE })
  .meta({ id: "DomainName", description: "A DNS domain name, lower case, e.g. contoso.com.", examples: ["contoso.com"] });

const EMAIL_MESSAGE = "Enter an email address, e.g. name@contoso.com";
export const emailSchema = z
  .string({ error: EMAIL_MESSAGE })
  .trim()
  .max(254, { error: "Enter an email address of at most 254 characters" })
  // Not lower-cased: the local part of an address may be case-sensitive, and it is shown as typed.
  .check(z.email({ error: EMAIL_MESSAGE }))
  .meta({ id: "Email", description: "An email address." });

// Digits with the usual separators, an optional leading + and an optional extension; 6 to 20 digits in all.
const PHONE = /^\+?(?:[\s().-]*\d){6,20}[\s().-]*(?:(?:x|ext\.?)\s*\d{1,6})?$/i;
const PHONE_MESSAGE = "Enter a phone number of 6 to 20 digits, e.g. +1 425 555 0100, or leave it empty";

export const contactSchema = z
  .object({
    name: requiredText("Enter the contact's name", NAME_MAX_LENGTH, "Shorten the name to 200 characters or fewer"),
    title: requiredText(
      "Enter the contact's job title",
      NAME_MAX_LENGTH,
      "Shorten the job title to 200 characters or fewer",
    ),
    email: emailSchema,
    // Blank means "no phone": the form always sends the input, empty or not.
    phone: z.preprocess(
      blankToUndefined,
      z.string({ error: PHONE_MESSAGE }).trim().max(40, { error: PHONE_MESSAGE }).regex(PHONE, { error: PHONE_MESSAGE }).optional(),
    ),
  }, { error: "Enter the contact's name, job title and email address" })
  .meta({ id: "Contact", description: "A customer or partner contact; phone is optional." });

export const customerSchema = z
  .object({
    tenantId: tenantIdSchema,
    domain: domainSchema,
    name: requiredText(
      "Enter the customer's name",
      NAME_MAX_LENGTH,
      "Shorten the customer's name to 200 characters or fewer",
    ),
  }, { error: "Enter the customer: tenant ID, primary domain and name" })
  .meta({ id: "Customer", description: "The customer tenant the claim associates the partner with." });

const WORKLOAD_MESSAGE = `Choose a workload from the list: ${WORKLOADS.join(", ")}`;
const DYNAMICS_MESSAGE = `Choose a Dynamics product from the list: ${DYNAMICS_PRODUCTS.join(", ")}`;

export const workloadProductSchema = z
  .object({
    kind: z.literal("WORKLOAD"),
    name: z.enum(WORKLOADS, { error: WORKLOAD_MESSAGE }),
  })
  .meta({ id: "WorkloadProduct", description: "A Modern Work (Microsoft 365) workload." });

export const dynamicsProductSchema = z
  .object({
    kind: z.literal("DYNAMICS"),
    name: z.enum(DYNAMICS_PRODUCTS, { error: DYNAMICS_MESSAGE }),
    subscriptionId: subscriptionIdSchema,
  })
  .meta({ id: "DynamicsProduct", description: "A Business Applications product and its subscription ID." });

export const productSchema = z
  .discriminatedUnion("kind", [workloadProductSchema, dynamicsProductSchema], {
    error: (issue) =>
      issue.code === "invalid_union"
        ? "Choose the product kind: WORKLOAD (Modern Work) or DYNAMICS (Business Applications)"
        : "Enter the product as { kind, name } (and subscriptionId for a Dynamics product)",
  })
  .meta({ id: "Product", description: "A claimed product: a workload, or a Dynamics product with its subscription." });

export type Product = z.infer<typeof productSchema>;

const PRODUCT_KINDS: readonly string[] = Object.values(PRODUCT_KIND_BY_SOLUTION_AREA);

type IssueAt = { path: (string | number)[]; message: string };

function productLabel(product: { kind: string; name: string }): string {
  return product.kind === "WORKLOAD" ? `The workload ${product.name}` : product.name;
}

/** Repeated products, reported on each repeat (not the first), at products.N. */
function duplicateProductIssues(products: readonly unknown[]): IssueAt[] {
  const seen = new Set<string>();
  const issues: IssueAt[] = [];
  products.forEach((product, index) => {
    if (!isProductLike(product)) return;
    // A Dynamics product is the same product whatever subscription it names: "a claim lists each product
    // once" (domain.md), and each product carries "its" one subscription ID.
    const key = `${product.kind}\u0000${product.name}`;
    if (seen.has(key)) {
      issues.push({ path: [index], message: `${productLabel(product)} is listed more than once; list each product once` });
    }
    seen.add(key);
  });
  return issues;
}

/** Products whose kind does not belong to the solution area, at products.N.kind. */
function productKindIssues(solutionArea: SolutionArea, products: readonly unknown[]): IssueAt[] {
  const expected = PRODUCT_KIND_BY_SOLUTION_AREA[solutionArea];
  const issues: IssueAt[] = [];
  products.forEach((product, index) => {
    // An unknown kind already has its own error from productSchema; one message per mistake.
    if (!isProductLike(product) || product.kind === expected || !PRODUCT_KINDS.includes(product.kind)) return;
    issues.push({
      path: [index, "kind"],
      message:
        expected === "WORKLOAD"
          ? `Modern Work claims list workloads only: remove ${product.name} or change the solution area to Business Applications`
          : `Business Applications claims list Dynamics products only: remove the workload ${product.name} or change the solution area to Modern Work`,
    });
  });
  return issues;
}

// Cross-field checks run even when other fields failed (zod would skip them after a wrong-type field), so
// that a form shows every problem at once; they look at whatever arrived and skip what is not shaped right.
const whenObject = { when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null };
const whenArray = { when: (payload: { value: unknown }) => Array.isArray(payload.value) };

function isProductLike(value: unknown): value is { kind: string; name: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === "string" &&
    typeof (value as { name?: unknown }).name === "string"
  );
}

/**
 * The product rules that need the whole claim: each product once, and every product of the solution area's
 * kind (Modern Work → workloads, Business Applications → Dynamics). claimDraftSchema and claimPatchSchema
 * apply them to what they receive; the service must also apply them to the claim as it will be after a PATCH
 * that sends only one of `solutionArea` and `products`.
 */
export function checkProducts(solutionArea: SolutionArea, products: readonly Product[]): FieldError[] {
  return [...duplicateProductIssues(products), ...productKindIssues(solutionArea, products)].map((issue) => ({
    path: ["products", ...issue.path].join("."),
    message: issue.message,
  }));
}

export const productsSchema = z
  .array(productSchema, { error: "Send products as a list" })
  .max(DYNAMICS_PRODUCTS.length + WORKLOADS.length, { error: "List each product once" })
  .superRefine((products, ctx) => {
    for (const issue of duplicateProductIssues(products)) ctx.addIssue({ code: "custom", ...issue });
  }, whenArray)
  .meta({ id: "Products", description: "The claimed products, each listed once." });

export const commentarySchema = z
  .string({ error: "Enter the commentary as text" })
  .trim()
  .max(COMMENTARY_MAX_LENGTH, { error: `Shorten the commentary to ${COMMENTARY_MAX_LENGTH} characters or fewer` })
  .meta({ id: "Commentary", description: "Partner commentary for the reviewer; empty clears it." });

const programSchema = z.enum(PROGRAMS, { error: `Choose the incentive program: ${PROGRAMS.join(" or ")}` });
const activitySchema = z.enum(ACTIVITIES, {
  error: "Choose the activity (partner role): PRE_SALES, REVENUE_ASSOCIATION (Business Influencer) or USAGE",
});
const solutionAreaSchema = z.enum(SOLUTION_AREAS, {
  error: "Choose the solution area: BUSINESS_APPLICATIONS or MODERN_WORK (Microsoft 365)",
});

/** One schema per editable top-level field; `satisfies` keeps it in step with catalogue's CLAIM_FIELDS. */
const claimFieldSchemas = {
  mpnId: mpnIdSchema,
  program: programSchema,
  activity: activitySchema,
  solutionArea: solutionAreaSchema,
  customer: customerSchema,
  products: productsSchema,
  customerContact: contactSchema,
  partnerContact: contactSchema,
  commentary: commentarySchema,
} satisfies Record<ClaimField, z.ZodType>;

function refineProductKinds(
  claim: { solutionArea?: unknown; products?: unknown },
  ctx: z.RefinementCtx,
): void {
  const { solutionArea, products } = claim;
  if (!SOLUTION_AREAS.includes(solutionArea as SolutionArea) || !Array.isArray(products)) return;
  for (const issue of productKindIssues(solutionArea as SolutionArea, products)) {
    ctx.addIssue({ code: "custom", message: issue.message, path: ["products", ...issue.path] });
  }
}

/**
 * POST /claims and the create form. Identity of the claim is required; the rest may be saved incomplete as
 * a draft — submit's checklist (lifecycle) enforces completeness, so a partner can save work in progress.
 */
export const claimDraftSchema = z
  .object({
    mpnId: claimFieldSchemas.mpnId,
    program: claimFieldSchemas.program,
    activity: claimFieldSchemas.activity,
    solutionArea: claimFieldSchemas.solutionArea,
    customer: claimFieldSchemas.customer,
    products: claimFieldSchemas.products.optional(),
    customerContact: claimFieldSchemas.customerContact.optional(),
    partnerContact: claimFieldSchemas.partnerContact.optional(),
    commentary: claimFieldSchemas.commentary.optional(),
  }, { error: "Send the claim as a JSON object" })
  .superRefine(refineProductKinds, whenObject)
  .meta({ id: "ClaimDraft", description: "Body of POST /claims: a new claim in EDITING." });

const patchShape = Object.fromEntries(
  CLAIM_FIELDS.map((field) => [field, claimFieldSchemas[field].optional()]),
) as { [F in ClaimField]: z.ZodOptional<(typeof claimFieldSchemas)[F]> };

/** PATCH /claims/{id}: whole top-level fields to replace; unknown fields are ignored, at least one known one. */
export const claimPatchSchema = z
  .object(patchShape, { error: "Send the fields to change as a JSON object" })
  .superRefine((patch, ctx) => {
    if (CLAIM_FIELDS.every((field) => patch[field] === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `Send at least one field to change: ${CLAIM_FIELDS.join(", ")}`,
      });
    }
    refineProductKinds(patch, ctx);
  }, whenObject)
  .meta({ id: "ClaimPatch", description: "Body of PATCH /claims/{id}: the top-level fields to replace." });

export type ClaimDraft = z.infer<typeof claimDraftSchema>;
export type ClaimPatch = z.infer<typeof claimPatchSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type Customer = z.infer<typeof customerSchema>;

// ---------------------------------------------------------------------------------------------------------
// Action bodies (POST /claims/{id}/actions/{action})

const actionComment = optionalText(COMMENT_MAX_LENGTH, `Shorten the comment to ${COMMENT_MAX_LENGTH} characters or fewer`);

export const submitBodySchema = z
  .object({ version })
  .meta({ id: "SubmitBody", description: "Body of the submit action." });

export const startReviewBodySchema = z
  .object({ version })
  .meta({ id: "StartReviewBody", description: "Body of the start-review action." });

export const requestInfoBodySchema = z
  .object({
    version,
    reasonCodes: z
      .array(z.enum(INFO_REQUEST_REASONS, { error: `Choose reasons from the list: ${INFO_REQUEST_REASONS.join(", ")}` }), {
        error: "Choose at least one reason why more information is needed",
      })
      .min(1, { error: "Choose at least one reason why more information is needed" })
      // A reason ticked twice means the same thing as once; keeping one spares the partner a repeated line.
      .overwrite((codes) => [...new Set(codes)]),
    comment: requiredText(
      "Write a comment telling the partner what to provide",
      COMMENT_MAX_LENGTH,
      `Shorten the comment to ${COMMENT_MAX_LENGTH} characters or fewer`,
    ),
  })
  .meta({ id: "RequestInfoBody", description: "Body of the request-info action." });

export const resubmitBodySchema = z
  .object({ version, comment: actionComment })
  .meta({ id: "ResubmitBody", description: "Body of the resubmit action; a comment counts as the partner's response." });

export const approveBodySchema = z
  .object({ version, comment: actionComment })
  .meta({ id: "ApproveBody", description: "Body of the approve action." });

// Keyed by every rejection reason a reviewer may not give, so a new system-only reason needs its explanation.
const WHY_NOT_REVIEWER: Record<Exclude<RejectionReason, (typeof REVIEWER_REJECTION_REASONS)[number]>, string> = {
  PARTNER_REQUEST: "PARTNER_REQUEST is recorded when the partner withdraws the claim; a reviewer cannot choose it",
  CUSTOMER_DECLINE: "CUSTOMER_DECLINE is recorded when the customer denies consent; a reviewer cannot choose it",
  NO_PARTNER_RESPONSE:
    "NO_PARTNER_RESPONSE is recorded automatically when the partner does not respond in time; a reviewer cannot choose it",
};

export const rejectBodySchema = z
  .object({
    version,
    reason: z.enum(REVIEWER_REJECTION_REASONS, {
      error: (issue) =>
        (Object.hasOwn(WHY_NOT_REVIEWER, String(issue.input))
          ? WHY_NOT_REVIEWER[issue.input as keyof typeof WHY_NOT_REVIEWER]
          : undefined) ??
        `Choose the rejection reason: ${REVIEWER_REJECTION_REASONS.join(", ")}`,
    }),
    comment: actionComment,
  })
  .meta({ id: "RejectBody", description: "Body of the reject action; reason is one a reviewer may give." });

export const withdrawBodySchema = z
  .object({
    version,
    comment: requiredText(
      "Tell the reviewer why you withdraw the claim, e.g. wrong MPN ID, wrong activity or no longer working with the customer",
      COMMENT_MAX_LENGTH,
      `Shorten the comment to ${COMMENT_MAX_LENGTH} characters or fewer`,
    ),
  })
  .meta({ id: "WithdrawBody", description: "Body of the withdraw action; the comment says why." });

/** The action bodies by the action's name in the API path. */
export const actionBodySchema = {
  submit: submitBodySchema,
  "start-review": startReviewBodySchema,
  "request-info": requestInfoBodySchema,
  resubmit: resubmitBodySchema,
  approve: approveBodySchema,
  reject: rejectBodySchema,
  withdraw: withdrawBodySchema,
} as const;
export type ApiClaimAction = keyof typeof actionBodySchema;
export type ActionBody<A extends ApiClaimAction> = z.infer<(typeof actionBodySchema)[A]>;

export function isApiClaimAction(value: string): value is ApiClaimAction {
  return Object.hasOwn(actionBodySchema, value);
}

// ---------------------------------------------------------------------------------------------------------
// Other request bodies

export const commentBodySchema = z
  .object({
    body: requiredText(
      "Write the comment",
      COMMENT_MAX_LENGTH,
      `Shorten the comment to ${COMMENT_MAX_LENGTH} characters or fewer`,
    ),
  })
  .meta({ id: "CommentBody", description: "Body of POST /claims/{id}/comments (plain text)." });

export const disputeBodySchema = z
  .object({
    details: requiredText(
      "Describe the issue with the rejection",
      DISPUTE_DETAILS_MAX_LENGTH,
      `Shorten the details to ${DISPUTE_DETAILS_MAX_LENGTH} characters or fewer`,
    ),
    // The seed's support form asks for the products concerned; the claim's solution area is checked by the
    // service with checkProducts, as the body does not carry it.
    products: productsSchema.optional(),
  })
  .meta({ id: "DisputeBody", description: "Body of POST /claims/{id}/disputes." });

export const resolveDisputeBodySchema = z
  .object({
    outcome: z.enum(DISPUTE_OUTCOMES, { error: "Choose the outcome: UPHOLD (rejection stands) or OVERTURN (back to review)" }),
    comment: requiredText(
      "Write a comment explaining the outcome to the partner",
      COMMENT_MAX_LENGTH,
      `Shorten the comment to ${COMMENT_MAX_LENGTH} characters or fewer`,
    ),
  })
  .meta({ id: "ResolveDisputeBody", description: "Body of POST /disputes/{id}/resolve." });

export const consentDenyBodySchema = z
  .object({
    reason: optionalText(
      CONSENT_DENY_REASON_MAX_LENGTH,
      `Shorten the reason to ${CONSENT_DENY_REASON_MAX_LENGTH} characters or fewer`,
    ),
  })
  .meta({ id: "ConsentDenyBody", description: "Body of POST /consent/{token}/deny." });

// ---------------------------------------------------------------------------------------------------------
// List query (GET /claims, GET /claims/export.csv)

export const CLAIM_LIST_SORTS = ["updatedAt", "-updatedAt", "createdAt", "-createdAt", "dueAt", "-dueAt"] as const;
export type ClaimListSort = (typeof CLAIM_LIST_SORTS)[number];

// Every parameter goes through blankToUndefined: a GET filter form submits `status=` for "All", and that
// must mean "no filter", not a 422.
export const claimListQuerySchema = z
  .object({
    status: z.preprocess(
      blankToUndefined,
      z.enum(CLAIM_STATUSES, { error: `Filter status by one of: ${CLAIM_STATUSES.join(", ")}` }).optional(),
    ),
    q: z.preprocess(
      blankToUndefined,
      z
        .string({ error: "Search with text" })
        .trim()
        .max(SEARCH_MAX_LENGTH, { error: `Shorten the search to ${SEARCH_MAX_LENGTH} characters or fewer` })
        .optional(),
    ),
    program: z.preprocess(blankToUndefined, programSchema.optional()),
    solutionArea: z.preprocess(blankToUndefined, solutionAreaSchema.optional()),
    overdue: z.preprocess(
      blankToUndefined,
      z
        .stringbool({ truthy: ["true"], falsy: ["false"], error: "Filter overdue with true or false" })
        .meta({ description: '"true" or "false"' })
        .optional(),
    ),
    sort: z.preprocess(
      blankToUndefined,
      z.enum(CLAIM_LIST_SORTS, { error: `Sort by one of: ${CLAIM_LIST_SORTS.join(", ")}` }).default("-updatedAt"),
    ),
    page: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: "Ask for page 1 or a later page" })
        .int({ error: "Ask for page 1 or a later page" })
        .min(1, { error: "Ask for page 1 or a later page" })
        .default(1),
    ),
    pageSize: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: `Ask for 1 to ${CLAIM_LIST_MAX_PAGE_SIZE} items per page` })
        .int({ error: `Ask for 1 to ${CLAIM_LIST_MAX_PAGE_SIZE} items per page` })
        .min(1, { error: `Ask for 1 to ${CLAIM_LIST_MAX_PAGE_SIZE} items per page` })
        // An error, not a clamp (api-v1): a client asking for 500 must learn it gets 100, not miss rows.
        .max(CLAIM_LIST_MAX_PAGE_SIZE, { error: `Ask for 1 to ${CLAIM_LIST_MAX_PAGE_SIZE} items per page` })
        .default(CLAIM_LIST_DEFAULT_PAGE_SIZE),
    ),
  })
  .meta({ id: "ClaimListQuery", description: "Query parameters of GET /claims and GET /claims/export.csv." });

export type ClaimListQuery = z.infer<typeof claimListQuerySchema>;

// ---------------------------------------------------------------------------------------------------------
// SLA settings (admin)

export const slaSettingsSchema = z
  .object({
    submittedBusinessDays: z.int().min(1).max(60),
    underReviewBusinessDays: z.int().min(1).max(60),
    partnerActionBusinessDays: z.int().min(1).max(60),
    consentCalendarDays: z.int().min(1).max(90),
    decisionTargetBusinessDays: z.int().min(1).max(120),
    poeMaxBytes: z.int().min(1).max(1024 * 1024 * 1024),
    timeZone: z
      .string()
      .trim()
      .refine(isValidTimeZone, { error: "Enter an IANA time zone name, e.g. UTC or Europe/Paris" }),
    holidays: z
      .array(z.iso.date({ error: "Enter each holiday as a date, YYYY-MM-DD" }))
      // Sorted and de-duplicated so the stored calendar reads as a calendar.
      .overwrite((days) => [...new Set(days)].sort()),
  })
  .meta({ id: "SlaSettings", description: "SLA durations, time zone and holiday calendar." });

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
    dispute: disputeResourceSchema.nullable(),
    dueAt: isoInstant.nullable(),
    overdue: z.boolean(),
    consentEndsAt: isoInstant.nullable(),
    sentForIncentiveAssessmentAt: isoInstant.nullable(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
    submittedAt: isoInstant.optional(),
    decidedAt: isoInstant.optional(),
  })
  .meta({ id: "Claim", description: "A customer association claim." });

export type ClaimResource = z.infer<typeof claimResourceSchema>;

export const claimListResponseSchema = z
  .object({
    items: z.array(claimResourceSchema),
    total: z.int().min(0),
    page: z.int().min(1),
    pageSize: z.int().min(1).max(CLAIM_LIST_MAX_PAGE_SIZE),
    counts: z.partialRecord(z.enum(CLAIM_STATUSES), z.int().min(0)),
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
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const fieldErrorSchema = z
  .object({ path: z.string(), message: z.string() })
  .meta({ id: "FieldError", description: "One problem with one input field; path is dotted, e.g. customer.tenantId." });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int().min(400).max(599),
    code: z.enum(PROBLEM_CODES),
    detail: z.string(),
    errors: z.array(fieldErrorSchema).optional(),
  })
  .meta({ id: "Problem", description: "An application/problem+json error." });

// ---------------------------------------------------------------------------------------------------------

/**
 * zod issues as api-v1's `errors`: dotted paths (`customer.tenantId`, `products.1.subscriptionId`; "" for the
 * body as a whole), one entry per distinct (path, message).
 */
export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map((segment) => String(segment)).join(".");
    const key = `${path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ path, message: issue.message });
  }
  return result;
}
