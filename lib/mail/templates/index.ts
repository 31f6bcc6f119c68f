// renderMessage: the one entry from a message's data to its email (subject, text, HTML) and its in-app line.
import type { Language } from "../../notifications/catalogue";
import { passwordLink, webhookDisabled } from "./account-messages";
import { claimActivity } from "./claim-activity";
import { claimDecided } from "./claim-decided";
import { customerConsentNotice } from "./customer-consent-notice";
import { deadlineReminder } from "./deadline-reminder";
import { infoRequested } from "./info-requested";
import { renderLayout, type MailContent, type RenderContext, type RenderedMail } from "./layout";
import type { MessageData } from "./message-data";
import { reviewOverdue } from "./review-overdue";

export type { RenderContext, RenderedMail } from "./layout";
export { formatDateForPeople } from "./layout";
export type { ClaimRef, Decision, MessageData, MessageType, OverdueClaimRef } from "./message-data";

export function messageContent(data: MessageData, lang: Language, ctx: RenderContext, secret?: string): MailContent {
  switch (data.type) {
    case "CUSTOMER_CONSENT_NOTICE":
      if (!secret) throw new Error("The consent notice needs its consent token.");
      return customerConsentNotice(data, lang, ctx, secret);
    case "INFO_REQUESTED":
      return infoRequested(data, lang, ctx);
    case "DEADLINE_REMINDER":
      return deadlineReminder(data, lang, ctx);
    case "CLAIM_DECIDED":
      return claimDecided(data, lang, ctx);
    case "REVIEW_OVERDUE":
      return reviewOverdue(data, lang, ctx);
    case "COMMENT_ADDED":
    case "CLAIM_RESUBMITTED":
    case "DISPUTE_OPENED":
    case "CLAIM_TAKEN_OVER":
      return claimActivity(data, lang, ctx);
    case "WEBHOOK_DISABLED":
      return webhookDisabled(data, lang, ctx);
    case "PASSWORD_LINK":
      if (!secret) throw new Error("The set-password email needs its token.");
      return passwordLink(data, lang, ctx, secret);
  }
}

export function renderMessage(data: MessageData, lang: Language, ctx: RenderContext, secret?: string): RenderedMail {
  return renderLayout(messageContent(data, lang, ctx, secret));
}

/** The bell's line for the same event: the subject as title, the first paragraph (and the person's words) as body. */
export function inAppText(data: MessageData, lang: Language, ctx: RenderContext): { title: string; body: string } {
  const content = messageContent(data, lang, ctx);
  const words = content.quote ? `\n${content.quote.by}: ${content.quote.text}` : "";
  return { title: content.subject, body: `${content.paragraphs[0] ?? ""}${words}`.slice(0, 4000) };
}
