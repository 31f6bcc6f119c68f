// UI strings, one JSON file per feature and locale (each file holds top-level namespaces), merged here.
// A new feature adds its file for BOTH locales and one line to each list below.
import type { Locale } from "../i18n/locales";

type Messages = Record<string, unknown>;

const LOADERS: Record<Locale, (() => Promise<{ default: Messages }>)[]> = {
  en: [
    () => import("./en/core.json"),
    () => import("./en/admin-settings.json"),
    () => import("./en/review.json"),
    () => import("./en/claim-pages.json"),
    () => import("./en/dashboard-ui.json"),
    () => import("./en/api.json"),
    () => import("./en/reviewer-workbench.json"),
    () => import("./en/notifications.json"),
  ],
  fr: [
    () => import("./fr/core.json"),
    () => import("./fr/admin-settings.json"),
    () => import("./fr/review.json"),
    () => import("./fr/claim-pages.json"),
    () => import("./fr/dashboard-ui.json"),
    () => import("./fr/api.json"),
    () => import("./fr/reviewer-workbench.json"),
    () => import("./fr/notifications.json"),
  ],
};

export async function loadMessages(locale: Locale): Promise<Messages> {
  const parts = await Promise.all(LOADERS[locale].map((load) => load()));
  return Object.assign({}, ...parts.map((part) => part.default));
}
