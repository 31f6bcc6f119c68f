import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClaimList } from "@/components/claims/claim-list";
import { actorOf, requireUser } from "@/lib/auth/session";
import { listFiltersFromSearchParams } from "@/lib/claims/list-params";
import { listClaimsPage } from "@/lib/claims/list-page";
import { getSlaSettings } from "@/lib/claims/settings";
import { pageReadDb } from "@/lib/page-read-db";

export default async function AdminPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser(["ADMIN"]);
  const filters = listFiltersFromSearchParams(await props.searchParams);
  const db = await pageReadDb();
  const now = new Date();
  const result = await listClaimsPage(db, actorOf(user), filters, now);
  // Only the organizations on this page, by primary key (there may be thousands).
  const organizationIds = [...new Set(result.items.map((claim) => claim.organizationId))];
  const [t, tSettings, tUsers, tOrganizations, tAudit, tOutbox, settings, organizations] = await Promise.all([
    getTranslations("admin"),
    getTranslations("adminSettings"),
    getTranslations("adminUsers"),
    getTranslations("adminOrganizations"),
    getTranslations("adminAudit"),
    getTranslations("adminOutbox"),
    getSlaSettings(db),
    db.organization.findMany({ where: { id: { in: organizationIds } }, select: { id: true, name: true } }),
  ]);
  return (
    <section aria-labelledby="admin-title" className="space-y-4">
      <div>
        <h1 id="admin-title" className="text-2xl font-semibold">
          {t("title")}
        </h1>
        <p className="text-slate-600">{t("intro")}</p>
        <p className="mt-2 flex flex-wrap gap-4">
          <Link href="/admin/users" className="text-blue-700 underline">
            {tUsers("link")}
          </Link>
          <Link href="/admin/organizations" className="text-blue-700 underline">
            {tOrganizations("link")}
          </Link>
          <Link href="/admin/audit" className="text-blue-700 underline">
            {tAudit("link")}
          </Link>
          <Link href="/admin/settings" className="text-blue-700 underline">
            {tSettings("link")}
          </Link>
          <Link href="/admin/outbox" className="text-blue-700 underline">
            {tOutbox("link")}
          </Link>
        </p>
      </div>
      <ClaimList
        basePath="/admin"
        filters={filters}
        result={result}
        now={now}
        settings={settings}
        audience="staff"
        organizations={new Map(organizations.map((o) => [o.id, o.name]))}
      />
    </section>
  );
}
