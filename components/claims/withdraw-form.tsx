"use client";

// Withdraw (seed: "Partner request"): the partner says why — the seed's three usual reasons or another one —
// sent as a reason code (stored on the claim, shown translated) plus the partner's own words, which go to the
// reviewer as the withdrawal's comment. The service decides whether the claim may still be withdrawn.
import { useTranslations } from "next-intl";
import { WITHDRAW_REASONS, type WithdrawReason } from "@/lib/claims/catalogue";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { IDLE, type ActionState } from "./action-state";
import { dangerButtonClass, secondaryButtonClass } from "@/components/ui/button";
import { describedBy, errorId, FieldErrorText, fieldId, inputClass } from "@/components/ui/form-field";
import { ErrorSummary } from "./form-parts";
import { useCloseDialog } from "@/components/ui/dialog";

export interface WithdrawPayload {
  withdrawReason: WithdrawReason;
  text?: string;
}

export function WithdrawForm(props: { action: (state: ActionState, payload: WithdrawPayload) => Promise<ActionState> }) {
  const t = useTranslations("claimWithdraw");
  const tErrors = useTranslations("claimErrors");
  const close = useCloseDialog();
  const [state, dispatch, pending] = useActionState(props.action, IDLE);
  const [reason, setReason] = useState<WithdrawReason | "">("");
  const [details, setDetails] = useState("");
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const errors: Record<string, string> = { ...localErrors };
  if (state.errors?.comment) errors["withdraw-details"] = state.errors.comment;
  if (state.errors?.withdrawReason) errors["withdraw-reason"] = state.errors.withdrawReason;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!reason) problems["withdraw-reason"] = t("chooseReason");
    // The API requires the partner's own words beside the code (rejectionComment is that text).
    if (!details.trim()) problems["withdraw-details"] = t("detailsHint");
    setLocalErrors(problems);
    if (Object.keys(problems).length || !reason) return;
    startTransition(() => dispatch({ withdrawReason: reason, text: details.trim() }));
  }

  const shownState: ActionState =
    Object.keys(localErrors).length > 0 ? { status: "error", seq: -1, errors } : { ...state, errors };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="withdraw-form">
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <ErrorSummary
        state={shownState}
        title={tErrors("summaryTitle")}
        labels={{ "withdraw-reason": t("reasonLegend"), "withdraw-details": t("details") }}
      />
      <fieldset aria-describedby={describedBy(errors["withdraw-reason"] && errorId("withdraw-reason"))}>
        <legend className="font-medium" id={fieldId("withdraw-reason")} tabIndex={-1}>
          {t("reasonLegend")}
        </legend>
        <div className="mt-2 space-y-2">
          {WITHDRAW_REASONS.map((r) => (
            <label key={r} className="flex items-start gap-2">
              <input
                type="radio"
                name="withdraw-reason"
                value={r}
                checked={reason === r}
                onChange={() => setReason(r)}
                className="mt-1 h-4 w-4"
              />
              <span>{t(`reason_${r}`)}</span>
            </label>
          ))}
        </div>
        <FieldErrorText path="withdraw-reason" message={errors["withdraw-reason"]} />
      </fieldset>
      <div>
        <label htmlFor={fieldId("withdraw-details")} className="block font-medium">
          {t("details")}
        </label>
        <p id="withdraw-details-hint" className="text-xs text-slate-600">
          {t("detailsHint")}
        </p>
        <textarea
          id={fieldId("withdraw-details")}
          rows={3}
          value={details}
          onChange={(e) => setDetails(e.target.value)}
          aria-invalid={errors["withdraw-details"] ? true : undefined}
          aria-describedby={describedBy("withdraw-details-hint", errors["withdraw-details"] && errorId("withdraw-details"))}
          className={inputClass}
        />
        <FieldErrorText path="withdraw-details" message={errors["withdraw-details"]} />
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={dangerButtonClass} disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={close}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
