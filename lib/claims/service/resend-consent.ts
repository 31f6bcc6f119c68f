// A reviewer corrects the customer's email while the consent window is open (docs/domain.md "Notifications"):
// the old link is spent (it answers 410), a new one goes to the new address, consentEndsAt does not move, and the
// history records both addresses.
import type { Db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { hashConsentToken } from "../consent-request";
import type { Actor } from "../lifecycle";
import { resendConsentBodySchema } from "../schemas";
import { newConsentToken } from "./approve-claim";
import { postComment } from "./comments";
import { steps, tellCustomer } from "./notify-steps";
import { runTransition } from "./run-transition";
import type { ServiceOptions } from "./steps";

export function resendConsent(db: Db, actor: Actor, claimId: string, input: unknown, options: ServiceOptions = {}) {
  return runTransition(db, actor, claimId, "resend-consent", resendConsentBodySchema, input, options, ({ claim, body, now }) => {
    const contact = (claim.customerContact ?? {}) as Record<string, unknown>;
    const fromEmail = typeof contact.email === "string" ? contact.email : "";
    const consentEndsAt = claim.consentEndsAt!; // the guard checked the window is open
    const token = newConsentToken();
    return {
      data: { customerContact: { ...contact, email: body.email } as Prisma.InputJsonValue },
      events: [{ type: "CONSENT_RESENT", data: { fromEmail, toEmail: body.email } }],
      also: steps(
        async (tx) => {
          // Spent, not deleted: the old link answers 410 like a used one.
          await tx.consentToken.updateMany({ where: { claimId, usedAt: null }, data: { usedAt: now } });
          await tx.consentToken.create({ data: { claimId, tokenHash: hashConsentToken(token), expiresAt: consentEndsAt, createdAt: now } });
        },
        tellCustomer(claim, now, body.email, token, consentEndsAt),
        postComment(actor, claimId, body.comment, now),
      ),
    };
  });
}
