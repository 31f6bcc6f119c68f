// Short messages about what someone did on a claim: a comment, a resubmit, a dispute opened, a take-over.
// One file for the four because they share one shape: who did what, their words, the link.
import type { Language } from "../../notifications/catalogue";
import type { MailContent, RenderContext } from "./layout";
import type { DataOf } from "./message-data";
import { claimUrl, COMMON } from "./words";

type ActivityData = DataOf<"COMMENT_ADDED" | "CLAIM_RESUBMITTED" | "DISPUTE_OPENED" | "CLAIM_TAKEN_OVER">;

function wording(data: ActivityData, lang: Language): { subject: string; line: string; quote: string | null } {
  const n = data.claim.claimNumber;
  const c = data.claim.customerName;
  const fr = lang === "fr";
  switch (data.type) {
    case "COMMENT_ADDED":
      return {
        subject: fr ? `${n} : nouveau commentaire de ${data.by}` : `${n}: new comment from ${data.by}`,
        line: fr ? `${data.by} a commenté la revendication ${n} (${c}).` : `${data.by} commented on claim ${n} (${c}).`,
        quote: data.comment,
      };
    case "CLAIM_RESUBMITTED":
      return {
        subject: fr ? `${n} : resoumise par le partenaire` : `${n}: resubmitted by the partner`,
        line: fr
          ? `${data.by} a répondu à votre demande et resoumis la revendication ${n} (${c}) ; elle est de nouveau en cours d'examen.`
          : `${data.by} responded to your request and resubmitted claim ${n} (${c}); it is under review again.`,
        quote: data.comment,
      };
    case "DISPUTE_OPENED":
      return {
        subject: fr ? `${n} : le partenaire conteste le refus` : `${n}: the partner disputes the rejection`,
        line: fr
          ? `${data.by} conteste le refus de la revendication ${n} (${c}). Maintenez ou annulez le refus.`
          : `${data.by} disputes the rejection of claim ${n} (${c}). Uphold or overturn the rejection.`,
        quote: data.details,
      };
    case "CLAIM_TAKEN_OVER":
      return {
        subject: fr ? `${n} : reprise par ${data.by}` : `${n}: taken over by ${data.by}`,
        line: fr
          ? `${data.by} a repris la revendication ${n} (${c}) ; elle ne vous est plus assignée.`
          : `${data.by} took over claim ${n} (${c}); it is no longer assigned to you.`,
        quote: null,
      };
  }
}

export function claimActivity(data: ActivityData, lang: Language, ctx: RenderContext): MailContent {
  const { subject, line, quote } = wording(data, lang);
  return {
    subject,
    greeting: COMMON[lang].hello,
    paragraphs: [line],
    ...(quote ? { quote: { by: data.by, text: quote } } : {}),
    action: { label: COMMON[lang].openClaim, url: claimUrl(data.claim, ctx) },
    footer: COMMON[lang].footer,
  };
}
