"use client";

// The reviewer workbench's small forms (take-over, internal note, dispute resolution from the queue). Each
// calls a server action bound by its page; the server decides and answers an ActionState, shown in place.
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useId, useState, type FormEvent } from "react";
import { IDLE, type ActionState } from "@/components/claims/action-state";
import { ErrorSummary, SuccessNote } from "@/components/claims/form-parts";
import { buttonClass, secondaryButtonClass } from "@/components/ui/button";
import { describedBy, errorId, FieldErrorText, inputClass } from "@/components/ui/form-field";

function useSubmit<P>(action: (prev: ActionState, payload: P) => Promise<ActionState>) {
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const submit = (payload: P) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(() => dispatch(payload));
  };
  return { state, submit, pending };
}

export function TakeOverForm(props: { action: (prev: ActionState) => Promise<ActionState> }) {
  const t = useTranslations("workbench");
  const tErrors = useTranslations("claimErrors");
  const { state, submit, pending } = useSubmit((prev: ActionState) => props.action(prev));
  return (
    <form onSubmit={submit(undefined)} className="space-y-2" data-testid="take-over-form" aria-busy={pending}>
      <ErrorSummary state={state} title={tErrors("summaryTitle")} />
      {state.status === "ok" ? <SuccessNote testId="take-over-done">{t("takeOverDone")}</SuccessNote> : null}
      <button type="submit" className={secondaryButtonClass} disabled={pending || state.status === "ok"} data-testid="take-over">
        {pending ? t("working") : t("takeOver")}
      </button>
    </form>
  );
}

export function NoteForm(props: { action: (prev: ActionState, payload: { body: string }) => Promise<ActionState> }) {
  const t = useTranslations("workbench");
  const tErrors = useTranslations("claimErrors");
  const id = useId();
  const [body, setBody] = useState("");
  const { state, submit, pending } = useSubmit(async (prev: ActionState, payload: { body: string }) => {
    const next = await props.action(prev, payload);
    if (next.status === "ok") setBody("");
    return next;
  });
  const message = state.errors?.body;
  return (
    <form onSubmit={submit({ body })} noValidate className="space-y-2" data-testid="note-form" aria-busy={pending}>
      <ErrorSummary state={state} title={tErrors("summaryTitle")} />
      {state.status === "ok" ? <SuccessNote testId="note-done">{t("noteDone")}</SuccessNote> : null}
      <label htmlFor={id} className="block text-sm font-medium">
        {t("noteLabel")}
      </label>
      <textarea
        id={id}
        rows={3}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(message && errorId("body"))}
        className={inputClass}
        data-testid="note-body"
      />
      <FieldErrorText path="body" message={message} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? t("working") : t("noteSubmit")}
      </button>
    </form>
  );
}

export function DisputeResolveForm(props: {
  action: (prev: ActionState, payload: { outcome?: string; comment?: string }) => Promise<ActionState>;
  outcomeLabels: Record<"UPHOLD" | "OVERTURN", string>;
}) {
  const t = useTranslations("workbench");
  const tErrors = useTranslations("claimErrors");
  const id = useId();
  const [outcome, setOutcome] = useState<string | undefined>();
  const [comment, setComment] = useState("");
  const { state, submit, pending } = useSubmit(props.action);
  if (state.status === "ok") return <SuccessNote testId="dispute-resolved">{t("disputeDone")}</SuccessNote>;
  return (
    <form onSubmit={submit({ outcome, comment })} noValidate className="space-y-2" data-testid="dispute-resolve-form" aria-busy={pending}>
      <ErrorSummary state={state} title={tErrors("summaryTitle")} />
      <fieldset>
        {(["UPHOLD", "OVERTURN"] as const).map((value) => (
          <label key={value} className="mr-4 inline-flex gap-2">
            <input type="radio" name={`${id}-outcome`} checked={outcome === value} onChange={() => setOutcome(value)} />
            <span>{props.outcomeLabels[value]}</span>
          </label>
        ))}
        <FieldErrorText path="outcome" message={state.errors?.outcome} />
      </fieldset>
      <label htmlFor={id} className="block text-sm font-medium">
        {t("disputeComment")}
        <span aria-hidden="true"> *</span>
      </label>
      <textarea
        id={id}
        rows={3}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        aria-required
        aria-invalid={state.errors?.comment ? true : undefined}
        aria-describedby={describedBy(state.errors?.comment && errorId("comment"))}
        className={inputClass}
      />
      <FieldErrorText path="comment" message={state.errors?.comment} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? t("working") : t("disputeResolve")}
      </button>
    </form>
  );
}
