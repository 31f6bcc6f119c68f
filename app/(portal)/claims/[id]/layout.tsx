import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// The message namespaces this part's client components need (messages/client-namespaces.ts).
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages area="claims">{children}</ClientMessages>;
}
