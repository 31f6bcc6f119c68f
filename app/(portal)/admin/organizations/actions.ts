"use server";

import { revalidatePath } from "next/cache";
import { adminFormError, type AdminFormState } from "@/lib/admin/form-state";
import { createOrganization, updateOrganization } from "@/lib/admin/organizations";
import { actorOf, requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";

/** "1234567, 7654321" or one per line → ["1234567", "7654321"]. */
function mpnIdsOf(value: FormDataEntryValue | null): string[] {
  return String(value ?? "")
    .split(/[\s,;]+/)
    .filter(Boolean);
}

export async function createOrganizationAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireUser(["ADMIN"]);
  const values = { name: String(formData.get("name") ?? ""), mpnIds: String(formData.get("mpnIds") ?? "") };
  try {
    const org = await createOrganization(getDb(), actorOf(admin), { name: values.name, mpnIds: mpnIdsOf(values.mpnIds) });
    revalidatePath("/admin/organizations");
    return { ok: true, seq: previous.seq + 1, values: { name: org.name } };
  } catch (error) {
    return adminFormError(error, previous, values);
  }
}

/** One organization's change: rename, add MPN IDs, or retire one (`retire` names it). */
export async function updateOrganizationAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const admin = await requireUser(["ADMIN"]);
  const retire = formData.get("retire");
  const name = String(formData.get("name") ?? "");
  const add = mpnIdsOf(formData.get("addMpnIds"));
  const patch = retire ? { retireMpnIds: [String(retire)] } : { name, ...(add.length ? { addMpnIds: add } : {}) };
  try {
    await updateOrganization(getDb(), actorOf(admin), String(formData.get("organizationId") ?? ""), patch);
    revalidatePath("/admin/organizations");
    return { ok: true, seq: previous.seq + 1 };
  } catch (error) {
    return adminFormError(error, previous);
  }
}
