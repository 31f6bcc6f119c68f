"use server";

// The customer's denial through the consent link: no account, the single-use token is the credential.
// The service checks the token (unknown → NOT_FOUND, used or too late → GONE) and rejects the claim with
// CUSTOMER_DECLINE in one guarded transaction.
import { getTranslations } from "next-intl/server";
import { errorState } from "@/components/claims/action-errors";
import type { ActionState } from "@/components/claims/action-state";
import { isClaimError } from "@/lib/claims/errors";
import { denyConsent } from "@/lib/claims/service";
import { getDb } from "@/lib/db";

export async function denyConsentAction(token: string, prev: ActionState, payload: { text?: string }): Promise<ActionState> {
  try {
    const { claimNumber } = await denyConsent(getDb(), token, { reason: payload?.text });
    return { status: "ok", seq: prev.seq + 1, data: { claimNumber } };
  } catch (error) {
    if (isClaimError(error) && (error.code === "GONE" || error.code === "NOT_FOUND")) {
      const t = await getTranslations("consentPage");
      const reason = error.code === "NOT_FOUND" ? t("unknownTitle") : t("closedTitle");
      return { status: "error", seq: prev.seq + 1, message: t("error", { reason }) };
    }
    return errorState(error, prev);
  }
}
