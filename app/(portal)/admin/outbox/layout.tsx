import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// The message namespaces this part's client components need (messages/client-namespaces.ts). Here, not on
// /admin itself: the claim list there has no client translations, and the namespaces were ~4 kB of its payload.
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages area="admin">{children}</ClientMessages>;
}
