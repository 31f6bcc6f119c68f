// Message data built from a claim row, shared by the use cases and the sweep, so every caller describes a claim
// and a decision the same way.
import { formatClaimNumber } from "../claims/claim-number";
import type { RejectionReason } from "../claims/catalogue";
import { disputeWindowEndsAt } from "../claims/lifecycle";
import type { ClaimRef, Decision } from "../mail/templates";
import { languageOf, type Language } from "./catalogue";
import type { Audience } from "./notify";

export function claimRefOf(claim: { id: string; number: number; customerName: string }): ClaimRef {
  return { claimId: claim.id, claimNumber: formatClaimNumber(claim.number), customerName: claim.customerName };
}

/** A rejection the partner may still dispute says until when; its own withdrawal cannot be disputed. */
export function rejectionDecision(reason: RejectionReason, rejectedAt: Date): Decision {
  return {
    outcome: "REJECTED",
    reason,
    disputeUntil: reason === "PARTNER_REQUEST" ? null : disputeWindowEndsAt(rejectedAt).toISOString(),
  };
}

/** "The claim's partner users and the claim's partner contact" (request info, reminders). */
export function partnerAudience(
  claim: { organizationId: string; partnerContact: unknown },
  contactLanguage: Language,
): Audience[] {
  const contact = claim.partnerContact as { email?: unknown } | null;
  const email = typeof contact?.email === "string" ? contact.email : "";
  return [
    { kind: "partner-users", organizationId: claim.organizationId },
    ...(email ? [{ kind: "address" as const, email, language: contactLanguage }] : []),
  ];
}

/** People without an account (customer, partner contact) get the language of the partner user who filed the claim. */
export async function filerLanguage(
  tx: { user: { findUnique(args: { where: { id: string }; select: { language: true } }): Promise<{ language: string | null } | null> } },
  createdById: string,
): Promise<Language> {
  const filer = await tx.user.findUnique({ where: { id: createdById }, select: { language: true } });
  return languageOf(filer?.language);
}
