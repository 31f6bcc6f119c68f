"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { requeueFailedMessage } from "@/lib/mail/deliver";

/** "Send again" for a FAILED message (admins only): back in the queue; the next delivery run sends it. */
export async function sendAgainAction(form: FormData): Promise<void> {
  await requireUser(["ADMIN"]);
  await requeueFailedMessage(getDb(), String(form.get("id") ?? ""));
  revalidatePath("/admin/outbox");
}
