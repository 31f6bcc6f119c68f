import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getInstantFormatter } from "@/components/claims/date-format";
import { DisputeResolveForm } from "@/components/review/workbench-forms";
import { oneOf } from "@/i18n/message-keys";
import { actorOf, requireUser } from "@/lib/auth/session";
import { REJECTION_REASONS } from "@/lib/claims/catalogue";
import { formatClaimNumber } from "@/lib/claims/claim-number";
import { listOpenDisputeQueue } from "@/lib/claims/claim-reads";
import { getSlaSettings } from "@/lib/claims/settings";
import { pageReadDb } from "@/lib/page-read-db";
import { resolveDisputeAction } from "../../claims/[id]/reviewer-actions";

// The dispute queue: open disputes oldest first (the order they are owed an answer), each resolvable in
// place through the same resolve use case as the claim page and the API.
export default async function DisputeQueuePage() {
  const user = await requireUser(["REVIEWER"]);
  const db = await pageReadDb();
  const [disputes, settings, t, tPanel, tReasons] = await Promise.all([
    listOpenDisputeQueue(db, actorOf(user)),
    getSlaSettings(db),
    getTranslations("workbench"),
    getTranslations("reviewPanel"),
    getTranslations("claimReasons"),
  ]);
  const formatInstant = await getInstantFormatter(settings.timeZone);
  const rejectionLabel = (code: string | null) => {
    const reason = oneOf(REJECTION_REASONS, code);
    return reason ? tReasons(`rejection.${reason}.label`) : (code ?? "—");
  };
  return (
    <section aria-labelledby="disputes-title" className="space-y-4">
      <div>
        <h1 id="disputes-title" className="text-2xl font-semibold">
          {t("disputesTitle")}
        </h1>
        <p className="text-slate-600">{t("disputesIntro")}</p>
        <p className="mt-1">
          <Link href="/review" className="text-blue-700 underline">
            {t("backToQueue")}
          </Link>
        </p>
      </div>
      {disputes.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4" data-testid="disputes-empty">
          {t("disputesEmpty")}
        </p>
      ) : (
        <ol className="space-y-4" data-testid="dispute-queue">
          {disputes.map((dispute) => {
            const number = formatClaimNumber(dispute.claim.number);
            return (
              <li key={dispute.id} className="space-y-3 rounded border border-slate-200 bg-white p-4" data-testid="dispute-item" data-claim-number={number}>
                <div className="flex flex-wrap items-baseline justify-between gap-x-4">
                  <h2 className="text-lg font-semibold">
                    <Link href={`/claims/${encodeURIComponent(dispute.claim.id)}`} className="font-mono text-blue-700 underline">
                      {number}
                    </Link>{" "}
                    · {dispute.claim.customerName}
                  </h2>
                  <p className="text-sm text-slate-600">
                    {t("disputeOpened", { date: formatInstant(dispute.createdAt) })}
                  </p>
                </div>
                <dl className="grid gap-2 text-sm md:grid-cols-[12rem_1fr]">
                  <dt className="font-medium">{t("disputeOrganization")}</dt>
                  <dd>{dispute.claim.organization.name}</dd>
                  <dt className="font-medium">{t("disputeRejection")}</dt>
                  <dd>{rejectionLabel(dispute.claim.rejectionReason)}</dd>
                  {dispute.claim.rejectionComment ? (
                    <>
                      <dt className="font-medium">{t("disputeRejectionComment")}</dt>
                      <dd className="whitespace-pre-wrap break-words">{dispute.claim.rejectionComment}</dd>
                    </>
                  ) : null}
                  <dt className="font-medium">{t("disputeDetails")}</dt>
                  <dd className="whitespace-pre-wrap break-words" data-testid="dispute-details">
                    {dispute.details}
                  </dd>
                </dl>
                <DisputeResolveForm
                  action={resolveDisputeAction.bind(null, dispute.claim.id, dispute.id)}
                  outcomeLabels={{ UPHOLD: tPanel("outcome_UPHOLD"), OVERTURN: tPanel("outcome_OVERTURN") }}
                />
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
