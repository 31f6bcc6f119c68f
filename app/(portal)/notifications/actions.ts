"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/notifications/inbox";

export async function markReadAction(form: FormData): Promise<void> {
  const user = await requireUser();
  await markNotificationRead(getDb(), user.id, String(form.get("id") ?? "")).catch(() => null);
  revalidatePath("/notifications");
}

export async function markAllReadAction(): Promise<void> {
  const user = await requireUser();
  await markAllNotificationsRead(getDb(), user.id);
  revalidatePath("/notifications");
}
