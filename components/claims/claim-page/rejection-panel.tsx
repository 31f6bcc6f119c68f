import { getTranslations } from "next-intl/server";
import type { ClaimPageModel } from "@/app/(portal)/claims/[id]/claim-page-model";
import { oneOf, WORKLOAD_KEYS } from "@/i18n/message-keys";
import { REJECTION_REASONS } from "@/lib/claims/catalogue";
import { formatClaimNumber } from "@/lib/claims/claim-number";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ModalDialog } from "@/components/ui/dialog";
import type { ActionState } from "../action-state";
import { DisputeForm, type DisputeProduct } from "../dispute-form";

type DisputeAction = (state: ActionState, payload: { details?: string; products?: unknown[] }) => Promise<ActionState>;

/**
 * A rejected claim: why, and its dispute — the dispute's details once one exists, otherwise the offer to
 * open one while the window is open. Both come from the same claim the page loaded (claim.dispute and the
 * policy's open-dispute), so the panel cannot show the offer and the dispute at once.
 */
export async function RejectionPanel(props: { model: ClaimPageModel; openDispute: DisputeAction }) {
  const { claim, partner, formatInstant, wording } = props.model;
  const [t, tReasons, tDispute, tHistory, tWithdraw] = await Promise.all([
    getTranslations("claimPage"),
    getTranslations("claimReasons"),
    getTranslations("claimDispute"),
    getTranslations("claimHistory"),
    getTranslations("claimWithdraw"),
  ]);
  const rejection = oneOf(REJECTION_REASONS, claim.rejectionReason);
  const windowEndsAt = props.model.disputeWindowEndsAt;
  const dispute = claim.dispute;
  let disputePart = null;
  if (dispute) {
    disputePart = (
      <div className="rounded border border-slate-300 bg-white p-3" data-testid="dispute" data-dispute-status={dispute.status}>
        <h3 className="font-medium">{tDispute("section")}</h3>
        <p>{tDispute(`status${dispute.status}`)}</p>
        <p className="text-sm text-slate-700">{tDispute("openedOn", { date: formatInstant(dispute.createdAt) })}</p>
        <p className="mt-1 whitespace-pre-wrap">{dispute.details}</p>
        {dispute.resolvedAt ? <p className="text-sm text-slate-700">{tDispute("resolvedOn", { date: formatInstant(dispute.resolvedAt) })}</p> : null}
        {dispute.comment ? <p className="whitespace-pre-wrap">{tDispute("resolution", { comment: dispute.comment })}</p> : null}
      </div>
    );
  } else if (props.model.actions.openDispute && windowEndsAt) {
    disputePart = (
      <div className="space-y-2">
        <p className="text-sm">{t("disputeWindowOpen", { date: formatInstant(windowEndsAt) })}</p>
        <ModalDialog
          key={props.model.stateKey}
          buttonLabel={tDispute("open")}
          title={tDispute("title", { number: formatClaimNumber(claim.number) })}
          closeLabel={tHistory("close")}
          buttonClassName={buttonClass}
          testId="dispute-dialog"
        >
          <DisputeForm action={props.openDispute} {...(await disputeFormProps(props.model))} />
        </ModalDialog>
      </div>
    );
  } else if (partner && claim.rejectionReason === "PARTNER_REQUEST") {
    disputePart = <p className="text-sm">{t("withdrawnNoDispute")}</p>;
  } else if (partner && windowEndsAt) {
    disputePart = <p className="text-sm">{t("disputeWindowOver", { ...wording, date: formatInstant(windowEndsAt) })}</p>;
  }

  return (
    <Card title={t("rejectedTitle")} id="rejected-title" tone="danger" testId="rejection">
      {rejection ? (
        <p data-testid="rejection-reason" data-code={rejection}>
          <span className="font-medium">{tReasons(`rejection.${rejection}.label`)}</span> – {tReasons(`rejection.${rejection}.explanation`, wording)}
        </p>
      ) : null}
      {claim.withdrawReason ? (
        <p data-testid="withdraw-reason" data-code={claim.withdrawReason}>
          {tWithdraw("shownReason", { reason: tWithdraw(`reason_${claim.withdrawReason}`) })}
        </p>
      ) : null}
      {claim.rejectionComment ? (
        <p className="whitespace-pre-wrap" data-testid="rejection-comment">
          {t("reviewerComment", { comment: claim.rejectionComment })}
        </p>
      ) : null}
      {claim.rejectedAt ? <p className="text-sm text-slate-700">{t("rejectedOn", { date: formatInstant(claim.rejectedAt) })}</p> : null}
      {disputePart}
    </Card>
  );
}

/** The seed's support-request fields, filled in from the claim, and the products the partner may narrow. */
async function disputeFormProps(model: ClaimPageModel) {
  const { claim, wording } = model;
  const [tField, tProgram, tWorkload] = await Promise.all([getTranslations("claimFields"), getTranslations("program"), getTranslations("workload")]);
  const products: DisputeProduct[] = claim.products.map((p) => {
    const workload = p.kind === "WORKLOAD" ? oneOf(WORKLOAD_KEYS, p.name) : undefined;
    return {
      kind: p.kind,
      name: p.name,
      ...(p.subscriptionId ? { subscriptionId: p.subscriptionId } : {}),
      label: p.kind === "DYNAMICS" ? `${p.name} — ${tField("subscriptionId")} ${p.subscriptionId ?? ""}` : workload ? tWorkload(workload) : p.name,
    };
  });
  return {
    wording,
    products,
    dynamics: claim.solutionArea === "BUSINESS_APPLICATIONS",
    prefilled: [
      { label: tField("mpnId"), value: claim.mpnId, testId: "mpnId" },
      { label: tField("program"), value: tProgram(claim.program), testId: "program" },
      { label: tField("claimId"), value: formatClaimNumber(claim.number), testId: "claimId" },
      { label: tField("customerTenantId"), value: claim.customerTenantId, testId: "tenantId" },
    ],
  };
}
