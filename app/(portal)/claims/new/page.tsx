import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClaimForm } from "@/components/claims/claim-form";
import { emptyClaimFormValues } from "@/components/claims/claim-form-model";
import { actorOf, requireUser } from "@/lib/auth/session";
import { CLAIM_FIELDS, PARTNER_ROLES } from "@/lib/claims/catalogue";
import { listPartnerLocations } from "@/lib/claims/claim-page";
import { getDb } from "@/lib/db";
import { createClaimAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("claimForm");
  return { title: t("newTitle") };
}

export default async function NewClaimPage() {
  const user = await requireUser(PARTNER_ROLES);
  const [t, tPage, locations] = await Promise.all([
    getTranslations("claimForm"),
    getTranslations("claimPage"),
    listPartnerLocations(getDb(), actorOf(user)),
  ]);
  return (
    <section aria-labelledby="new-claim-title" className="mx-auto max-w-4xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/claims" className="text-blue-700 underline">
          {tPage("backToList")}
        </Link>
      </nav>
      <div>
        <h1 id="new-claim-title" className="text-2xl font-semibold">
          {t("newTitle")}
        </h1>
        <p className="mt-1 text-slate-700">{t("newIntro")}</p>
      </div>
      <ClaimForm
        mode="create"
        action={createClaimAction}
        initialValues={emptyClaimFormValues({ mpnId: locations.length === 1 ? locations[0].mpnId : "" })}
        editableFields={CLAIM_FIELDS}
        locations={locations}
        cancelHref="/claims"
      />
    </section>
  );
}
