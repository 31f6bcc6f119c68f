// 2 and 1 business days before the partner-action deadline (lib/notifications/reminders.ts decides when).
import type { Language } from "../../notifications/catalogue";
import { formatDateForPeople, type MailContent, type RenderContext } from "./layout";
import type { DataOf } from "./message-data";
import { claimUrl, COMMON } from "./words";

export function deadlineReminder(data: DataOf<"DEADLINE_REMINDER">, lang: Language, ctx: RenderContext): MailContent {
  const due = formatDateForPeople(data.dueAt, lang, ctx.timeZone);
  const n = data.businessDaysLeft;
  if (lang === "fr") {
    return {
      subject: `Rappel ${data.claim.claimNumber} : ${n === 1 ? "dernier jour ouvré" : `${n} jours ouvrés`} pour répondre`,
      greeting: COMMON.fr.hello,
      paragraphs: [
        `Le réviseur attend toujours votre réponse sur la revendication ${data.claim.claimNumber} (${data.claim.customerName}). Répondez et resoumettez avant le ${due}, sinon la revendication sera refusée faute de réponse.`,
      ],
      action: { label: COMMON.fr.openClaim, url: claimUrl(data.claim, ctx) },
      footer: COMMON.fr.footer,
    };
  }
  return {
    subject: `Reminder ${data.claim.claimNumber}: ${n === 1 ? "last business day" : `${n} business days`} to respond`,
    greeting: COMMON.en.hello,
    paragraphs: [
      `The reviewer is still waiting for your response on claim ${data.claim.claimNumber} (${data.claim.customerName}). Respond and resubmit by ${due}, or the claim is rejected for no partner response.`,
    ],
    action: { label: COMMON.en.openClaim, url: claimUrl(data.claim, ctx) },
    footer: COMMON.en.footer,
  };
}
