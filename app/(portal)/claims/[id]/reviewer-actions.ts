"use server";

// A reviewer's decisions on a claim, beside the claim page that offers them (the dispute queue uses
// resolveDisputeAction too): thin server actions over the claim service, which validates the body (zod),
// checks the role and the transition table, and writes the change and its history in one transaction.
// Claim id and version are bound by the page; a stale version answers CONFLICT.
import { revalidatePath } from "next/cache";
import { claimActionState } from "@/components/claims/action-errors";
import type { ActionState } from "@/components/claims/action-state";
import { actorOf, requireUser } from "@/lib/auth/session";
import type { Actor } from "@/lib/claims/lifecycle";
import {
  addNote,
  approveClaim,
  rejectClaim,
  requestPartnerInfo,
  resendConsent,
  resolveDispute,
  startReview,
  takeOverClaimWithHolder,
} from "@/lib/claims/service";
import { getDb } from "@/lib/db";

export interface DecisionPayload {
  reasonCodes?: string[];
  reason?: string;
  comment?: string;
  outcome?: string;
  email?: string;
}

async function decideAs(claimId: string, prev: ActionState, run: (actor: Actor) => Promise<unknown>): Promise<ActionState> {
  const actor = actorOf(await requireUser(["REVIEWER"]));
  const state = await claimActionState(prev, claimId, () => run(actor));
  // A decision may take a claim off the dispute queue.
  if (state.status === "ok") revalidatePath("/review/disputes");
  return state;
}

// Blank text is "not given"; anything that is not a string goes on to the schema, which refuses it (a crafted
// request can send any JSON value: calling trim() on it was an unexpected error).
const text = (value: string | undefined) => (typeof value !== "string" ? value : value.trim() ? value : undefined);

export async function startReviewAction(claimId: string, version: number, prev: ActionState): Promise<ActionState> {
  return decideAs(claimId, prev, (actor) => startReview(getDb(), actor, claimId, { version }));
}

export async function requestInfoAction(claimId: string, version: number, prev: ActionState, payload: DecisionPayload): Promise<ActionState> {
  return decideAs(claimId, prev, (actor) =>
    requestPartnerInfo(getDb(), actor, claimId, { version, reasonCodes: payload.reasonCodes ?? [], comment: payload.comment ?? "" }),
  );
}

export async function approveAction(claimId: string, version: number, prev: ActionState, payload: DecisionPayload): Promise<ActionState> {
  return decideAs(claimId, prev, (actor) => approveClaim(getDb(), actor, claimId, { version, comment: text(payload.comment) }));
}

export async function rejectAction(claimId: string, version: number, prev: ActionState, payload: DecisionPayload): Promise<ActionState> {
  return decideAs(claimId, prev, (actor) =>
    rejectClaim(getDb(), actor, claimId, { version, reason: payload.reason, comment: text(payload.comment) }),
  );
}

export async function resolveDisputeAction(claimId: string, disputeId: string, prev: ActionState, payload: DecisionPayload): Promise<ActionState> {
  return decideAs(claimId, prev, (actor) =>
    resolveDispute(getDb(), actor, disputeId, { outcome: payload.outcome, comment: payload.comment ?? "" }),
  );
}

export async function takeOverAction(claimId: string, version: number, prev: ActionState): Promise<ActionState> {
  return decideAs(claimId, prev, (actor) => takeOverClaimWithHolder(getDb(), actor, claimId, { version }));
}

/** An internal note: no version (a note changes nothing of the claim), never shown to the partner. */
export async function addNoteAction(claimId: string, prev: ActionState, payload: { body?: string }): Promise<ActionState> {
  return decideAs(claimId, prev, (actor) => addNote(getDb(), actor, claimId, { body: payload.body ?? "" }));
}

/** Corrects the customer's address while the consent window is open: a new link goes there, the old one is void. */
export async function resendConsentAction(claimId: string, version: number, prev: ActionState, payload: DecisionPayload): Promise<ActionState> {
  return decideAs(claimId, prev, (actor) => resendConsent(getDb(), actor, claimId, { version, email: payload.email ?? "" }));
}
