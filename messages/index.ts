// UI strings, one JSON file per feature and locale (each file holds top-level namespaces), merged here.
// A new feature adds its file for BOTH locales and one line to each list below.
import type { Locale } from "../i18n/locales";
import type adminSettings from "./en/admin-settings.json";
import type api from "./en/api.json";
import type claimPages from "./en/claim-pages.json";
import type core from "./en/core.json";
import type dashboardUi from "./en/dashboard-ui.json";
import type review from "./en/review.json";
import type reviewerWorkbench from "./en/reviewer-workbench.json";
import type adminConsole from "./en/admin-console.json";
import type notifications from "./en/notifications.json";
import type partnerTools from "./en/partner-tools.json";
import type webhooks from "./en/webhooks.json";
import type metrics from "./en/metrics.json";
import type historyChain from "./en/history-chain.json";

/**
 * The shape of the UI strings: the English files, merged. next-intl checks every key against it (see
 * types/next-intl.d.ts), so a missing or misspelt key fails `tsc`; the messages test keeps French in step.
 */
export type Messages = typeof core & typeof adminSettings & typeof review & typeof claimPages & typeof dashboardUi & typeof api &
  typeof reviewerWorkbench & typeof adminConsole & typeof notifications & typeof partnerTools & typeof webhooks & typeof metrics & typeof historyChain;

const LOADERS: Record<Locale, (() => Promise<{ default: Partial<Messages> }>)[]> = {
  en: [
    () => import("./en/core.json"),
    () => import("./en/admin-settings.json"),
    () => import("./en/review.json"),
    () => import("./en/claim-pages.json"),
    () => import("./en/dashboard-ui.json"),
    () => import("./en/api.json"),
    () => import("./en/reviewer-workbench.json"),
    () => import("./en/admin-console.json"),
    () => import("./en/notifications.json"),
    () => import("./en/partner-tools.json"),
    () => import("./en/webhooks.json"),
    () => import("./en/metrics.json"),
    () => import("./en/history-chain.json"),
  ],
  fr: [
    () => import("./fr/core.json"),
    () => import("./fr/admin-settings.json"),
    () => import("./fr/review.json"),
    () => import("./fr/claim-pages.json"),
    () => import("./fr/dashboard-ui.json"),
    () => import("./fr/api.json"),
    () => import("./fr/reviewer-workbench.json"),
    () => import("./fr/admin-console.json"),
    () => import("./fr/notifications.json"),
    () => import("./fr/partner-tools.json"),
    () => import("./fr/webhooks.json"),
    () => import("./fr/metrics.json"),
    () => import("./fr/history-chain.json"),
  ],
};

export async function loadMessages(locale: Locale): Promise<Messages> {
  const parts = await Promise.all(LOADERS[locale].map((load) => load()));
  return Object.assign({}, ...parts.map((part) => part.default)) as Messages;
}
