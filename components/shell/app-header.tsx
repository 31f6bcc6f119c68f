import Image from "next/image";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/auth/session";
import { canManageApiKeys } from "@/lib/claims/api-keys";
import type { UserRole } from "@/lib/claims/catalogue";
import { LanguageSwitcher } from "./language-switcher";
import { NotificationBell } from "./notification-bell";
import { SignOutButton } from "./sign-out-button";

type NavKey = "claims" | "review" | "admin" | "settings" | "metrics";
const NAV_BY_ROLE: Record<UserRole, { key: NavKey; href: string }[]> = {
  PARTNER_ADMIN: [{ key: "claims", href: "/claims" }],
  PARTNER_BILLING: [{ key: "claims", href: "/claims" }],
  REVIEWER: [{ key: "review", href: "/review" }],
  ADMIN: [{ key: "admin", href: "/admin" }],
};

export async function AppHeader({ user }: { user: SessionUser }) {
  const [t, tNav, tRoles, tNotifications] = await Promise.all([
    getTranslations("app"),
    getTranslations("nav"),
    getTranslations("roles"),
    getTranslations("notifications"),
  ]);
  return (
    <header className="on-dark bg-blue-800 text-white">
      <a href="#main" className="skip-link text-blue-900">
        {t("skipToContent")}
      </a>
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold">
          <Image src="/logo.svg" alt="" width={28} height={28} priority />
          {t("name")}
        </Link>
        <nav aria-label={t("mainNavigation")} className="flex gap-4">
          {[
            ...NAV_BY_ROLE[user.role],
            // Metrics are for everyone signed in (partners see their own organization's).
            { key: "metrics" as const, href: "/metrics" },
            // Settings holds API keys, which PARTNER_BILLING may not manage (lib/claims/api-keys.ts).
            ...(canManageApiKeys(user.role) ? [{ key: "settings" as const, href: "/settings/api-keys" }] : []),
          ].map((item) => (
            <Link key={item.key} href={item.href} className="underline-offset-4 hover:underline">
              {tNav(item.key)}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex flex-wrap items-center gap-3">
          <p className="text-sm" data-testid="current-user">
            <span className="sr-only">{t("signedInAs", { name: user.name })}</span>
            <span aria-hidden="true">{user.name}</span>
            {" · "}
            <span data-testid="current-role">{tRoles(user.role)}</span>
            {user.organizationName ? (
              <>
                {" · "}
                <span data-testid="current-organization">{user.organizationName}</span>
              </>
            ) : null}
          </p>
          <NotificationBell label={tNotifications("bell")} unreadLabel={tNotifications.raw("bellUnread") as string} />
          <LanguageSwitcher />
          <SignOutButton label={t("signOut")} />
        </div>
      </div>
    </header>
  );
}
