"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { actorOf, requireUser } from "@/lib/auth/session";
import { isClaimError } from "@/lib/claims/errors";
import { getDb } from "@/lib/db";
import { createWebhookEndpoint, deleteWebhookEndpoint, sendWebhookTestEvent } from "@/lib/webhooks/endpoints";

const PAGE = "/settings/webhooks";

export type CreateWebhookState =
  | { status: "idle" }
  | { status: "created"; url: string; secret: string }
  | { status: "error"; message: string; field?: "url" | "events" };

/** Registers an endpoint; its secret goes back to this one response and nowhere else. */
export async function createWebhookAction(_previous: CreateWebhookState, form: FormData): Promise<CreateWebhookState> {
  const user = await requireUser(["PARTNER_ADMIN"]);
  const t = await getTranslations("webhooks");
  try {
    const created = await createWebhookEndpoint(getDb(), actorOf(user), {
      url: String(form.get("url") ?? ""),
      events: form.getAll("events").map(String),
    });
    revalidatePath(PAGE);
    return { status: "created", url: created.url, secret: created.secret };
  } catch (error) {
    if (!isClaimError(error)) throw error;
    if (error.code === "FORBIDDEN") return { status: "error", message: t("errorForbidden") };
    const first = error.errors?.[0];
    return {
      status: "error",
      field: first?.path.startsWith("events") ? "events" : "url",
      message: first?.message ?? error.message,
    };
  }
}

export async function deleteWebhookAction(form: FormData): Promise<void> {
  const user = await requireUser(["PARTNER_ADMIN"]);
  await deleteWebhookEndpoint(getDb(), actorOf(user), String(form.get("endpointId") ?? ""));
  revalidatePath(PAGE);
}

/** Sends a test event at once; the delivery log shows how it went. */
export async function sendTestWebhookAction(form: FormData): Promise<void> {
  const user = await requireUser(["PARTNER_ADMIN"]);
  await sendWebhookTestEvent(getDb(), actorOf(user), String(form.get("endpointId") ?? ""));
  revalidatePath(PAGE);
}
