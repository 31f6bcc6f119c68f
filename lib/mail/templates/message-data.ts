// What each outbox message carries (OutboxMessage.data, JSON): enough to render it at delivery time in the
// recipient's language, and no secret (the consent token travels sealed in OutboxMessage.secret).
import type { InfoRequestReason, RejectionReason } from "../../claims/catalogue";

export interface ClaimRef {
  claimId: string;
  /** "CPOR-000123" */
  claimNumber: string;
  customerName: string;
}

/** A claim listed in the reviewers' overdue digest, with the deadline it passed. */
export interface OverdueClaimRef extends ClaimRef {
  dueAt: string;
}

export type Decision =
  | { outcome: "APPROVED"; consentEndsAt: string }
  | { outcome: "REJECTED"; reason: RejectionReason; disputeUntil: string | null }
  | { outcome: "SENT_FOR_INCENTIVE_ASSESSMENT" }
  | { outcome: "DISPUTE_UPHELD" }
  | { outcome: "DISPUTE_OVERTURNED" };

export type MessageData =
  | {
      type: "CUSTOMER_CONSENT_NOTICE";
      claim: ClaimRef;
      contactName: string | null;
      customerDomain: string;
      organizationName: string;
      mpnId: string;
      program: string;
      products: string[];
      consentEndsAt: string;
    }
  | { type: "INFO_REQUESTED"; claim: ClaimRef; reasonCodes: InfoRequestReason[]; comment: string; dueAt: string; by: string }
  | { type: "DEADLINE_REMINDER"; claim: ClaimRef; businessDaysLeft: number; dueAt: string }
  | { type: "CLAIM_DECIDED"; claim: ClaimRef; decision: Decision; comment: string | null; by: string }
  | { type: "COMMENT_ADDED"; claim: ClaimRef; comment: string; by: string }
  | { type: "CLAIM_RESUBMITTED"; claim: ClaimRef; comment: string | null; by: string }
  | { type: "DISPUTE_OPENED"; claim: ClaimRef; details: string; by: string }
  /**
   * The reviewers' digest of claims that passed their SUBMITTED deadline in one sweep batch: the first claims by
   * deadline (at most REVIEW_DIGEST_LISTED) and how many the batch held in all. (Rows queued before the digest
   * held one claim as `{ claim, dueAt }`; the template still renders them.)
   */
  | { type: "REVIEW_OVERDUE"; claims: OverdueClaimRef[]; total: number }
  | { type: "CLAIM_TAKEN_OVER"; claim: ClaimRef; by: string }
  | { type: "WEBHOOK_DISABLED"; url: string; disabledAt: string }
  /** The set-password link's token travels sealed in OutboxMessage.secret, never here. */
  | { type: "PASSWORD_LINK"; purpose: "SET" | "RESET"; name: string; expiresAt: string };

export type MessageType = MessageData["type"];
export type DataOf<T extends MessageType> = Extract<MessageData, { type: T }>;
