"use client";

// The customer's "Deny this association" form (optional reason). After the denial it is replaced by the
// confirmation; the reason typed stays in the box if the denial is refused.
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { IDLE, type ActionState } from "./action-state";
import { dangerButtonClass } from "@/components/ui/button";
import { describedBy, errorId, FieldErrorText, fieldId, inputClass } from "@/components/ui/form-field";
import { ErrorSummary } from "./form-parts";

export function ConsentDenyForm(props: { action: (state: ActionState, payload: { text?: string }) => Promise<ActionState> }) {
  const t = useTranslations("consentPage");
  const tErrors = useTranslations("claimErrors");
  const [state, dispatch, pending] = useActionState(props.action, IDLE);
  const [reason, setReason] = useState("");

  if (state.status === "ok") {
    return (
      <p role="status" className="rounded border-2 border-emerald-600 bg-emerald-50 p-4 text-emerald-900" data-testid="consent-denied">
        <span aria-hidden="true">✓ </span>
        {t("denied", { number: state.data?.claimNumber ?? "" })}
      </p>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(() => dispatch({ text: reason }));
  }

  const errors: Record<string, string> = state.errors?.reason ? { "consent-reason": state.errors.reason } : {};
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" data-testid="consent-deny-form">
      <ErrorSummary state={{ ...state, errors }} title={tErrors("summaryTitle")} labels={{ "consent-reason": t("reason") }} />
      <div>
        <label htmlFor={fieldId("consent-reason")} className="block font-medium">
          {t("reason")}
        </label>
        <p id="consent-reason-hint" className="text-xs text-slate-600">
          {t("reasonHint")}
        </p>
        <textarea
          id={fieldId("consent-reason")}
          rows={3}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={errors["consent-reason"] ? true : undefined}
          aria-describedby={describedBy("consent-reason-hint", errors["consent-reason"] && errorId("consent-reason"))}
          className={inputClass}
        />
        <FieldErrorText path="consent-reason" message={errors["consent-reason"]} />
      </div>
      <button type="submit" className={dangerButtonClass} disabled={pending}>
        {pending ? t("denying") : t("deny")}
      </button>
    </form>
  );
}
