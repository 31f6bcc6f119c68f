"use client";

// The friendly page for any failure while rendering, above all a database that cannot be reached (the API
// answers 503 UNAVAILABLE then; pages land here). At the root so that it also catches failures of the portal
// layout (which reads the signed-in user). Nothing of the error is shown: `digest` lets an operator find the
// logged cause.
import { useTranslations } from "next-intl";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <main id="main" className="mx-auto max-w-xl p-8">
      <h1 className="text-2xl font-semibold">{t("errorTitle")}</h1>
      <p role="status" className="mt-2 text-slate-700">
        {t("error")}
      </p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-slate-500">{error.digest}</p> : null}
      <button type="button" onClick={reset} className="mt-4 rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900">
        {t("tryAgain")}
      </button>
    </main>
  );
}
