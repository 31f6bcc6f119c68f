"use server";

import { revalidatePath } from "next/cache";
import { createUser, updateUser } from "@/lib/admin/users";
import { actorOf, requireUser } from "@/lib/auth/session";
import { isClaimError } from "@/lib/claims/errors";
import { getDb } from "@/lib/db";

export interface AdminFormState {
  ok: boolean;
  /** Grows with every answer so two identical answers still re-render. */
  seq: number;
  message?: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

/** Expected errors become the form's state; anything else is a real failure and propagates. */
function stateOf(error: unknown, previous: AdminFormState, values?: Record<string, string>): AdminFormState {
  if (!isClaimError(error)) throw error;
  return {
    ok: false,
    seq: previous.seq + 1,
    message: error.message,
    errors: Object.fromEntries((error.errors ?? []).map((e) => [e.path, e.message])),
    values,
  };
}

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
