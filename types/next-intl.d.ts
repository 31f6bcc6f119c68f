// next-intl's keys and locales are typed from the English message files: `t("claimPage.histroy")` or a
// namespace that does not exist fails the type check instead of showing the raw key at run time.
import type { Locale } from "../i18n/locales";
import type { Messages } from "../messages";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
