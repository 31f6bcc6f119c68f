import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClaimList } from "@/components/claims/claim-list";
import { NewClaimLink } from "@/components/claims/new-claim-link";
import { actorOf, requireUser } from "@/lib/auth/session";
import { PARTNER_ROLES } from "@/lib/claims/catalogue";
import { listFiltersFromSearchParams } from "@/lib/claims/list-params";
import { listClaimsPage } from "@/lib/claims/list-page";
import { getSlaSettings } from "@/lib/claims/settings";
import { pageReadDb } from "@/lib/page-read-db";

export default async function ClaimsDashboardPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser(PARTNER_ROLES);
  const filters = listFiltersFromSearchParams(await props.searchParams);
  const db = await pageReadDb();
  const now = new Date();
  const [t, tImport, result, settings] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("claimImport"),
    listClaimsPage(db, actorOf(user), filters, now),
    getSlaSettings(db),
  ]);
  return (
    <section aria-labelledby="dashboard-title" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="dashboard-title" className="text-2xl font-semibold">
            {t("title")}
          </h1>
          <p className="text-slate-600">{t("intro")}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href="/settings/import" className="rounded border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-50" data-testid="import-claims">
            {tImport("title")}
          </Link>
          <NewClaimLink />
        </div>
      </div>
      <ClaimList
        basePath="/claims"
        filters={filters}
        result={result}
        now={now}
        settings={settings}
        audience="partner"
      />
    </section>
  );
}
