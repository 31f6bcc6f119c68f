// The customer's consent notice: the text of the message the approval puts in the outbox. Pure: the
// caller passes the link (built from lib/config.ts's portal URL and the raw token).

export interface ConsentNoticeInput {
  claimNumber: string;
  customerName: string;
  customerDomain: string;
  /** The customer contact's name, when the claim has one. */
  contactName?: string;
  link: string;
  endsAt: Date;
}

export function consentNoticeMessage(input: ConsentNoticeInput): { subject: string; body: string } {
  return {
    subject: `A Microsoft partner is now associated with ${input.customerName}`,
    body: [
      `Hello${input.contactName ? ` ${input.contactName}` : ""},`,
      "",
      `Microsoft approved a partner's claim (${input.claimNumber}) that it helped ${input.customerName} (${input.customerDomain}) use Microsoft products.`,
      `If you do not want this partner associated with your organization, deny the association before ${input.endsAt.toISOString()}:`,
      input.link,
      "",
      "If this is correct, you need not do anything.",
    ].join("\n"),
  };
}

/**
 * The raw token in a notice's link. The token leaves the service only inside the outbox row (the database
 * keeps its hash); the seed and tests that act as the customer read it back from there, as the customer
 * reads it from the delivered mail.
 */
export function consentTokenInNotice(body: string): string | null {
  return /\/consent\/([A-Za-z0-9_-]+)/.exec(body)?.[1] ?? null;
}
