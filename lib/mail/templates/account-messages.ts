// Messages about an account rather than a claim: the single-use set-password link (a new user, "Forgot
// password") and a partner admin's webhook endpoint that the portal disabled after 72 hours of failures.
import type { Language } from "../../notifications/catalogue";
import { formatDateForPeople, type MailContent, type RenderContext } from "./layout";
import type { DataOf } from "./message-data";
import { COMMON } from "./words";

/** The link is the secret: it exists in clear only in the email sent (sealed in the outbox until then). */
export function passwordLink(data: DataOf<"PASSWORD_LINK">, lang: Language, ctx: RenderContext, token: string): MailContent {
  const until = formatDateForPeople(data.expiresAt, lang, ctx.timeZone);
  const fr = lang === "fr";
  const created = data.purpose === "SET";
  return {
    subject: created
      ? fr ? "Votre compte sur le portail CPOR" : "Your CPOR Claims Portal account"
      : fr ? "Réinitialiser votre mot de passe du portail CPOR" : "Reset your CPOR Claims Portal password",
    greeting: fr ? `Bonjour ${data.name},` : `Hello ${data.name},`,
    paragraphs: [
      created
        ? fr ? "Un administrateur a créé votre compte sur le portail CPOR." : "An administrator created your account on the CPOR Claims Portal."
        : fr
          ? "Quelqu'un a demandé à réinitialiser le mot de passe de ce compte. Si c'était vous, choisissez un nouveau mot de passe avec ce lien ; sinon, ignorez ce message."
          : "Someone asked to reset the password of this account. If it was you, choose a new password with this link; if it was not, ignore this message.",
      fr ? `Le lien ne fonctionne qu'une fois, jusqu'au ${until}.` : `The link works once, until ${until}.`,
    ],
    action: { label: fr ? "Choisir mon mot de passe" : "Choose my password", url: `${ctx.baseUrl}/set-password/${token}` },
    footer: COMMON[lang].footer,
  };
}

export function webhookDisabled(data: DataOf<"WEBHOOK_DISABLED">, lang: Language, ctx: RenderContext): MailContent {
  const when = formatDateForPeople(data.disabledAt, lang, ctx.timeZone);
  const fr = lang === "fr";
  return {
    subject: fr ? "CPOR : un point de terminaison webhook a été désactivé" : "CPOR: a webhook endpoint was disabled",
    greeting: COMMON[lang].hello,
    paragraphs: [
      fr
        ? `Toutes les livraisons vers ${data.url} ont échoué pendant 72 heures : le portail a désactivé ce point de terminaison le ${when}.`
        : `Every delivery to ${data.url} failed for 72 hours, so the portal disabled the endpoint on ${when}.`,
      fr
        ? "Réparez le récepteur, puis enregistrez de nouveau le point de terminaison dans Paramètres → Webhooks."
        : "Fix the receiver, then register the endpoint again under Settings → Webhooks.",
    ],
    action: { label: fr ? "Ouvrir les webhooks" : "Open webhooks", url: `${ctx.baseUrl}/settings/webhooks` },
    footer: COMMON[lang].footer,
  };
}
