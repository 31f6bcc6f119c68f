"use server";

import { redirect } from "next/navigation";
import { errorState } from "@/components/claims/action-errors";
import type { ActionState, ClaimFormPayload } from "@/components/claims/action-state";
import { actorOf, requireUser } from "@/lib/auth/session";
import { PARTNER_ROLES } from "@/lib/claims/catalogue";
import { createClaim } from "@/lib/claims/service";
import { getDb } from "@/lib/db";

/** Creates the claim (the service validates with claimDraftSchema), then opens its page to add PoE. */
export async function createClaimAction(prev: ActionState, payload: ClaimFormPayload): Promise<ActionState> {
  const user = await requireUser(PARTNER_ROLES);
  let id: string;
  try {
    id = (await createClaim(getDb(), actorOf(user), payload?.input)).id;
  } catch (error) {
    return errorState(error, prev, payload?.input);
  }
  redirect(`/claims/${id}?created=1`);
}
