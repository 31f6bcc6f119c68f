// Approval opens the customer's consent window: a single-use token (only its hash is stored), the customer's
// notice (the token sealed in the outbox row) and the partner users' decision message, in the approval's
// transaction. The raw token is not returned, so no API answer or page can leak it.
import { randomBytes } from "node:crypto";
import type { Db } from "../../db";
import { hashConsentToken } from "../consent-request";
import type { Actor } from "../lifecycle";
import { approveBodySchema } from "../schemas";
import { stageDueAt } from "../sla";
import { postComment } from "./comments";
import { steps, tellCustomer, tellDecision } from "./notify-steps";
import { runTransition } from "./run-transition";
import type { ServiceOptions } from "./steps";

export function newConsentToken(): string {
  return randomBytes(32).toString("base64url");
}

export async function approveClaim(db: Db, actor: Actor, claimId: string, input: unknown = {}, options: ServiceOptions = {}) {
  return runTransition(db, actor, claimId, "approve", approveBodySchema, input, options, ({ claim, body, now, settings }) => {
    const consentEndsAt = stageDueAt("APPROVED", now, settings);
    const consentToken = newConsentToken();
    const contact = claim.customerContact as { email?: string } | null;
    return {
      data: { approvedAt: now, decidedAt: now, consentEndsAt, dueAt: consentEndsAt, overdue: false, reasonCodes: [] },
      events: [{ type: "CONSENT_REQUESTED", data: { consentEndsAt: consentEndsAt.toISOString() } }],
      also: steps(
        async (tx) => {
          await tx.consentToken.create({
            data: { claimId, tokenHash: hashConsentToken(consentToken), expiresAt: consentEndsAt, createdAt: now },
          });
        },
        tellCustomer(claim, now, contact?.email ?? "", consentToken, consentEndsAt),
        tellDecision(actor, claim, now, { outcome: "APPROVED", consentEndsAt: consentEndsAt.toISOString() }, body.comment),
        postComment(actor, claimId, body.comment, now),
      ),
    };
  });
}
