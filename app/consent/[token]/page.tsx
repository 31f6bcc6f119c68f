import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ConsentDenyForm } from "@/components/claims/consent-deny-form";
import { getInstantFormatter } from "@/components/claims/date-format";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { oneOf, WORKLOAD_KEYS } from "@/i18n/message-keys";
import { findConsentRequest } from "@/lib/claims/consent-request";
import { getSlaSettings } from "@/lib/claims/settings";
import { getDb } from "@/lib/db";
import { denyConsentAction } from "./actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("consentPage");
  // The token is in the URL: keep the page out of indexes and its address out of Referer headers.
  return { title: t("metaTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/**
 * The customer's page behind the consent link in the notice (no sign-in: the single-use token is the
 * credential). It shows who claims the association and until when it can be denied, and the denial form.
 */
export default async function ConsentPage(props: { params: Promise<{ token: string }> }) {
  const { token } = await props.params;
  const db = getDb();
  const now = new Date();
  const [t, tApp, tWorkload, request, settings] = await Promise.all([
    getTranslations("consentPage"),
    getTranslations("app"),
    getTranslations("workload"),
    findConsentRequest(db, token, now),
    getSlaSettings(db),
  ]);
  const formatInstant = await getInstantFormatter(settings.timeZone);

  let body: ReactNode;
  if (!request) {
    body = <Message testId="consent-unknown" title={t("unknownTitle")} text={t("unknown")} />;
  } else if (request.used) {
    body = <Message testId="consent-used" title={t("usedTitle")} text={t("used")} />;
  } else if (!request.open) {
    body =
      now >= request.expiresAt ? (
        <Message testId="consent-expired" title={t("expiredTitle")} text={t("expired", { date: formatInstant(request.expiresAt) })} />
      ) : (
        <Message testId="consent-closed" title={t("closedTitle")} text={t("closed")} />
      );
  } else {
    const deadline = formatInstant(request.expiresAt);
    const products = request.products.map((name) => {
      const workload = oneOf(WORKLOAD_KEYS, name);
      return workload ? tWorkload(workload) : name;
    });
    body = (
      <div className="space-y-5">
        <h1 className="text-2xl font-semibold">{t("title", { customer: request.customerName })}</h1>
        <p>{t("intro")}</p>
        <dl className="grid gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-2" data-testid="consent-details">
          <Item label={t("claimNumber")} value={request.claimNumber} testId="consent-claim-number" />
          <Item label={t("partner")} value={request.partnerName} testId="consent-partner" />
          <Item label={t("customer")} value={request.customerName} testId="consent-customer" />
          <Item label={t("deadline")} value={deadline} testId="consent-deadline" />
          <div className="sm:col-span-2">
            <dt className="text-xs font-medium uppercase text-slate-600">{t("products")}</dt>
            <dd>
              <ul className="list-disc pl-5" data-testid="consent-products">
                {products.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </dd>
          </div>
        </dl>
        <section aria-labelledby="deny-title" className="space-y-3 rounded border border-rose-300 bg-rose-50 p-4">
          <h2 id="deny-title" className="text-lg font-semibold">
            {t("denyTitle")}
          </h2>
          <p>{t("denyIntro", { deadline })}</p>
          <ConsentDenyForm action={denyConsentAction.bind(null, token)} />
        </section>
      </div>
    );
  }

  return (
    <>
      <header className="on-dark bg-blue-800 text-white">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <p className="text-lg font-semibold">{tApp("name")}</p>
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-3xl px-4 py-8">
        {body}
      </main>
    </>
  );
}

function Message({ title, text, testId }: { title: string; text: string; testId: string }) {
  return (
    <div className="space-y-2" data-testid={testId}>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p>{text}</p>
    </div>
  );
}

function Item({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase text-slate-600">{label}</dt>
      <dd className="break-words font-medium" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
