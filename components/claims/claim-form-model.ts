// The claim form's values as the browser holds them (plain strings, checkboxes), and the one conversion to
// the service's input shape (lib/claims/schemas/claim-fields.ts claimDraftSchema / claimPatchSchema). Pure and
// client-safe: the form builds its request with it; the server validates that request with the shared zod
// schemas, so no rule is decided here.
import {
  DYNAMICS_PRODUCTS,
  PRODUCT_KIND_BY_SOLUTION_AREA,
  SOLUTION_AREAS,
  WORKLOADS,
  type ClaimField,
  type SolutionArea,
} from "@/lib/claims/catalogue";
import type { ClaimDraft } from "@/lib/claims/schemas";

export interface ContactValues {
  name: string;
  title: string;
  email: string;
  phone: string;
}

export interface ClaimFormValues {
  mpnId: string;
  program: string;
  activity: string;
  solutionArea: string;
  customer: { tenantId: string; domain: string; name: string };
  /** Checked workloads (Modern Work). */
  workloads: string[];
  /** Checked Dynamics products (Business Applications). */
  dynamics: string[];
  /** Subscription ID typed per Dynamics product; kept when a product is unchecked and checked again. */
  subscriptions: Record<string, string>;
  customerContact: ContactValues;
  partnerContact: ContactValues;
  commentary: string;
}

const EMPTY_CONTACT: ContactValues = { name: "", title: "", email: "", phone: "" };

export function emptyClaimFormValues(defaults: Partial<Pick<ClaimFormValues, "mpnId">> = {}): ClaimFormValues {
  return {
    mpnId: defaults.mpnId ?? "",
    program: "",
    activity: "",
    solutionArea: "",
    customer: { tenantId: "", domain: "", name: "" },
    workloads: [],
    dynamics: [],
    subscriptions: {},
    customerContact: { ...EMPTY_CONTACT },
    partnerContact: { ...EMPTY_CONTACT },
    commentary: "",
  };
}

/** A stored claim's values (service.claimValuesOf): the draft schema's shape, so the two cannot drift. */
export type StoredClaimValues = ClaimDraft;

/**
 * The products of a request body as sent (before validation), so a refused action can name a product
 * ("products.1.name" → "Power BI") in its field errors. Shared by the create and edit actions.
 */
export function submittedProducts(input: unknown): { name?: unknown }[] | undefined {
  const products = (input as { products?: unknown } | null)?.products;
  return Array.isArray(products) ? products : undefined;
}

function contactValues(contact: Partial<ContactValues> | null | undefined): ContactValues {
  return {
    name: contact?.name ?? "",
    title: contact?.title ?? "",
    email: contact?.email ?? "",
    phone: contact?.phone ?? "",
  };
}

export function formValuesOf(claim: StoredClaimValues): ClaimFormValues {
  const products = claim.products ?? [];
  const subscriptions: Record<string, string> = {};
  for (const p of products) if (p.kind === "DYNAMICS") subscriptions[p.name] = p.subscriptionId ?? "";
  return {
    mpnId: claim.mpnId,
    program: claim.program,
    activity: claim.activity,
    solutionArea: claim.solutionArea,
    customer: { ...claim.customer },
    workloads: products.filter((p) => p.kind === "WORKLOAD").map((p) => p.name),
    dynamics: products.filter((p) => p.kind === "DYNAMICS").map((p) => p.name),
    subscriptions,
    customerContact: contactValues(claim.customerContact),
    partnerContact: contactValues(claim.partnerContact),
    commentary: claim.commentary ?? "",
  };
}

function isSolutionArea(value: string): value is SolutionArea {
  return (SOLUTION_AREAS as readonly string[]).includes(value);
}

/** The products the form currently lists, in catalogue order (so a product's index is stable). */
export function productsOf(values: ClaimFormValues): { kind: "WORKLOAD" | "DYNAMICS"; name: string; subscriptionId?: string }[] {
  if (!isSolutionArea(values.solutionArea)) return [];
  if (PRODUCT_KIND_BY_SOLUTION_AREA[values.solutionArea] === "WORKLOAD") {
    return WORKLOADS.filter((w) => values.workloads.includes(w)).map((name) => ({ kind: "WORKLOAD" as const, name }));
  }
  return DYNAMICS_PRODUCTS.filter((d) => values.dynamics.includes(d)).map((name) => ({
    kind: "DYNAMICS" as const,
    name,
    subscriptionId: values.subscriptions[name] ?? "",
  }));
}

/** A contact left wholly blank is "not given" (drafts may be saved without contacts). */
function contactInput(contact: ContactValues): ContactValues | undefined {
  return Object.values(contact).every((v) => v.trim() === "") ? undefined : contact;
}

/**
 * The request body for the given fields: create sends every field, an edit only the fields the claim's
 * status lets change (the service refuses the whole edit otherwise).
 */
export function claimInputOf(values: ClaimFormValues, fields: readonly ClaimField[]): Record<string, unknown> {
  const all: Record<ClaimField, unknown> = {
    mpnId: values.mpnId,
    program: values.program,
    activity: values.activity,
    solutionArea: values.solutionArea,
    customer: values.customer,
    products: productsOf(values),
    customerContact: contactInput(values.customerContact),
    partnerContact: contactInput(values.partnerContact),
    commentary: values.commentary,
  };
  const input: Record<string, unknown> = {};
  for (const field of fields) if (all[field] !== undefined) input[field] = all[field];
  return input;
}
