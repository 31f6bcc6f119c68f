// To the claim's partner users and partner contact: the reviewer needs more before deciding.
import type { Language } from "../../notifications/catalogue";
import { formatDateForPeople, type MailContent, type RenderContext } from "./layout";
import type { DataOf } from "./message-data";
import { claimUrl, COMMON, infoReason } from "./words";

export function infoRequested(data: DataOf<"INFO_REQUESTED">, lang: Language, ctx: RenderContext): MailContent {
  const due = formatDateForPeople(data.dueAt, lang, ctx.timeZone);
  const reasons = data.reasonCodes.map((code) => {
    const r = infoReason(code, lang);
    return `${r.label}: ${r.explanation}`;
  });
  const fr = lang === "fr";
  return {
    subject: fr
      ? `${data.claim.claimNumber} : le réviseur demande des informations (réponse avant le ${due})`
      : `${data.claim.claimNumber}: the reviewer needs more information (respond by ${due})`,
    greeting: COMMON[lang].hello,
    paragraphs: [
      fr
        ? `Le réviseur a besoin d'informations complémentaires sur la revendication ${data.claim.claimNumber} (${data.claim.customerName}). Répondez et resoumettez avant le ${due}, sinon la revendication sera refusée faute de réponse.`
        : `The reviewer needs more information on claim ${data.claim.claimNumber} (${data.claim.customerName}). Respond and resubmit by ${due}, or the claim is rejected for no partner response.`,
      ...reasons,
    ],
    quote: { by: data.by, text: data.comment },
    action: { label: COMMON[lang].openClaim, url: claimUrl(data.claim, ctx) },
    footer: COMMON[lang].footer,
  };
}
