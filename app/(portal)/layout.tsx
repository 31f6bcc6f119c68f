import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { requireUser } from "@/lib/auth/session";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <AppHeader user={user} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
