"use server";

import { revalidatePath } from "next/cache";
import { createUser, updateUser } from "@/lib/admin/users";
import { actorOf, requireUser } from "@/lib/auth/session";
import { adminFormError as stateOf, type AdminFormState } from "@/lib/admin/form-state";
import { getDb } from "@/lib/db";

export async function createUserAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireUser(["ADMIN"]);
  const values = Object.fromEntries(["email", "name", "role", "organizationId"].map((k) => [k, String(formData.get(k) ?? "")]));
  try {
    const user = await createUser(getDb(), actorOf(admin), { ...values, organizationId: values.organizationId || null });
    revalidatePath("/admin/users");
    return { ok: true, seq: previous.seq + 1, values: { email: user.email } };
  } catch (error) {
    return stateOf(error, previous, values);
  }
}

/** One row's change: `intent` is `role`, `deactivate` or `reactivate`. */
export async function updateUserAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireUser(["ADMIN"]);
  const intent = String(formData.get("intent") ?? "");
  const patch =
    intent === "deactivate" ? { active: false } : intent === "reactivate" ? { active: true } : { role: String(formData.get("role") ?? "") };
  try {
    await updateUser(getDb(), actorOf(admin), String(formData.get("userId") ?? ""), patch);
    revalidatePath("/admin/users");
    return { ok: true, seq: previous.seq + 1 };
  } catch (error) {
    return stateOf(error, previous);
  }
}
