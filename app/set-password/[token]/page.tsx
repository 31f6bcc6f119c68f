import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PublicPage } from "@/components/shell/public-page";
import { passwordLinkState } from "@/lib/auth/password-links";
import { getDb } from "@/lib/db";
import { SetPasswordForm } from "./set-password-form";

export const dynamic = "force-dynamic";

// The token is in the URL: keep the page out of indexes and its address out of Referer headers.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/** The page behind the set-password link (new users and "forgot password"); the token is the credential. */
export default async function SetPasswordPage(props: { params: Promise<{ token: string }> }) {
  const { token } = await props.params;
  const t = await getTranslations("passwordLinks");
  const state = await passwordLinkState(getDb(), token);
  return (
    <PublicPage title={t("setTitle")} intro={state === "VALID" ? t("setIntro") : undefined}>
      {state === "VALID" ? (
        <SetPasswordForm token={token} />
      ) : (
        <div className="mt-6 space-y-3">
          <p data-testid="set-password-invalid">{t("invalid")}</p>
          <Link href="/forgot-password" className="text-blue-700 underline">
            {t("forgotLink")}
          </Link>
        </div>
      )}
    </PublicPage>
  );
}
