"use client";

// The new-claim and edit-claim form. Every value lives in React state, so nothing typed is lost when the
// server refuses a save: the server action (which calls lib/claims/service, validating with the shared zod
// schemas) answers with field errors and the form shows them next to their fields. In edit mode, fields the
// claim's status does not let change are read-only, with the reason. This file holds the state and the submit; the
// sections (claim-form-sections.tsx, claim-form-products.tsx) render from it.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { oneOf, WORKLOAD_KEYS } from "@/i18n/message-keys";
import { CLAIM_FIELDS, DYNAMICS_PRODUCTS, WORKLOADS, type ClaimField } from "@/lib/claims/catalogue";
import type { PartnerLocationOption } from "@/lib/claims/claim-page";
import { buttonClass, secondaryButtonClass } from "@/components/ui/button";
import { IDLE, type ActionState, type ClaimFormPayload } from "./action-state";
import { LOCK_REASON_ID, type ClaimFormSectionProps } from "./claim-form-fields";
import { claimInputOf, type ClaimFormValues } from "./claim-form-model";
import { ProductsSection } from "./claim-form-products";
import { ClaimSection, CommentarySection, ContactsSection, CustomerSection } from "./claim-form-sections";
import { ErrorSummary } from "./form-parts";
import { LockIcon } from "./icons";

export interface ClaimFormProps {
  mode: "create" | "edit";
  action: (state: ActionState, payload: ClaimFormPayload) => Promise<ActionState>;
  initialValues: ClaimFormValues;
  version?: number;
  /** Fields the user may change (create: all of them). */
  editableFields: readonly ClaimField[];
  /** Why the other fields are read-only (edit mode), e.g. "Can't change while Submitted: only … may change." */
  lockedReason?: string;
  /** Short per-field note, e.g. "Can't change while Submitted." */
  lockedShort?: string;
  locations: PartnerLocationOption[];
  cancelHref: string;
}

export function ClaimForm(props: ClaimFormProps) {
  const t = useTranslations("claimForm");
  const tField = useTranslations("claimFields");
  const tErrors = useTranslations("claimErrors");
  const tWorkload = useTranslations("workload");
  const tStatus = useTranslations("status");

  const [values, setValues] = useState<ClaimFormValues>(props.initialValues);
  const [state, dispatch, pending] = useActionState(props.action, IDLE);
  // After a stale edit, saving again applies the user's values on top of the version now stored.
  const version = state.conflict?.version ?? props.version;
  const errors = state.errors ?? {};
  const saved = state.conflict?.saved ?? {};
  const editable = (field: ClaimField) => props.mode === "create" || props.editableFields.includes(field);

  function set<K extends keyof ClaimFormValues>(key: K, value: ClaimFormValues[K]) {
    setValues((v) => ({ ...v, [key]: value }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = props.mode === "create" ? CLAIM_FIELDS : props.editableFields;
    const payload: ClaimFormPayload = { version, input: claimInputOf(values, fields) };
    startTransition(() => dispatch(payload));
  }

  // Labels for the error summary's links.
  const labels: Record<string, string> = {
    mpnId: tField("mpnId"),
    program: tField("program"),
    activity: tField("activity"),
    solutionArea: tField("solutionArea"),
    customer: tField("customer"),
    "customer.tenantId": tField("customerTenantId"),
    "customer.domain": tField("customerDomain"),
    "customer.name": tField("customerName"),
    products: tField("products"),
    commentary: tField("commentary"),
  };
  for (const which of ["customerContact", "partnerContact"] as const) {
    labels[which] = tField(which);
    labels[`${which}.name`] = `${tField(which)} – ${tField("contactName")}`;
    labels[`${which}.title`] = `${tField(which)} – ${tField("contactTitle")}`;
    labels[`${which}.email`] = `${tField(which)} – ${tField("contactEmail")}`;
    labels[`${which}.phone`] = `${tField(which)} – ${tField("contactPhoneShort")}`;
  }
  for (const name of [...WORKLOADS, ...DYNAMICS_PRODUCTS]) {
    const workload = oneOf(WORKLOAD_KEYS, name);
    const label = workload ? tWorkload(workload) : name;
    labels[`products.${name}`] = label;
    labels[`products.${name}.kind`] = label;
    labels[`products.${name}.subscriptionId`] = t("subscriptionFor", { product: label });
  }

  const form: ClaimFormSectionProps = { values, set, errors, saved, editable, lockedShort: props.lockedShort };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-busy={pending} data-testid="claim-form">
      <ErrorSummary state={state} title={state.conflict ? t("conflictTitle") : t("errorSummaryTitle")} labels={labels}>
        {state.conflict ? (
          <>
            <p className="mt-2" data-testid="conflict-message">
              {t("conflict", { status: tStatus(state.conflict.status), version: state.conflict.version })}
            </p>
            <p className="mt-2">
              <a className="underline" href="">
                {t("conflictReload")}
              </a>
            </p>
          </>
        ) : null}
      </ErrorSummary>
      {state.status === "error" && !state.message && !state.conflict ? <p>{tErrors("UNKNOWN")}</p> : null}

      {props.lockedReason ? (
        <p id={LOCK_REASON_ID} className="rounded border border-slate-300 bg-slate-100 p-3 text-sm" data-testid="locked-reason">
          <LockIcon /> {props.lockedReason}
        </p>
      ) : null}

      <ClaimSection form={form} locations={props.locations} creating={props.mode === "create"} />
      <CustomerSection form={form} />
      <ProductsSection form={form} />
      <ContactsSection form={form} />
      <CommentarySection form={form} />

      {props.mode === "create" ? <p className="text-sm text-slate-700">{t("poeNext")}</p> : null}

      <div className="flex flex-wrap gap-3">
        <button type="submit" className={buttonClass} disabled={pending}>
          {props.mode === "create" ? (pending ? t("creating") : t("create")) : pending ? t("saving") : t("save")}
        </button>
        <Link href={props.cancelHref} className={secondaryButtonClass}>
          {t("cancel")}
        </Link>
      </div>
    </form>
  );
}
