// The customer denies the association through the single-use link (no account: the token is the credential).
import type { Db } from "../../db";
import { claimDetailInclude, claimStateOf } from "../claim-detail";
import { formatClaimNumber } from "../claim-number";
import { hashConsentToken } from "../consent-request";
import { ClaimError } from "../errors";
import { decide, type Actor } from "../lifecycle";
import { consentDenyBodySchema } from "../schemas";
import { rejectionDecision } from "../../notifications/claim-messages";
import { tellDecision } from "./notify-steps";
import { appendEvents, guardedUpdate, parseInput, transaction, type ServiceOptions } from "./steps";

export async function denyConsent(db: Db, token: string, input: unknown = {}, options: ServiceOptions = {}) {
  const now = options.now ?? new Date();
  const customer: Actor = { kind: "customer" };
  // The token is the credential: an unknown one is NOT_FOUND whatever the body (api-v1 order).
  const row = await db.consentToken.findUnique({ where: { tokenHash: hashConsentToken(token) } });
  if (!row) throw new ClaimError("NOT_FOUND", "This link is not valid.");
  const { reason } = parseInput(consentDenyBodySchema, input);
  if (row.usedAt) throw new ClaimError("GONE", "This link was already used.");
  const claim = await db.claim.findUniqueOrThrow({ where: { id: row.claimId }, include: claimDetailInclude });
  const decision = decide(claimStateOf(claim), "deny-consent", customer, now);
  if (!decision.ok) {
    throw decision.error.code === "GONE" || decision.error.code === "INVALID_TRANSITION"
      ? new ClaimError("GONE", "The time to deny this association has ended.")
      : new ClaimError(decision.error.code, decision.error.message);
  }
  await transaction(db, async (tx) => {
    const used = await tx.consentToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) throw new ClaimError("GONE", "This link was already used.");
    await guardedUpdate(
      tx,
      claim,
      {
        status: decision.to,
        rejectionReason: "CUSTOMER_DECLINE",
        rejectionComment: reason ?? null,
        rejectedAt: now,
        decidedAt: now,
        dueAt: null,
      },
      now,
    );
    await appendEvents(tx, claim.id, customer, now, [
      {
        type: "STATUS_CHANGED",
        fromStatus: claim.status,
        toStatus: decision.to,
        data: { action: "deny-consent", fromStatus: claim.status, toStatus: decision.to, rejectionReason: "CUSTOMER_DECLINE" },
      },
      { type: "CONSENT_DENIED", data: reason ? { reason } : {} },
    ]);
    await tellDecision(customer, claim, now, rejectionDecision("CUSTOMER_DECLINE", now), reason ?? null)(tx);
  });
  return { claimNumber: formatClaimNumber(claim.number) };
}
