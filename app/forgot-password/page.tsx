import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PublicPage } from "@/components/shell/public-page";
import { ForgotPasswordForm } from "./forgot-password-form";

export default async function ForgotPasswordPage() {
  const t = await getTranslations("passwordLinks");
  return (
    <PublicPage title={t("forgotTitle")} intro={t("forgotIntro")}>
      <ForgotPasswordForm />
      <p className="mt-4 text-sm">
        <Link href="/login" className="text-blue-700 underline">
          {t("backToSignIn")}
        </Link>
      </p>
    </PublicPage>
  );
}
