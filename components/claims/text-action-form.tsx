"use client";

// A form of one optional or required text box and one button, bound to a claim server action: submit,
// resubmit (optional comment), post a comment, deny consent (optional reason). The text stays in the box on
// a refusal and is cleared once the action succeeded.
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useState, type FormEvent, type ReactNode } from "react";
import { IDLE, type ActionState } from "./action-state";
import { buttonClass } from "@/components/ui/button";
import { describedBy, errorId, FieldErrorText, fieldId, inputClass } from "@/components/ui/form-field";
import { ErrorSummary, SuccessNote } from "./form-parts";

export interface TextActionFormProps {
  action: (state: ActionState, payload: { text?: string }) => Promise<ActionState>;
  submitLabel: string;
  pendingLabel: string;
  /** The text box, if any: its label, hint, and the service's field path its errors come back on. */
  textField?: { label: string; hint?: string; path: string; rows?: number; required?: boolean; maxLength?: number };
  successMessage?: ReactNode;
  disabled?: boolean;
  buttonClassName?: string;
  testId?: string;
  /** Rendered above the button (e.g. a checklist). */
  children?: ReactNode;
}

export function TextActionForm(props: TextActionFormProps) {
  const tErrors = useTranslations("claimErrors");
  const [state, dispatch, pending] = useActionState(props.action, IDLE);
  const [text, setText] = useState("");
  // Clear the box once per successful answer (state adjusted while rendering, as React recommends).
  const [clearedAt, setClearedAt] = useState(0);
  if (state.status === "ok" && state.seq !== clearedAt) {
    setClearedAt(state.seq);
    setText("");
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(() => dispatch(props.textField ? { text } : {}));
  }

  const field = props.textField;
  // The text box's errors come back on the service's path (comment, body…); in this form they belong to the box.
  const boxPath = `${props.testId ?? "text"}-${field?.path ?? ""}`;
  const errors = Object.fromEntries(
    Object.entries(state.errors ?? {}).map(([path, msg]) => [field && path === field.path ? boxPath : path, msg]),
  );
  const message = field ? errors[boxPath] : undefined;
  const id = fieldId(boxPath);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" data-testid={props.testId} aria-busy={pending}>
      <ErrorSummary state={{ ...state, errors }} title={tErrors("summaryTitle")} labels={field ? { [boxPath]: field.label } : {}} />
      {state.status === "ok" && props.successMessage ? <SuccessNote>{props.successMessage}</SuccessNote> : null}
      {field ? (
        <div>
          <label htmlFor={id} className="block text-sm font-medium">
            {field.label}
          </label>
          {field.hint ? (
            <p id={`${id}-hint`} className="text-xs text-slate-600">
              {field.hint}
            </p>
          ) : null}
          <textarea
            id={id}
            rows={field.rows ?? 3}
            value={text}
            maxLength={field.maxLength}
            onChange={(e) => setText(e.target.value)}
            aria-required={field.required || undefined}
            aria-invalid={message ? true : undefined}
            aria-describedby={describedBy(field.hint && `${id}-hint`, message && errorId(boxPath))}
            className={inputClass}
          />
          <FieldErrorText path={boxPath} message={message} />
        </div>
      ) : null}
      {props.children}
      <button type="submit" className={props.buttonClassName ?? buttonClass} disabled={pending || props.disabled}>
        {pending ? props.pendingLabel : props.submitLabel}
      </button>
    </form>
  );
}
