"use server";

import { requestPasswordReset } from "@/lib/auth/password-links";
import { getDb } from "@/lib/db";

/** Always answers the same, whether or not an account uses the email (no account enumeration). */
export async function forgotPasswordAction(_previous: { sent: boolean }, formData: FormData): Promise<{ sent: boolean }> {
  await requestPasswordReset(getDb(), formData.get("email"));
  return { sent: true };
}
