import type { Messages } from ".";

/**
 * The message namespaces that client components need, by part of the portal. Server components translate on the
 * server and send text; only these namespaces travel to the browser, and each part gets only its own (the root
 * layout sends `everywhere`, a part's layout adds its list through <ClientMessages>). Sending the whole catalogue
 * put ~45 kB of messages into the RSC payload of every page. tests/unit/client-messages.test.ts fails when a
 * client component uses a namespace that no list here has.
 */
export const CLIENT_MESSAGES = {
  everywhere: ["errors"],
  signIn: ["login", "passwordLinks"],
  passwordLinks: ["passwordLinks"],
  consent: ["consentPage", "claimErrors"],
  claims: [
    "claimErrors",
    "claimFields",
    "claimForm",
    "claimReasons",
    "claimDispute",
    "claimDraftTools",
    "claimWithdraw",
    "claimPoe",
    "reviewPanel",
    "workbench",
    "historyVerify",
    "activity",
    "program",
    "solutionArea",
    "status",
    "workload",
  ],
  review: ["claimErrors", "workbench", "reviewPanel", "claimReasons"],
  admin: ["adminUsers", "adminSettings", "adminOrganizations", "roles", "historyVerify"],
  settings: ["apiKeys", "claimImport", "webhooks"],
} as const satisfies Record<string, readonly (keyof Messages)[]>;

export type ClientMessageArea = keyof typeof CLIENT_MESSAGES;

/** The messages of `area` (plus those every page needs), picked from the full catalogue. */
export function clientMessagesOf(messages: Record<string, unknown>, area: ClientMessageArea): Record<string, unknown> {
  const namespaces = new Set<string>([...CLIENT_MESSAGES.everywhere, ...CLIENT_MESSAGES[area]]);
  return Object.fromEntries(Object.entries(messages).filter(([namespace]) => namespaces.has(namespace)));
}
