// Claim field schemas (the claim's editable fields), the create and PATCH bodies, and the product rules that
// need the whole claim. See index.ts for the conventions every schema here follows.
import { z } from "zod";
import {
  ACTIVITIES,
  CLAIM_FIELDS,
  DYNAMICS_PRODUCTS,
  PRODUCT_KIND_BY_SOLUTION_AREA,
  PROGRAMS,
  SOLUTION_AREAS,
  WORKLOADS,
  type ClaimField,
  type SolutionArea,
} from "../catalogue";
import type { FieldError } from "../errors";
import { blankToUndefined, guid, isStorableText, NOT_STORABLE, SINGLE_LINE, SINGLE_LINE_MESSAGE, singleLineText } from "./building-blocks";
import { COMMENTARY_MAX_LENGTH, NAME_MAX_LENGTH } from "./limits";

const MPN_ID_MESSAGE = "Enter the MPN ID (partner location ID) as 6 to 10 digits, e.g. 1234567";
/** The MPN ID's format without the component id (query parameters are inlined in the OpenAPI document). */
export const mpnIdFormatSchema = z.string({ error: MPN_ID_MESSAGE }).regex(SINGLE_LINE, { error: SINGLE_LINE_MESSAGE }).trim().regex(/^\d{6,10}$/, { error: MPN_ID_MESSAGE });
export const mpnIdSchema = mpnIdFormatSchema.meta({ id: "MpnId", description: "Partner location (MPN) ID: 6 to 10 digits.", examples: ["1234567"] });

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
  .regex(SINGLE_LINE, { error: SINGLE_LINE_MESSAGE })
  .trim()
  .toLowerCase()
  // A trailing dot (fully-qualified form) names the same domain; dropping it keeps one spelling per domain.
  .overwrite((value) => value.replace(/\.$/, ""))
  .regex(DOMAIN, { error: DOMAIN_MESSAGE })
  .meta({ id: "DomainName", description: "A DNS domain name, lower case, e.g. contoso.com.", examples: ["contoso.com"] });

const EMAIL_MESSAGE = "Enter an email address, e.g. name@contoso.com";
export const emailSchema = z
  .string({ error: EMAIL_MESSAGE })
  .regex(SINGLE_LINE, { error: SINGLE_LINE_MESSAGE })
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
    name: singleLineText("Enter the contact's name", NAME_MAX_LENGTH, "Shorten the name to 200 characters or fewer"),
    title: singleLineText(
      "Enter the contact's job title",
      NAME_MAX_LENGTH,
      "Shorten the job title to 200 characters or fewer",
    ),
    email: emailSchema,
    // Blank means "no phone": the form always sends the input, empty or not.
    phone: z.preprocess(
      blankToUndefined,
      z.string({ error: PHONE_MESSAGE }).regex(SINGLE_LINE, { error: SINGLE_LINE_MESSAGE }).trim().max(40, { error: PHONE_MESSAGE }).regex(PHONE, { error: PHONE_MESSAGE }).optional(),
    ),
  }, { error: "Enter the contact's name, job title and email address" })
  .meta({ id: "Contact", description: "A customer or partner contact; phone is optional." });

export const customerSchema = z
  .object({
    tenantId: tenantIdSchema,
    domain: domainSchema,
    name: singleLineText(
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
  .meta({
    id: "Products",
    description: "The claimed products, each listed once (a Dynamics product once, whatever its subscription).",
    // duplicateProductIssues' rule in JSON Schema: each (kind, name) of the catalogue at most once.
    allOf: [
      ...WORKLOADS.map((name) => ({ kind: "WORKLOAD", name })),
      ...DYNAMICS_PRODUCTS.map((name) => ({ kind: "DYNAMICS", name })),
    ].map(({ kind, name }) => ({
      contains: { type: "object", properties: { kind: { const: kind }, name: { const: name } }, required: ["kind", "name"] },
      minContains: 0,
      maxContains: 1,
    })),
  });

export const commentarySchema = z
  .string({ error: "Enter the commentary as text" })
  .refine(isStorableText, NOT_STORABLE)
  .trim()
  .max(COMMENTARY_MAX_LENGTH, { error: `Shorten the commentary to ${COMMENTARY_MAX_LENGTH} characters or fewer` })
  .meta({ id: "Commentary", description: "Partner commentary for the reviewer; empty clears it." });

export const programSchema = z.enum(PROGRAMS, { error: `Choose the incentive program: ${PROGRAMS.join(" or ")}` });
export const activitySchema = z.enum(ACTIVITIES, {
  error: "Choose the activity (partner role): PRE_SALES, REVENUE_ASSOCIATION (Business Influencer) or USAGE",
});
export const solutionAreaSchema = z.enum(SOLUTION_AREAS, {
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
  .meta({
    id: "ClaimPatch",
    description: "Body of PATCH /claims/{id}: the top-level fields to replace (at least one).",
    // The "at least one known field" check above, in JSON Schema.
    anyOf: CLAIM_FIELDS.map((field) => ({ required: [field] })),
  });

export type ClaimDraft = z.infer<typeof claimDraftSchema>;
export type ClaimPatch = z.infer<typeof claimPatchSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type Customer = z.infer<typeof customerSchema>;
