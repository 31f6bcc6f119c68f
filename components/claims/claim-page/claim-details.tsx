import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ComponentProps } from "react";
import type { ClaimPageModel } from "@/app/(portal)/claims/[id]/claim-page-model";
import { oneOf, WORKLOAD_KEYS } from "@/i18n/message-keys";
import { formatClaimNumber } from "@/lib/claims/claim-number";
import { buttonClass, dangerButtonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ModalDialog } from "@/components/ui/dialog";
import { DiscardDraftForm, DuplicateClaimButton } from "../draft-tools";
import { WithdrawForm } from "../withdraw-form";

type Contact = { name?: string; title?: string; email?: string; phone?: string };

/** The claim's fields as read-only details, with the way to edit them and to withdraw the claim. */
export async function ClaimDetails(props: {
  model: ClaimPageModel;
  withdraw: ComponentProps<typeof WithdrawForm>["action"];
  discard: ComponentProps<typeof DiscardDraftForm>["action"];
  duplicate: ComponentProps<typeof DuplicateClaimButton>["action"];
}) {
  const { claim, partner, editable } = props.model;
  const [t, tField, tWithdraw, tDraft, tHistory, tProgram, tActivity, tArea, tWorkload, format] = await Promise.all([
    getTranslations("claimPage"),
    getTranslations("claimFields"),
    getTranslations("claimWithdraw"),
    getTranslations("claimDraftTools"),
    getTranslations("claimHistory"),
    getTranslations("program"),
    getTranslations("activity"),
    getTranslations("solutionArea"),
    getTranslations("workload"),
    getFormatter(),
  ]);
  const number = formatClaimNumber(claim.number);
  const editableList = format.list([...editable.map((f) => tField(f)), ...(props.model.canUpload && editable.length ? [tField("poe")] : [])], {
    type: "conjunction",
  });
  const productLabel = (p: { kind: string; name: string }) => {
    const workload = p.kind === "WORKLOAD" ? oneOf(WORKLOAD_KEYS, p.name) : undefined;
    return workload ? tWorkload(workload) : p.name;
  };
  const contacts = [
    ["customerContact", claim.customerContact as Contact | null],
    ["partnerContact", claim.partnerContact as Contact | null],
  ] as const;

  const actions = (
    <>
      {editable.length ? (
        <Link href={`/claims/${claim.id}/edit`} className={buttonClass} data-testid="edit-claim">
          {t("edit")}
        </Link>
      ) : null}
      {props.model.actions.duplicate ? <DuplicateClaimButton action={props.duplicate} /> : null}
      {props.model.actions.discard ? (
        <ModalDialog
          key={`discard-${props.model.stateKey}`}
          buttonLabel={tDraft("discard")}
          title={tDraft("discardTitle", { number })}
          closeLabel={tHistory("close")}
          buttonClassName={dangerButtonClass}
          testId="discard-dialog"
        >
          <DiscardDraftForm action={props.discard} number={number} />
        </ModalDialog>
      ) : null}
      {props.model.actions.withdraw ? (
        <ModalDialog
          key={props.model.stateKey}
          buttonLabel={tWithdraw("open")}
          title={tWithdraw("title", { number })}
          closeLabel={tHistory("close")}
          buttonClassName={dangerButtonClass}
          testId="withdraw-dialog"
        >
          <WithdrawForm action={props.withdraw} />
        </ModalDialog>
      ) : null}
    </>
  );

  return (
    <Card title={t("details")} id="details-title" actions={actions}>
      {editable.length ? <p className="text-sm text-slate-700">{t("editHint", { fields: editableList })}</p> : null}
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="claim-details">
        <Detail label={tField("claimId")} value={number} mono />
        {!partner ? <Detail label={tField("organization")} value={props.model.organizationName} /> : null}
        <Detail label={tField("mpnId")} value={claim.mpnId} mono testId="detail-mpnId" />
        <Detail label={tField("program")} value={tProgram(claim.program)} />
        <Detail label={tField("activity")} value={tActivity(claim.activity)} />
        <Detail label={tField("solutionArea")} value={tArea(claim.solutionArea)} />
        <Detail label={tField("customerName")} value={claim.customerName} />
        <Detail label={tField("customerDomain")} value={claim.customerDomain} />
        <Detail label={tField("customerTenantId")} value={claim.customerTenantId} mono />
      </dl>
      <div>
        <h3 className="text-sm font-medium uppercase text-slate-600">{tField("products")}</h3>
        {claim.products.length ? (
          <ul className="mt-1 space-y-1" data-testid="detail-products">
            {claim.products.map((p) => (
              <li key={p.id}>
                {productLabel(p)}
                {p.subscriptionId ? (
                  <span className="text-sm text-slate-700">
                    {" "}
                    — {tField("subscriptionId")} <code className="break-all">{p.subscriptionId}</code>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600">{tField("empty")}</p>
        )}
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        {contacts.map(([key, contact]) => (
          <div key={key} data-testid={`detail-${key}`}>
            <h3 className="text-sm font-medium uppercase text-slate-600">{tField(key)}</h3>
            {contact ? (
              <p className="mt-1">
                {contact.name}, {contact.title}
                <br />
                <span className="break-all">{contact.email}</span>
                {contact.phone ? (
                  <>
                    <br />
                    {contact.phone}
                  </>
                ) : null}
              </p>
            ) : (
              <p className="text-slate-600">{tField("empty")}</p>
            )}
          </div>
        ))}
      </div>
      <div>
        <h3 className="text-sm font-medium uppercase text-slate-600">{tField("commentary")}</h3>
        <p className="mt-1 whitespace-pre-wrap break-words" data-testid="detail-commentary">
          {claim.commentary || tField("empty")}
        </p>
      </div>
    </Card>
  );
}

function Detail({ label, value, mono, testId }: { label: string; value: string; mono?: boolean; testId?: string }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase text-slate-600">{label}</dt>
      <dd className={`mt-0.5 break-words ${mono ? "font-mono text-sm" : ""}`} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
