import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { loadMessages } from "../messages";
import { DEFAULT_LOCALE, LOCALES, LOCALE_COOKIE, type Locale } from "./locales";

function pick(value: string | undefined): Locale | undefined {
  return LOCALES.find((l) => l === value);
}

// No locale in the URL: the language switcher sets a cookie; first visits follow Accept-Language.
export default getRequestConfig(async () => {
  const fromCookie = pick((await cookies()).get(LOCALE_COOKIE)?.value);
  const accept = (await headers()).get("accept-language") ?? "";
  const fromHeader = pick(accept.split(",")[0]?.split("-")[0]?.trim());
  const locale = fromCookie ?? fromHeader ?? DEFAULT_LOCALE;
  return { locale, messages: await loadMessages(locale), timeZone: "UTC" };
});
