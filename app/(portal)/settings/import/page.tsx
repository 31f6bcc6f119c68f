import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { PARTNER_ROLES } from "@/lib/claims/catalogue";
import { MAX_IMPORT_ROWS } from "@/lib/claims/import/import-format";
import { ImportForm } from "./import-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("claimImport"))("title") };
}

// Settings → Import (docs/domain.md "Partner tools"): partners of either role.
export default async function ImportPage() {
  await requireUser(PARTNER_ROLES);
  const t = await getTranslations("claimImport");
  return (
    <section aria-labelledby="import-title" className="space-y-4">
      <h1 id="import-title" className="text-2xl font-semibold">
        {t("title")}
      </h1>
      <p className="text-slate-700">{t("intro", { max: MAX_IMPORT_ROWS })}</p>
      <p>
        <a href="/settings/import/template.csv" className="text-blue-800 underline" data-testid="import-template">
          {t("template")}
        </a>
      </p>
      <ImportForm />
    </section>
  );
}
