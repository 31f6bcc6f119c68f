"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import {
  API_KEY_MANAGER_ROLES,
  API_KEY_NAME_MAX_LENGTH,
  MAX_ACTIVE_KEYS_PER_USER,
  createApiKey,
  revokeApiKey,
} from "@/lib/claims/api-keys";
import { isClaimError } from "@/lib/claims/errors";
import { getDb } from "@/lib/db";

export type CreateKeyState =
  | { status: "idle" }
  | { status: "created"; name: string; secret: string }
  | { status: "error"; message: string; field?: "name" };

/** Creates a key for the signed-in user; the secret goes back to this one response and nowhere else. */
export async function createKeyAction(_previous: CreateKeyState, form: FormData): Promise<CreateKeyState> {
  const user = await requireUser(API_KEY_MANAGER_ROLES);
  const t = await getTranslations("apiKeys");
  // U+0000 cannot be stored (PostgreSQL text); a key's label loses it rather than failing the request.
  const name = String(form.get("name") ?? "").replaceAll("\u0000", "").trim();
  if (!name) return { status: "error", field: "name", message: t("errorNameRequired") };
  if (name.length > API_KEY_NAME_MAX_LENGTH) {
    return { status: "error", field: "name", message: t("errorNameTooLong", { max: API_KEY_NAME_MAX_LENGTH }) };
  }
  try {
    const days = String(form.get("expiresInDays") ?? "").trim();
    const expiresInDays = days === "" ? undefined : Number(days);
    const { key, secret } = await createApiKey(getDb(), user, { name, expiresInDays });
    revalidatePath("/settings/api-keys");
    return { status: "created", name: key.name, secret };
  } catch (error) {
    if (!isClaimError(error)) throw error;
    if (error.code === "FORBIDDEN") return { status: "error", message: t("errorForbidden") };
    if (error.errors?.some((e) => e.path === "expiresInDays")) return { status: "error", message: t("errorExpiry") };
    // The name was checked above: the only other refusal is the cap on active keys.
    return { status: "error", field: "name", message: t("errorTooMany", { max: MAX_ACTIVE_KEYS_PER_USER }) };
  }
}

export type RevokeKeyState = { status: "idle" } | { status: "error"; message: string };

export async function revokeKeyAction(_previous: RevokeKeyState, form: FormData): Promise<RevokeKeyState> {
  const user = await requireUser(API_KEY_MANAGER_ROLES);
  const t = await getTranslations("apiKeys");
  try {
    await revokeApiKey(getDb(), user, String(form.get("keyId") ?? ""));
  } catch (error) {
    if (!isClaimError(error)) throw error;
    return { status: "error", message: error.code === "NOT_FOUND" ? t("errorNotFound") : t("errorForbidden") };
  }
  revalidatePath("/settings/api-keys");
  return { status: "idle" };
}
