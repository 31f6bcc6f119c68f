import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LanguageSwitcher } from "./language-switcher";

/** The frame of the pages people reach without a session (password links). */
export async function PublicPage(props: { title: string; intro?: string; children: ReactNode }) {
  const tApp = await getTranslations("app");
  return (
    <>
      <header className="on-dark bg-blue-800 text-white">
        <div className="mx-auto flex max-w-5xl items-center gap-4 px-4 py-3">
          <p className="text-lg font-semibold">{tApp("name")}</p>
          <div className="ml-auto">
            <LanguageSwitcher />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-md px-4 py-10">
        <section aria-labelledby="public-title" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 id="public-title" className="text-2xl font-semibold">
            {props.title}
          </h1>
          {props.intro ? <p className="mt-1 text-slate-600">{props.intro}</p> : null}
          {props.children}
        </section>
      </main>
    </>
  );
}
