import Image from "next/image";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { isEntraEnabled } from "@/lib/auth/options";
import { getCurrentUser, homePathFor } from "@/lib/auth/session";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/demo-users";
import { LoginForm } from "./login-form";

export default async function LoginPage() {
  const user = await getCurrentUser();
  if (user) redirect(homePathFor(user.role));
  const t = await getTranslations("login");
  const tApp = await getTranslations("app");
  const tRoles = await getTranslations("roles");
  // The demo sign-ins are shown only when the demo command started the portal.
  const showDemo = process.env.CPOR_DEMO === "1";
  return (
    <>
      <header className="on-dark bg-blue-800 text-white">
        <div className="mx-auto flex max-w-5xl items-center gap-4 px-4 py-3">
          <p className="flex items-center gap-2 text-lg font-semibold">
            <Image src="/logo.svg" alt="" width={28} height={28} priority />
            {tApp("name")}
          </p>
          <div className="ml-auto">
            <LanguageSwitcher />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto grid max-w-5xl gap-8 px-4 py-10 md:grid-cols-2">
        <section aria-labelledby="login-title" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 id="login-title" className="text-2xl font-semibold">
            {t("title")}
          </h1>
          <p className="mt-1 text-slate-600">{t("intro")}</p>
          <Suspense>
            <LoginForm entraEnabled={isEntraEnabled()} />
          </Suspense>
        </section>
        {showDemo ? (
          <section aria-labelledby="demo-title" className="rounded-lg border border-amber-300 bg-amber-50 p-6">
            <h2 id="demo-title" className="text-lg font-semibold">
              {t("demoTitle")}
            </h2>
            <p className="mt-1 text-sm">{t("demoPassword", { password: DEMO_PASSWORD })}</p>
            <ul className="mt-3 space-y-1 text-sm">
              {DEMO_USERS.map((u) => (
                <li key={u.email}>
                  <code>{u.email}</code> — {tRoles(u.role)}
                  {u.organization ? `, ${u.organization}` : ""}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </main>
    </>
  );
}
