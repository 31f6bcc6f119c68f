import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CreateOrganizationForm, OrganizationForm, RetireMpnIdButton } from "@/components/admin/organization-forms";
import { listOrganizations } from "@/lib/admin/organizations";
import { actorOf, requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { createOrganizationAction, updateOrganizationAction } from "./actions";

export default async function AdminOrganizationsPage() {
  const admin = await requireUser(["ADMIN"]);
  const [t, organizations] = await Promise.all([getTranslations("adminOrganizations"), listOrganizations(getDb(), actorOf(admin))]);
  return (
    <div className="space-y-8">
      <p>
        <Link href="/admin" className="text-blue-700 underline">
          {t("back")}
        </Link>
      </p>
      <section aria-labelledby="orgs-title" className="space-y-3">
        <h1 id="orgs-title" className="text-2xl font-semibold">
          {t("title")}
        </h1>
        <p className="text-slate-600">{t("intro")}</p>
        <ul className="space-y-4" data-testid="organizations">
          {organizations.map((org) => (
            <li key={org.id} className="space-y-2 rounded border border-slate-200 bg-white p-4" data-testid={`organization-${org.name}`}>
              <h2 className="text-lg font-semibold">{org.name}</h2>
              <ul className="flex flex-wrap gap-3 text-sm">
                {org.locations.map((location) => (
                  <li key={location.mpnId} className="flex items-center gap-2" data-testid={`mpn-${location.mpnId}`}>
                    <span className={location.retiredAt ? "font-mono text-slate-500 line-through" : "font-mono"}>{location.mpnId}</span>
                    {location.retiredAt ? (
                      <span className="text-xs text-slate-600">{t("retired")}</span>
                    ) : (
                      <RetireMpnIdButton action={updateOrganizationAction} organizationId={org.id} mpnId={location.mpnId} />
                    )}
                  </li>
                ))}
              </ul>
              <OrganizationForm action={updateOrganizationAction} organization={{ id: org.id, name: org.name }} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="create-org-title" className="space-y-3 rounded border border-slate-200 bg-white p-6">
        <h2 id="create-org-title" className="text-xl font-semibold">
          {t("createTitle")}
        </h2>
        <CreateOrganizationForm action={createOrganizationAction} />
      </section>
    </div>
  );
}
