// One form field for every form of the portal: a label, an optional hint, the control, and its error right
// below — wired for screen readers. Ids follow fieldId(path), so aria-describedby, the error summary's links
// (#field-…) and the tests' error-<path> hooks agree everywhere.
import type { ReactNode } from "react";

export function fieldId(path: string): string {
  return `field-${path.replace(/[^a-zA-Z0-9]+/g, "-")}`;
}

export function errorId(path: string): string {
  return `${fieldId(path)}-error`;
}

export function hintId(path: string): string {
  return `${fieldId(path)}-hint`;
}

/** aria-describedby for a control: its hint, its error and any extra ids, space-separated. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter(Boolean);
  return list.length ? list.join(" ") : undefined;
}

export function FieldErrorText({ path, message }: { path: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={errorId(path)} className="mt-1 text-sm font-medium text-red-800" data-testid={`error-${path}`}>
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

/**
 * A labelled control. The control itself is the child (input, select, textarea): give it id={fieldId(path)}
 * and aria-describedby={describedBy(hint && hintId(path), error && errorId(path))} — or use fieldControlProps.
 */
export function FormField(props: { path: string; label: ReactNode; hint?: ReactNode; error?: string; className?: string; children: ReactNode; after?: ReactNode }) {
  return (
    <div className={props.className}>
      <label htmlFor={fieldId(props.path)} className="block text-sm font-medium">
        {props.label}
      </label>
      {props.hint ? (
        <p id={hintId(props.path)} className="text-xs text-slate-600">
          {props.hint}
        </p>
      ) : null}
      {props.children}
      <FieldErrorText path={props.path} message={props.error} />
      {props.after}
    </div>
  );
}

/** The id and ARIA wiring of a FormField's control (spread onto the input). */
export function fieldControlProps(path: string, options: { hint?: boolean; error?: string; describedBy?: (string | false | null | undefined)[] } = {}) {
  return {
    id: fieldId(path),
    "aria-invalid": options.error ? true : undefined,
    "aria-describedby": describedBy(options.hint && hintId(path), options.error && errorId(path), ...(options.describedBy ?? [])),
  } as const;
}

export const inputClass =
  "mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900 aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700 read-only:bg-slate-100 read-only:text-slate-700";
export const selectClass =
  "mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900 aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700";
