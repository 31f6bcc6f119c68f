import { getTranslations } from "next-intl/server";
import type { ClaimPageModel } from "@/app/(portal)/claims/[id]/claim-page-model";
import { Card } from "@/components/ui/card";

/** An approved claim: the customer's consent window, then the hand-over for incentive assessment. */
export async function ApprovalPanel({ model }: { model: ClaimPageModel }) {
  const { claim, formatInstant } = model;
  const [t, tStatus] = await Promise.all([getTranslations("claimPage"), getTranslations("status")]);
  return (
    <Card title={tStatus("APPROVED")} id="approved-title" tone="success" testId="approval">
      {claim.sentForIncentiveAssessmentAt ? (
        <p>{t("sentForAssessment", { date: formatInstant(claim.sentForIncentiveAssessmentAt) })}</p>
      ) : claim.consentEndsAt ? (
        <p>{t("consentOpen", { date: formatInstant(claim.consentEndsAt) })}</p>
      ) : null}
      <p className="text-sm text-slate-700">{t("incentiveNote")}</p>
    </Card>
  );
}
