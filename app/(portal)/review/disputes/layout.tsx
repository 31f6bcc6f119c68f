import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// The message namespaces this part's client components need (messages/client-namespaces.ts). Here, not on the
// queue (/review) itself: its claim list has no client translations, and they were ~6 kB of its payload.
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages area="review">{children}</ClientMessages>;
}
