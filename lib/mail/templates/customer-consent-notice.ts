// To the customer contact at approval: which partner claims to have helped which customer, and how to deny it.
// In the language of the partner user who filed the claim (the customer has no account and no setting).
import type { Language } from "../../notifications/catalogue";
import { formatDateForPeople, type MailContent, type RenderContext } from "./layout";
import type { DataOf } from "./message-data";
import { COMMON, productName } from "./words";

export function customerConsentNotice(
  data: DataOf<"CUSTOMER_CONSENT_NOTICE">,
  lang: Language,
  ctx: RenderContext,
  consentToken: string,
): MailContent {
  const until = formatDateForPeople(data.consentEndsAt, lang, ctx.timeZone);
  const url = `${ctx.baseUrl}/consent/${encodeURIComponent(consentToken)}`;
  const products = data.products.map((p) => productName(p, lang)).join(", ");
  const partner = `${data.organizationName} (MPN ID ${data.mpnId})`;
  if (lang === "fr") {
    return {
      subject: `${data.organizationName} est désormais associé à ${data.claim.customerName} auprès de Microsoft`,
      greeting: data.contactName ? `Bonjour ${data.contactName},` : COMMON.fr.hello,
      paragraphs: [
        `Microsoft a approuvé la revendication ${data.claim.claimNumber} du partenaire ${partner}, qui déclare avoir aidé ${data.claim.customerName} (${data.customerDomain}) à adopter des produits Microsoft.`,
        `Si vous ne souhaitez pas que ce partenaire soit associé à votre organisation, refusez l'association avant le ${until}. Sinon, vous n'avez rien à faire.`,
      ],
      facts: [
        ["Partenaire", partner],
        ["Client", `${data.claim.customerName} (${data.customerDomain})`],
        ["Programme", data.program],
        ["Produits", products],
        ["Refus possible jusqu'au", until],
      ],
      action: { label: "Refuser l'association", url },
      footer: "Portail des revendications CPOR. Ce lien est personnel et à usage unique.",
    };
  }
  return {
    subject: `${data.organizationName} is now associated with ${data.claim.customerName} at Microsoft`,
    greeting: data.contactName ? `Hello ${data.contactName},` : COMMON.en.hello,
    paragraphs: [
      `Microsoft approved claim ${data.claim.claimNumber} by the partner ${partner}, which says it helped ${data.claim.customerName} (${data.customerDomain}) use Microsoft products.`,
      `If you do not want this partner associated with your organization, deny the association before ${until}. If this is correct, you need not do anything.`,
    ],
    facts: [
      ["Partner", partner],
      ["Customer", `${data.claim.customerName} (${data.customerDomain})`],
      ["Program", data.program],
      ["Products", products],
      ["You may deny until", until],
    ],
    action: { label: "Deny this association", url },
    footer: "CPOR Claims Portal. This link is personal and works once.",
  };
}
