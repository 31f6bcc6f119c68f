import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main id="main" className="mx-auto max-w-xl p-8">
      <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-2 text-slate-700">{t("notFound")}</p>
      <p className="mt-4">
        <Link className="text-blue-700 underline" href="/">
          {t("backHome")}
        </Link>
      </p>
    </main>
  );
}
