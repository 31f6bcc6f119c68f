// Approval opens the customer's consent window: a single-use token (only its hash is stored) and the
// consent notice in the outbox, in the approval's transaction. The raw token lives only in that outbox
// row's link: it is not returned, so no API answer or page can leak it.
import { randomBytes } from "node:crypto";
import type { Db } from "../../db";
import { portalBaseUrl } from "../../config";
import { consentNoticeMessage } from "../../mail/consent-notice";
import { formatClaimNumber } from "../claim-number";
import { hashConsentToken } from "../consent-request";
import type { Actor } from "../lifecycle";
import { approveBodySchema } from "../schemas";
import { stageDueAt } from "../sla";
import { postComment } from "./comments";
import { runTransition } from "./run-transition";
import type { ServiceOptions } from "./steps";

export async function approveClaim(db: Db, actor: Actor, claimId: string, input: unknown = {}, options: ServiceOptions = {}) {
  return runTransition(db, actor, claimId, "approve", approveBodySchema, input, options, ({ claim, body, now, settings }) => {
    const consentEndsAt = stageDueAt("APPROVED", now, settings);
    const consentToken = randomBytes(32).toString("base64url");
    const contact = claim.customerContact as { email?: string; name?: string } | null;
    return {
      data: { approvedAt: now, decidedAt: now, consentEndsAt, dueAt: consentEndsAt, overdue: false, reasonCodes: [] },
      events: [{ type: "CONSENT_REQUESTED", data: { consentEndsAt: consentEndsAt.toISOString() } }],
      also: async (tx) => {
        await tx.consentToken.create({
          data: { claimId, tokenHash: hashConsentToken(consentToken), expiresAt: consentEndsAt, createdAt: now },
        });
        const notice = consentNoticeMessage({
          claimNumber: formatClaimNumber(claim.number),
          customerName: claim.customerName,
          customerDomain: claim.customerDomain,
          contactName: contact?.name,
          link: `${portalBaseUrl()}/consent/${consentToken}`,
          endsAt: consentEndsAt,
        });
        await tx.outboxMessage.create({
          data: {
            kind: "CUSTOMER_CONSENT_NOTICE",
            dedupeKey: `consent:${claimId}:${now.toISOString()}`,
            recipient: contact?.email ?? "",
            subject: notice.subject,
            body: notice.body,
            claimId,
            createdAt: now,
            availableAt: now,
          },
        });
        await postComment(actor, claimId, body.comment, now)(tx);
      },
    };
  });
}
