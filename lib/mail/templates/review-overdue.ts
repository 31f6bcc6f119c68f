// To every reviewer, once per claim, when a SUBMITTED claim passes its deadline with no review started.
import type { Language } from "../../notifications/catalogue";
import { formatDateForPeople, type MailContent, type RenderContext } from "./layout";
import type { DataOf } from "./message-data";
import { claimUrl, COMMON } from "./words";

export function reviewOverdue(data: DataOf<"REVIEW_OVERDUE">, lang: Language, ctx: RenderContext): MailContent {
  const due = formatDateForPeople(data.dueAt, lang, ctx.timeZone);
  const n = data.claim.claimNumber;
  const fr = lang === "fr";
  return {
    subject: fr ? `${n} : l'examen n'a pas commencé dans les délais` : `${n}: review not started in time`,
    greeting: COMMON[lang].hello,
    paragraphs: [
      fr
        ? `La revendication ${n} (${data.claim.customerName}) devait être prise en examen avant le ${due} et attend toujours un réviseur.`
        : `Claim ${n} (${data.claim.customerName}) was due to start review by ${due} and is still waiting for a reviewer.`,
    ],
    action: { label: fr ? "Commencer l'examen" : "Start the review", url: claimUrl(data.claim, ctx) },
    footer: COMMON[lang].footer,
  };
}
