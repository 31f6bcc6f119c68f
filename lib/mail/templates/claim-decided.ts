// To the claim's partner users on every decision: approve, reject (reviewer, automatic, customer decline),
// sent for incentive assessment, dispute resolved. Says the new status, why, and what they can do next.
import type { Language } from "../../notifications/catalogue";
import { formatDateForPeople, type MailContent, type RenderContext } from "./layout";
import type { DataOf } from "./message-data";
import { claimUrl, COMMON, rejectionReason, statusName } from "./words";

function describe(data: DataOf<"CLAIM_DECIDED">, lang: Language, ctx: RenderContext): { headline: string; lines: string[] } {
  const d = data.decision;
  const n = data.claim.claimNumber;
  const fr = lang === "fr";
  const date = (iso: string) => formatDateForPeople(iso, lang, ctx.timeZone);
  switch (d.outcome) {
    case "APPROVED":
      return {
        headline: fr ? `${n} : ${statusName("APPROVED", lang)}` : `${n}: ${statusName("APPROVED", lang)}`,
        lines: [
          fr
            ? `La revendication ${n} (${data.claim.customerName}) est approuvée. Le client a été informé et peut refuser l'association jusqu'au ${date(d.consentEndsAt)} ; ensuite, elle est transmise à l'évaluation des incentives. Cela ne signifie pas que la revendication est approuvée pour des gains d'incentives.`
            : `Claim ${n} (${data.claim.customerName}) is approved. The customer has been told and may deny the association until ${date(d.consentEndsAt)}; then it is sent for incentive assessment. This does not mean the claim is approved for incentive earnings or payout.`,
        ],
      };
    case "REJECTED": {
      const reason = rejectionReason(d.reason, lang);
      const next = d.disputeUntil
        ? fr
          ? `Vous pouvez contester ce refus jusqu'au ${date(d.disputeUntil)}.`
          : `You may dispute this rejection until ${date(d.disputeUntil)}.`
        : fr
          ? "Ce refus ne peut pas être contesté."
          : "This rejection cannot be disputed.";
      return {
        headline: `${n}${fr ? " : " : ": "}${statusName("REJECTED", lang)} (${reason.label})`,
        lines: [
          fr
            ? `La revendication ${n} (${data.claim.customerName}) est refusée. Raison : ${reason.label}. ${reason.explanation}`
            : `Claim ${n} (${data.claim.customerName}) is rejected. Reason: ${reason.label}. ${reason.explanation}`,
          next,
        ],
      };
    }
    case "SENT_FOR_INCENTIVE_ASSESSMENT":
      return {
        headline: fr ? `${n} : transmise à l'évaluation des incentives` : `${n}: sent for incentive assessment`,
        lines: [
          fr
            ? `Le délai de refus du client est écoulé : la revendication ${n} (${data.claim.customerName}) est transmise à l'évaluation des incentives. Vous n'avez rien à faire.`
            : `The customer's window to deny has ended: claim ${n} (${data.claim.customerName}) is sent for incentive assessment. You need not do anything.`,
        ],
      };
    case "DISPUTE_UPHELD":
      return {
        headline: fr ? `${n} : contestation rejetée, le refus est maintenu` : `${n}: dispute resolved, the rejection stands`,
        lines: [
          fr
            ? `Le réviseur a examiné votre contestation de la revendication ${n} (${data.claim.customerName}) et maintient le refus. La revendication est close.`
            : `The reviewer looked at your dispute of claim ${n} (${data.claim.customerName}) and upheld the rejection. The claim is closed.`,
        ],
      };
    case "DISPUTE_OVERTURNED":
      return {
        headline: fr ? `${n} : contestation acceptée, la revendication revient en examen` : `${n}: dispute resolved, the claim is back under review`,
        lines: [
          fr
            ? `Le réviseur a annulé le refus de la revendication ${n} (${data.claim.customerName}) : elle est de nouveau en cours d'examen.`
            : `The reviewer overturned the rejection of claim ${n} (${data.claim.customerName}): it is under review again.`,
        ],
      };
  }
}

export function claimDecided(data: DataOf<"CLAIM_DECIDED">, lang: Language, ctx: RenderContext): MailContent {
  const { headline, lines } = describe(data, lang, ctx);
  return {
    subject: headline,
    greeting: COMMON[lang].hello,
    paragraphs: lines,
    ...(data.comment ? { quote: { by: data.by, text: data.comment } } : {}),
    action: { label: COMMON[lang].openClaim, url: claimUrl(data.claim, ctx) },
    footer: COMMON[lang].footer,
  };
}
