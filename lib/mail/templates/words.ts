// Words shared by the templates. Status, reason and workload names come from the portal's own message files, so
// an email says exactly what the claim page says.
import enClaim from "../../../messages/en/claim-pages.json" with { type: "json" };
import enCore from "../../../messages/en/core.json" with { type: "json" };
import frClaim from "../../../messages/fr/claim-pages.json" with { type: "json" };
import frCore from "../../../messages/fr/core.json" with { type: "json" };
import type { InfoRequestReason, RejectionReason } from "../../claims/catalogue";
import type { Language } from "../../notifications/catalogue";
import type { RenderContext } from "./layout";
import type { ClaimRef } from "./message-data";

const CLAIM = { en: enClaim, fr: frClaim };
const CORE = { en: enCore, fr: frCore };

export function infoReason(code: InfoRequestReason, lang: Language): { label: string; explanation: string } {
  return CLAIM[lang].claimReasons.info[code];
}

export function rejectionReason(code: RejectionReason, lang: Language): { label: string; explanation: string } {
  return CLAIM[lang].claimReasons.rejection[code];
}

export function statusName(status: keyof typeof enCore.status, lang: Language): string {
  return CORE[lang].status[status];
}

/** A product code (workload) by its portal name; Dynamics products are stored by name already. */
export function productName(code: string, lang: Language): string {
  const names = CORE[lang].workload as Record<string, string>;
  return names[code] ?? code;
}

export function claimUrl(claim: ClaimRef, ctx: RenderContext): string {
  return `${ctx.baseUrl}/claims/${encodeURIComponent(claim.claimId)}`;
}

export const COMMON = {
  en: {
    hello: "Hello,",
    openClaim: "Open the claim",
    footer: "CPOR Claims Portal. You receive this email because of your role on this claim; turn kinds of email off in Settings → Notifications.",
  },
  fr: {
    hello: "Bonjour,",
    openClaim: "Ouvrir la revendication",
    footer: "Portail des revendications CPOR. Vous recevez ce courriel en raison de votre rôle sur cette revendication ; désactivez des types de courriels dans Paramètres → Notifications.",
  },
} satisfies Record<Language, Record<string, string>>;
