// The customer's consent link, read side: the token's hash (the database never holds the raw token) and
// what the consent page shows before the customer decides.
import { createHash } from "node:crypto";
import type { Db } from "../db";
import { formatClaimNumber } from "./claim-number";
import { isConsentWindowOpen } from "./lifecycle";

/** A customer's consent link: the raw token goes out in the notice only; the database keeps its hash. */
export function hashConsentToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** What the consent page shows before the customer decides (nothing about the partner beyond its name). */
export async function findConsentRequest(db: Db, token: string, now = new Date()) {
  const row = await db.consentToken.findUnique({
    where: { tokenHash: hashConsentToken(token) },
    include: { claim: { include: { organization: true, products: { orderBy: { position: "asc" } } } } },
  });
  if (!row) return null;
  // denyConsent's rule: an unused link, and decide("deny-consent")'s from-status and window (the token's
  // expiresAt is the claim's consentEndsAt, set together at approval).
  const open = !row.usedAt && row.claim.status === "APPROVED" && isConsentWindowOpen(row.claim, now);
  return {
    open,
    used: Boolean(row.usedAt),
    expiresAt: row.expiresAt,
    claimNumber: formatClaimNumber(row.claim.number),
    partnerName: row.claim.organization.name,
    customerName: row.claim.customerName,
    products: row.claim.products.map((p) => p.name),
  };
}
