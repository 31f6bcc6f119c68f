import "server-only";
// ClaimError → the state a form renders: a translated summary, field errors next to their fields. English
// shows the service's own messages (written for the person filling in the form); other languages translate
// by field, since the service speaks English only.
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { isClaimError, type FieldError } from "@/lib/claims/errors";
import type { Messages } from "@/messages";
import type { ActionState } from "./action-state";
import { submittedProducts } from "./claim-form-model";

type ProductRef = { name?: unknown };

/** products.N… → products.<name>… so an error lands next to the product the user ticked, whatever its index. */
export function displayPath(path: string, products?: readonly ProductRef[]): string {
  const match = /^products\.(\d+)(\..*)?$/.exec(path);
  if (!match || !products) return path;
  const name = products[Number(match[1])]?.name;
  return typeof name === "string" ? `products.${name}${match[2] ?? ""}` : path;
}

type FieldErrorKey = keyof Messages["claimFieldErrors"];

const CONTACT = /^(customerContact|partnerContact)(?:\.(name|title|email|phone))?$/;

/** The message for each field path (indexes as N); a path not listed keeps the service's own message. */
const KEY_BY_PATH = {
  mpnId: "mpnId",
  program: "program",
  activity: "activity",
  solutionArea: "solutionArea",
  customer: "customer",
  "customer.tenantId": "customer_tenantId",
  "customer.domain": "customer_domain",
  "customer.name": "customer_name",
  products: "products",
  "products.N": "product",
  "products.N.kind": "product",
  "products.N.name": "product",
  "products.N.subscriptionId": "subscriptionId",
  commentary: "commentary",
  comment: "comment",
  body: "comment",
  details: "details",
  reason: "reason",
  poe: "poe",
} as const satisfies Record<string, FieldErrorKey>;

function translationKey(error: FieldError): FieldErrorKey | null {
  // The code says what is wrong; the English message is for people, never parsed.
  if (error.code === "NOT_EDITABLE") return "notEditable";
  const contact = CONTACT.exec(error.path);
  if (contact) return contact[2] ? (`contact_${contact[2] as "name" | "title" | "email" | "phone"}` as const) : "contact";
  const generic = error.path.replace(/\.\d+(?=\.|$)/g, ".N");
  return Object.hasOwn(KEY_BY_PATH, generic) ? KEY_BY_PATH[generic as keyof typeof KEY_BY_PATH] : null;
}

export async function fieldErrorMap(errors: readonly FieldError[] | undefined, products?: readonly ProductRef[]) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("claimFieldErrors")]);
  const result: Record<string, string> = {};
  for (const error of errors ?? []) {
    const key = displayPath(error.path, products);
    if (result[key]) continue;
    const translated = translationKey(error);
    // "Not editable" reads the same in every language; other English messages are the service's own.
    result[key] = translated && (translated === "notEditable" || locale !== "en") ? t(translated) : error.message;
  }
  return result;
}

/**
 * The state for a refused or failed action; `input` is what the user sent, so field errors land next to its
 * fields. Unexpected errors are logged and answered generically.
 */
export async function errorState(error: unknown, prev: ActionState, input?: unknown): Promise<ActionState> {
  // Next's own control flow (redirect to sign-in, not-found) is not an error of the action.
  unstable_rethrow(error);
  const [locale, t] = await Promise.all([getLocale(), getTranslations("claimErrors")]);
  const seq = prev.seq + 1;
  if (!isClaimError(error)) {
    console.error(error);
    return { status: "error", seq, message: t("UNKNOWN") };
  }
  const errors = await fieldErrorMap(error.errors, submittedProducts(input));
  let message = t(error.code);
  // The service explains refusals of a status change precisely (e.g. why a dispute is refused): keep it in English.
  if (locale === "en" && (error.code === "INVALID_TRANSITION" || error.code === "GONE")) message = `${message} ${error.message}`;
  return { status: "error", seq, message, errors };
}

export function claimPath(claimId: string): string {
  return `/claims/${encodeURIComponent(claimId)}`;
}

/**
 * The one shape of a server action on a claim: run the use case; a refusal becomes the state the form
 * renders (with `input`, what the user sent); success revalidates the claim's page — so every panel
 * re-renders from the claim as it now is — and answers ok.
 */
export async function claimActionState(prev: ActionState, claimId: string, run: () => Promise<unknown>, input?: unknown): Promise<ActionState> {
  try {
    await run();
  } catch (error) {
    return errorState(error, prev, input);
  }
  revalidatePath(claimPath(claimId));
  return { status: "ok", seq: prev.seq + 1 };
}
