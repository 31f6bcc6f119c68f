"use server";

// The partner's server actions on a claim page: thin on purpose. Each one gets the signed-in user and runs
// one claim use case (which validates with the shared zod schemas, checks visibility, the policy and the
// transition table) through claimActionState, which maps a ClaimError to the state the form renders. Claim
// id and version are bound by the page. The reviewer's decisions are in ./reviewer-actions.ts.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { claimActionState, claimPath, errorState } from "@/components/claims/action-errors";
import type { ActionState, ClaimFormPayload } from "@/components/claims/action-state";
import { getFieldFormatter } from "@/components/claims/field-format";
import { actorOf, requireUser } from "@/lib/auth/session";
import type { ClaimField } from "@/lib/claims/catalogue";
import { ClaimError, isClaimError } from "@/lib/claims/errors";
import type { Actor } from "@/lib/claims/lifecycle";
import { claimPatchSchema } from "@/lib/claims/schemas";
import {
  addComment,
  claimValuesOf,
  discardClaim,
  duplicateClaim,
  fieldValues,
  findVisibleClaim,
  openDispute,
  resubmitClaim,
  submitClaim,
  updateClaim,
  withdrawClaim,
} from "@/lib/claims/service";
import { getDb } from "@/lib/db";

export interface TextPayload {
  text?: string;
}

async function actor(): Promise<Actor> {
  return actorOf(await requireUser());
}

/**
 * A stale edit: tell the user which fields now hold something other than what they sent (formatted, so they
 * can compare), and the version to save against if they keep their input.
 */
async function conflictState(error: ClaimError, prev: ActionState, who: Actor, claimId: string, input: unknown): Promise<ActionState> {
  // The form explains a stale edit itself (what changed, and that saving again keeps the user's input).
  const base = { ...(await errorState(error, prev)), message: undefined };
  try {
    const current = await findVisibleClaim(getDb(), who, claimId);
    const stored = fieldValues(claimValuesOf(current));
    const parsed = claimPatchSchema.safeParse(input);
    const sent = (parsed.success ? parsed.data : (input ?? {})) as Record<string, unknown>;
    const { format } = await getFieldFormatter();
    const saved: Record<string, string> = {};
    for (const field of Object.keys(stored) as ClaimField[]) {
      if (!(field in sent)) continue;
      if (JSON.stringify(stored[field] ?? null) !== JSON.stringify(sent[field] ?? null)) saved[field] = format(field, stored[field]);
    }
    return { ...base, conflict: { version: current.version, status: current.status, saved } };
  } catch (reloadError) {
    return errorState(reloadError, prev);
  }
}

export async function updateClaimAction(claimId: string, prev: ActionState, payload: ClaimFormPayload): Promise<ActionState> {
  const who = await actor();
  try {
    if (!Number.isInteger(payload?.version)) throw new ClaimError("CONFLICT", "The form did not say which version it edits.");
    await updateClaim(getDb(), who, claimId, payload.version!, payload.input);
  } catch (error) {
    if (isClaimError(error) && error.code === "CONFLICT") return conflictState(error, prev, who, claimId, payload?.input);
    return errorState(error, prev, payload?.input);
  }
  redirect(`${claimPath(claimId)}?saved=1`);
}

export async function submitClaimAction(claimId: string, version: number, prev: ActionState): Promise<ActionState> {
  const who = await actor();
  return claimActionState(prev, claimId, () => submitClaim(getDb(), who, claimId, { version }));
}

export async function resubmitClaimAction(claimId: string, version: number, prev: ActionState, payload: TextPayload): Promise<ActionState> {
  const who = await actor();
  return claimActionState(prev, claimId, () => resubmitClaim(getDb(), who, claimId, { version, comment: payload?.text }));
}

export async function withdrawClaimAction(
  claimId: string,
  version: number,
  prev: ActionState,
  payload: { withdrawReason?: string; text?: string },
): Promise<ActionState> {
  const who = await actor();
  return claimActionState(prev, claimId, () =>
    withdrawClaim(getDb(), who, claimId, { version, withdrawReason: payload?.withdrawReason, comment: payload?.text }),
  );
}

/** Discards the draft (claim, files, history) and goes back to the dashboard. */
export async function discardClaimAction(claimId: string, version: number, prev: ActionState): Promise<ActionState> {
  const who = await actor();
  try {
    await discardClaim(getDb(), who, claimId, version);
  } catch (error) {
    return errorState(error, prev);
  }
  revalidatePath("/claims");
  redirect("/claims?discarded=1");
}

/** Copies the claim into a new draft and opens it. */
export async function duplicateClaimAction(claimId: string, prev: ActionState): Promise<ActionState> {
  const who = await actor();
  let copyId: string;
  try {
    copyId = (await duplicateClaim(getDb(), who, claimId)).id;
  } catch (error) {
    return errorState(error, prev);
  }
  revalidatePath("/claims");
  redirect(`${claimPath(copyId)}?duplicated=1`);
}

export async function addCommentAction(claimId: string, prev: ActionState, payload: TextPayload): Promise<ActionState> {
  const who = await actor();
  return claimActionState(prev, claimId, () => addComment(getDb(), who, claimId, { body: payload?.text }));
}

export interface DisputePayload {
  details?: string;
  products?: unknown[];
}

export async function openDisputeAction(claimId: string, prev: ActionState, payload: DisputePayload): Promise<ActionState> {
  const who = await actor();
  return claimActionState(
    prev,
    claimId,
    () => openDispute(getDb(), who, claimId, { details: payload?.details, products: payload?.products }),
    payload,
  );
}
