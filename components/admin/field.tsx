import type { ReactNode } from "react";

/** A labelled input with its error right below it, wired for screen readers. */
export function Field(props: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  const described = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1" data-field={props.id}>
      <label htmlFor={props.id} className="block text-sm font-medium">
        {props.label}
      </label>
      {props.hint ? (
        <p id={`${props.id}-hint`} className="text-xs text-slate-600">
          {props.hint}
        </p>
      ) : null}
      <div data-describedby={described || undefined}>{props.children}</div>
      {props.error ? (
        <p id={`${props.id}-error`} className="text-sm text-red-700" data-testid={`error-${props.id}`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function describedBy(id: string, hint: boolean, error: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}
