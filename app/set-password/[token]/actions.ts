"use server";

import { setPasswordWithLink } from "@/lib/auth/password-links";
import { isClaimError } from "@/lib/claims/errors";
import { getDb } from "@/lib/db";

export interface SetPasswordState {
  status: "idle" | "done" | "invalid" | "error";
  seq: number;
  error?: string;
}

export async function setPasswordAction(previous: SetPasswordState, formData: FormData): Promise<SetPasswordState> {
  const seq = previous.seq + 1;
  const password = String(formData.get("password") ?? "");
  if (password !== String(formData.get("confirm") ?? "")) return { status: "error", seq, error: "mismatch" };
  try {
    await setPasswordWithLink(getDb(), String(formData.get("token") ?? ""), password);
    return { status: "done", seq };
  } catch (error) {
    if (!isClaimError(error)) throw error;
    if (error.code === "GONE") return { status: "invalid", seq };
    return { status: "error", seq, error: error.errors?.[0]?.message ?? error.message };
  }
}
