// To every reviewer: the claims that passed their SUBMITTED deadline with no review started, as one digest per
// sweep batch (each claim is in exactly one digest: lib/notifications/sweep-alerts.ts). The first claims by
// deadline are listed with their links; the rest are counted, with a link to the review queue's overdue view.
import type { Language } from "../../notifications/catalogue";
import { formatDateForPeople, type MailContent, type RenderContext } from "./layout";
import type { ClaimRef, DataOf, OverdueClaimRef } from "./message-data";
import { claimUrl, COMMON } from "./words";

/** A row queued before the digest: one claim. */
interface SingleClaimAlert {
  claim: ClaimRef;
  dueAt: string;
}

function claimsOf(data: DataOf<"REVIEW_OVERDUE"> | SingleClaimAlert): { claims: OverdueClaimRef[]; total: number } {
  if ("claims" in data) return { claims: data.claims, total: Math.max(data.total, data.claims.length) };
  return { claims: [{ ...data.claim, dueAt: data.dueAt }], total: 1 };
}

/** The review queue showing overdue claims (SUBMITTED, soonest deadline first: the queue's default). */
export function overdueQueueUrl(ctx: RenderContext): string {
  return `${ctx.baseUrl}/review?overdue=true`;
}

export function reviewOverdue(data: DataOf<"REVIEW_OVERDUE">, lang: Language, ctx: RenderContext): MailContent {
  const { claims, total } = claimsOf(data);
  const fr = lang === "fr";
  const due = (claim: OverdueClaimRef) => formatDateForPeople(claim.dueAt, lang, ctx.timeZone);
  const more = total - claims.length;
  if (total === 1 && claims.length === 1) {
    const [claim] = claims;
    const n = claim.claimNumber;
    return {
      subject: fr ? `${n} : l'examen n'a pas commencé dans les délais` : `${n}: review not started in time`,
      greeting: COMMON[lang].hello,
      paragraphs: [
        fr
          ? `La revendication ${n} (${claim.customerName}) devait être prise en examen avant le ${due(claim)} et attend toujours un réviseur.`
          : `Claim ${n} (${claim.customerName}) was due to start review by ${due(claim)} and is still waiting for a reviewer.`,
      ],
      action: { label: fr ? "Commencer l'examen" : "Start the review", url: claimUrl(claim, ctx) },
      footer: COMMON[lang].footer,
    };
  }
  const numbers = `${claims.map((c) => c.claimNumber).join(", ")}${more > 0 ? (fr ? ` et ${more} autres` : ` and ${more} more`) : ""}`;
  return {
    subject: fr
      ? `${total} revendications : l'examen n'a pas commencé dans les délais`
      : `${total} claims: review not started in time`,
    greeting: COMMON[lang].hello,
    paragraphs: [
      fr
        ? `${total} revendications ont dépassé leur délai de prise en examen et attendent toujours un réviseur : ${numbers}.`
        : `${total} claims passed their deadline to start review and are still waiting for a reviewer: ${numbers}.`,
    ],
    list: {
      items: claims.map((claim) => ({
        text: fr
          ? `${claim.claimNumber} (${claim.customerName}), échéance le ${due(claim)}`
          : `${claim.claimNumber} (${claim.customerName}), due ${due(claim)}`,
        url: claimUrl(claim, ctx),
      })),
      more:
        more > 0
          ? fr
            ? `… et ${more} autres : la file d'examen filtrée sur les revendications en retard les montre toutes.`
            : `…and ${more} more: the review queue filtered on overdue claims shows them all.`
          : undefined,
    },
    action: { label: fr ? "Voir les revendications en retard" : "See the overdue claims", url: overdueQueueUrl(ctx) },
    footer: COMMON[lang].footer,
  };
}
