"use client";

// What a reviewer can do on a claim, per the transition table: the page passes the actions that
// policy.availableActions allows now, and each opens a small form. The server decides; the panel only asks.
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useId, useState, type FormEvent, type ReactNode } from "react";
import { IDLE, type ActionState } from "@/components/claims/action-state";
import { buttonClass, dangerButtonClass, secondaryButtonClass } from "@/components/ui/button";
import { describedBy, errorId, FieldErrorText, inputClass } from "@/components/ui/form-field";
import { ErrorSummary, SuccessNote } from "@/components/claims/form-parts";
import { ModalDialog } from "@/components/ui/dialog";
import { INFO_REQUEST_REASONS, REVIEWER_REJECTION_REASONS } from "@/lib/claims/catalogue";
import type { ClaimAction } from "@/lib/claims/lifecycle";
import type { SlaWording } from "@/components/claims/sla-wording";

type Payload = { reasonCodes?: string[]; reason?: string; comment?: string; outcome?: string; email?: string };
type Action = (prev: ActionState, payload: Payload) => Promise<ActionState>;

function DecisionForm(props: {
  action: Action;
  submitLabel: string;
  danger?: boolean;
  testId: string;
  render: (state: ActionState, values: Payload, set: (next: Payload) => void) => ReactNode;
}) {
  const t = useTranslations("claimErrors");
  const tReview = useTranslations("reviewPanel");
  const [state, dispatch, pending] = useActionState(props.action, IDLE);
  const [values, setValues] = useState<Payload>({});
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(() => dispatch(values));
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid={props.testId} aria-busy={pending}>
      <ErrorSummary state={state} title={t("summaryTitle")} labels={{}} />
      {state.status === "ok" ? <SuccessNote testId={`${props.testId}-done`}>{tReview("done")}</SuccessNote> : null}
      {props.render(state, values, (next) => setValues((v) => ({ ...v, ...next })))}
      <button type="submit" disabled={pending || state.status === "ok"} className={props.danger ? dangerButtonClass : buttonClass}>
        {pending ? tReview("working") : props.submitLabel}
      </button>
    </form>
  );
}

function CommentBox(props: { state: ActionState; value?: string; onChange: (v: string) => void; label: string; hint?: string; required?: boolean }) {
  const id = useId();
  const message = props.state.errors?.comment;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {props.label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {props.hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {props.hint}
        </p>
      ) : null}
      <textarea
        id={id}
        rows={4}
        value={props.value ?? ""}
        onChange={(e) => props.onChange(e.target.value)}
        aria-required={props.required || undefined}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(props.hint && `${id}-hint`, message && errorId("comment"))}
        className={inputClass}
      />
      <FieldErrorText path="comment" message={message} />
    </div>
  );
}

export interface ReviewerPanelProps {
  actions: readonly ClaimAction[];
  disputeId?: string;
  startReview: Action;
  requestInfo: Action;
  approve: Action;
  reject: Action;
  resolveDispute: Action;
  /** The durations the hints quote, from the SLA settings. */
  wording: SlaWording;
  resendConsent: Action;
  /** The customer contact's current address (resend-consent corrects it). */
  customerEmail?: string;
}

export function ReviewerPanel(props: ReviewerPanelProps) {
  const t = useTranslations("reviewPanel");
  const tReasons = useTranslations("claimReasons");
  const has = (a: ClaimAction) => props.actions.includes(a);
  if (props.actions.length === 0) return null;
  return (
    <section aria-labelledby="reviewer-panel-title" className="space-y-3 rounded border border-indigo-200 bg-indigo-50 p-4" data-testid="reviewer-panel">
      <h2 id="reviewer-panel-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <div className="flex flex-wrap gap-3">
        {has("start-review") ? (
          <DecisionForm action={props.startReview} submitLabel={t("startReview")} testId="start-review" render={() => <p className="text-sm">{t("startReviewIntro", props.wording)}</p>} />
        ) : null}
        {has("request-info") ? (
          <ModalDialog buttonLabel={t("requestInfo")} title={t("requestInfoTitle")} closeLabel={t("close")} buttonClassName={secondaryButtonClass} testId="request-info">
            <DecisionForm
              action={props.requestInfo}
              submitLabel={t("requestInfoSubmit")}
              testId="request-info-form"
              render={(state, values, set) => (
                <>
                  <fieldset aria-describedby={state.errors?.reasonCodes ? errorId("reasonCodes") : undefined}>
                    <legend className="text-sm font-medium">{t("reasons")}</legend>
                    <ul className="mt-2 space-y-2">
                      {INFO_REQUEST_REASONS.map((code) => (
                        <li key={code}>
                          <label className="flex gap-2">
                            <input
                              type="checkbox"
                              checked={values.reasonCodes?.includes(code) ?? false}
                              onChange={(e) =>
                                set({
                                  reasonCodes: e.target.checked
                                    ? [...(values.reasonCodes ?? []), code]
                                    : (values.reasonCodes ?? []).filter((c) => c !== code),
                                })
                              }
                            />
                            <span>
                              <span className="font-medium">{tReasons(`info.${code}.label`)}</span>
                              <span className="block text-xs text-slate-600">{tReasons(`info.${code}.explanation`, props.wording)}</span>
                            </span>
                          </label>
                        </li>
                      ))}
                    </ul>
                    <FieldErrorText path="reasonCodes" message={state.errors?.reasonCodes} />
                  </fieldset>
                  <CommentBox state={state} value={values.comment} onChange={(comment) => set({ comment })} label={t("commentToPartner")} hint={t("commentToPartnerHint", props.wording)} required />
                </>
              )}
            />
          </ModalDialog>
        ) : null}
        {has("approve") ? (
          <ModalDialog buttonLabel={t("approve")} title={t("approveTitle")} closeLabel={t("close")} buttonClassName={buttonClass} testId="approve">
            <DecisionForm
              action={props.approve}
              submitLabel={t("approveSubmit")}
              testId="approve-form"
              render={(state, values, set) => (
                <>
                  <p className="text-sm">{t("approveIntro", props.wording)}</p>
                  <CommentBox state={state} value={values.comment} onChange={(comment) => set({ comment })} label={t("optionalComment")} />
                </>
              )}
            />
          </ModalDialog>
        ) : null}
        {has("reject") ? (
          <ModalDialog buttonLabel={t("reject")} title={t("rejectTitle")} closeLabel={t("close")} buttonClassName={dangerButtonClass} testId="reject">
            <DecisionForm
              action={props.reject}
              submitLabel={t("rejectSubmit")}
              danger
              testId="reject-form"
              render={(state, values, set) => (
                <>
                  <fieldset>
                    <legend className="text-sm font-medium">{t("rejectReason")}</legend>
                    <ul className="mt-2 space-y-2">
                      {REVIEWER_REJECTION_REASONS.map((code) => (
                        <li key={code}>
                          <label className="flex gap-2">
                            <input type="radio" name="reason" checked={values.reason === code} onChange={() => set({ reason: code })} />
                            <span>
                              <span className="font-medium">{tReasons(`rejection.${code}.label`)}</span>
                              <span className="block text-xs text-slate-600">{tReasons(`rejection.${code}.explanation`, props.wording)}</span>
                            </span>
                          </label>
                        </li>
                      ))}
                    </ul>
                    <FieldErrorText path="reason" message={state.errors?.reason} />
                  </fieldset>
                  <CommentBox state={state} value={values.comment} onChange={(comment) => set({ comment })} label={t("optionalComment")} />
                </>
              )}
            />
          </ModalDialog>
        ) : null}
        {has("resend-consent") ? (
          <ModalDialog buttonLabel={t("resendConsent")} title={t("resendConsentTitle")} closeLabel={t("close")} buttonClassName={secondaryButtonClass} testId="resend-consent">
            <DecisionForm
              action={props.resendConsent}
              submitLabel={t("resendConsentSubmit")}
              testId="resend-consent-form"
              render={(state, values, set) => (
                <>
                  <p className="text-sm">{t("resendConsentIntro", { email: props.customerEmail ?? "" })}</p>
                  <label className="block text-sm font-medium">
                    {t("resendConsentEmail")}
                    <input
                      type="email"
                      value={values.email ?? ""}
                      onChange={(e) => set({ email: e.target.value })}
                      aria-invalid={state.errors?.email ? true : undefined}
                      aria-describedby={describedBy(state.errors?.email && errorId("email"))}
                      className={inputClass}
                    />
                  </label>
                  <FieldErrorText path="email" message={state.errors?.email} />
                </>
              )}
            />
          </ModalDialog>
        ) : null}
        {props.disputeId && (has("uphold-dispute") || has("overturn-dispute")) ? (
          <ModalDialog buttonLabel={t("resolveDispute")} title={t("resolveDisputeTitle")} closeLabel={t("close")} buttonClassName={secondaryButtonClass} testId="resolve-dispute">
            <DecisionForm
              action={props.resolveDispute}
              submitLabel={t("resolveDisputeSubmit")}
              testId="resolve-dispute-form"
              render={(state, values, set) => (
                <>
                  <fieldset>
                    <legend className="text-sm font-medium">{t("outcome")}</legend>
                    {(["UPHOLD", "OVERTURN"] as const).map((outcome) => (
                      <label key={outcome} className="mt-2 flex gap-2">
                        <input type="radio" name="outcome" checked={values.outcome === outcome} onChange={() => set({ outcome })} />
                        <span>{t(`outcome_${outcome}`)}</span>
                      </label>
                    ))}
                    <FieldErrorText path="outcome" message={state.errors?.outcome} />
                  </fieldset>
                  <CommentBox state={state} value={values.comment} onChange={(comment) => set({ comment })} label={t("commentToPartner")} required />
                </>
              )}
            />
          </ModalDialog>
        ) : null}
      </div>
    </section>
  );
}
