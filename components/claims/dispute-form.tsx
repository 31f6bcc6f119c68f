"use client";

// Dispute a rejection with the seed's support-request fields: MPN ID, incentive program, claim ID, products
// (Dynamics products with subscriptions, or workloads), customer tenant ID — filled in from the claim — and
// the details of the issue. The partner may narrow the products concerned.
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useEffect, useState, type FormEvent } from "react";
import { IDLE, type ActionState } from "./action-state";
import { buttonClass, secondaryButtonClass } from "@/components/ui/button";
import { describedBy, errorId, FieldErrorText, fieldId, inputClass } from "@/components/ui/form-field";
import { ErrorSummary } from "./form-parts";
import { useCloseDialog } from "@/components/ui/dialog";
import type { SlaWording } from "./sla-wording";

export interface DisputeProduct {
  kind: "WORKLOAD" | "DYNAMICS";
  name: string;
  subscriptionId?: string;
  label: string;
}

export function DisputeForm(props: {
  action: (state: ActionState, payload: { details?: string; products?: unknown[] }) => Promise<ActionState>;
  prefilled: { label: string; value: string; testId: string }[];
  products: DisputeProduct[];
  dynamics: boolean;
  wording: SlaWording;
}) {
  const t = useTranslations("claimDispute");
  const tErrors = useTranslations("claimErrors");
  const close = useCloseDialog();
  const [state, dispatch, pending] = useActionState(props.action, IDLE);
  const [details, setDetails] = useState("");
  const [chosen, setChosen] = useState<string[]>(props.products.map((p) => p.name));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  // Once the dispute is open the page re-renders with its details in place of this form: close the dialog
  // rather than leave a finished form on screen while the refreshed page arrives.
  useEffect(() => {
    if (state.status === "ok") close();
  }, [state.status, state.seq, close]);

  const errors: Record<string, string> = { ...localErrors };
  if (state.errors?.details) errors["dispute-details"] = state.errors.details;
  const productError = Object.entries(state.errors ?? {}).find(([path]) => path.startsWith("products"))?.[1];
  if (productError) errors["dispute-products"] = productError;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (props.products.length && chosen.length === 0) problems["dispute-products"] = t("chooseProduct");
    setLocalErrors(problems);
    if (Object.keys(problems).length) return;
    const products = props.products
      .filter((p) => chosen.includes(p.name))
      .map((p) => (p.kind === "DYNAMICS" ? { kind: p.kind, name: p.name, subscriptionId: p.subscriptionId } : { kind: p.kind, name: p.name }));
    startTransition(() => dispatch({ details, products: products.length ? products : undefined }));
  }

  const shownState: ActionState =
    Object.keys(localErrors).length > 0 ? { status: "error", seq: -1, errors } : { ...state, errors };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="dispute-form">
      <p className="text-sm text-slate-700">{t("intro", props.wording)}</p>
      <ErrorSummary
        state={shownState}
        title={tErrors("summaryTitle")}
        labels={{ "dispute-details": t("details"), "dispute-products": t("productsLegend") }}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        {props.prefilled.map((field) => (
          <div key={field.testId}>
            <label htmlFor={`dispute-${field.testId}`} className="block text-sm font-medium">
              {field.label}
            </label>
            <input id={`dispute-${field.testId}`} readOnly value={field.value} className={`${inputClass} font-mono text-sm`} />
          </div>
        ))}
      </div>
      {props.products.length ? (
        <fieldset aria-describedby={describedBy("dispute-products-hint", errors["dispute-products"] && errorId("dispute-products"))}>
          <legend className="text-sm font-medium" id={fieldId("dispute-products")} tabIndex={-1}>
            {t("productsLegend")}
          </legend>
          <p id="dispute-products-hint" className="text-xs text-slate-600">
            {props.dynamics ? t("productsHintDynamics") : t("productsHintWorkloads")}
          </p>
          <div className="mt-2 space-y-1">
            {props.products.map((p) => (
              <label key={p.name} className="flex items-start gap-2">
                <input
                  type="checkbox"
                  checked={chosen.includes(p.name)}
                  onChange={(e) => setChosen((list) => (e.target.checked ? [...list, p.name] : list.filter((n) => n !== p.name)))}
                  className="mt-1 h-4 w-4"
                />
                <span className="break-all">{p.label}</span>
              </label>
            ))}
          </div>
          <FieldErrorText path="dispute-products" message={errors["dispute-products"]} />
        </fieldset>
      ) : null}
      <div>
        <label htmlFor={fieldId("dispute-details")} className="block font-medium">
          {t("details")}
        </label>
        <p id="dispute-details-hint" className="text-xs text-slate-600">
          {t("detailsHint")}
        </p>
        <textarea
          id={fieldId("dispute-details")}
          rows={5}
          value={details}
          onChange={(e) => setDetails(e.target.value)}
          aria-required
          aria-invalid={errors["dispute-details"] ? true : undefined}
          aria-describedby={describedBy("dispute-details-hint", errors["dispute-details"] && errorId("dispute-details"))}
          className={inputClass}
        />
        <FieldErrorText path="dispute-details" message={errors["dispute-details"]} />
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={close}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
