import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { clientMessagesOf, type ClientMessageArea } from "@/messages/client-namespaces";

/**
 * Gives the client components below it the message namespaces of one part of the portal (a nested provider
 * replaces its parent's messages, so the list includes what every page needs). Used by the root layout and by
 * the layouts of the parts that have client components.
 */
export async function ClientMessages({ area, children }: { area: ClientMessageArea; children: ReactNode }) {
  const messages = (await getMessages()) as Record<string, unknown>;
  return <NextIntlClientProvider messages={clientMessagesOf(messages, area)}>{children}</NextIntlClientProvider>;
}
