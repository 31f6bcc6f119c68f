import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClaimForm } from "@/components/claims/claim-form";
import { formValuesOf } from "@/components/claims/claim-form-model";
import { CLAIM_FIELDS } from "@/lib/claims/catalogue";
import { formatClaimNumber } from "@/lib/claims/claim-number";
import { listPartnerLocations } from "@/lib/claims/claim-page";
import { checkPoeUpload, editableFields, isPartner } from "@/lib/claims/policy";
import { claimStateOf, claimValuesOf } from "@/lib/claims/claim-detail";
import { getDb } from "@/lib/db";
import { updateClaimAction } from "../actions";
import { loadClaimForPage } from "../claim-data";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { claim } = await loadClaimForPage((await props.params).id);
  const t = await getTranslations("claimForm");
  return { title: t("editTitle", { number: formatClaimNumber(claim.number) }) };
}

/**
 * Editing follows the editable-fields-per-status rule (policy.editableFields): the form sends only those
 * fields and shows the others read-only with the reason, derived from the same rule.
 */
export default async function EditClaimPage(props: Props) {
  const { id } = await props.params;
  const { actor, claim } = await loadClaimForPage(id);
  // Only the claim's partner organization edits; anyone else who may see it reads the claim page instead.
  if (!isPartner(actor)) notFound();
  const [t, tField, tStatus, format, locations] = await Promise.all([
    getTranslations("claimForm"),
    getTranslations("claimFields"),
    getTranslations("status"),
    getFormatter(),
    listPartnerLocations(getDb(), actor, claim.mpnId),
  ]);
  const number = formatClaimNumber(claim.number);
  const editable = editableFields(actor, claim);
  const status = tStatus(claim.status);
  const canUpload = checkPoeUpload(actor, claimStateOf(claim)) === null;
  const fields = format.list([...editable.map((f) => tField(f)), ...(canUpload ? [tField("poe")] : [])], { type: "conjunction" });
  const lockedReason = editable.length < CLAIM_FIELDS.length ? t("lockedReason", { status, fields }) : undefined;
  const backHref = `/claims/${claim.id}`;

  return (
    <section aria-labelledby="edit-title" className="mx-auto max-w-4xl space-y-4">
      <nav aria-label={t("backToClaim")} className="text-sm">
        <Link href={backHref} className="text-blue-700 underline">
          {t("backToClaim")} {number}
        </Link>
      </nav>
      <div>
        <h1 id="edit-title" className="text-2xl font-semibold">
          {t("editTitle", { number })}
        </h1>
        <p className="mt-1 text-slate-700">{t("editIntro", { status })}</p>
      </div>
      {editable.length === 0 ? (
        <p className="rounded border border-slate-300 bg-slate-100 p-4" data-testid="locked-reason">
          {t("nothingEditable", { status })}
        </p>
      ) : (
        <ClaimForm
          mode="edit"
          action={updateClaimAction.bind(null, claim.id)}
          initialValues={formValuesOf(claimValuesOf(claim))}
          version={claim.version}
          editableFields={editable}
          lockedReason={lockedReason}
          lockedShort={t("lockedShort", { status })}
          locations={locations}
          cancelHref={backHref}
        />
      )}
    </section>
  );
}
