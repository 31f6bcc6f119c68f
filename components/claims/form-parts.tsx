"use client";

// Small shared pieces of the claim pages' forms: the error summary (focused when a new answer arrives) and
// the message under a field. Ids follow fieldId(path) so aria-describedby and the summary's links agree.
import { useEffect, useRef, type ReactNode } from "react";
import type { ActionState } from "./action-state";

export function fieldId(path: string): string {
  return `field-${path.replace(/[^a-zA-Z0-9]+/g, "-")}`;
}

export function errorId(path: string): string {
  return `${fieldId(path)}-error`;
}

/** aria-describedby for a field: its hint, its error and any extra ids, space-separated. */
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
 * The summary at the top of a form: the sentence, then each field error as a link to its field. It takes
 * focus when a new answer arrives, so screen-reader and keyboard users land on it.
 */
export function ErrorSummary({
  state,
  title,
  labels = {},
  children,
}: {
  state: ActionState;
  title: string;
  labels?: Record<string, string>;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = state.status === "error";
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, state.seq]);
  if (!shown) return null;
  const entries = Object.entries(state.errors ?? {});
  return (
    <div
      ref={ref}
      tabIndex={-1}
      aria-labelledby={`summary-title-${state.seq}`}
      data-testid="error-summary"
      className="rounded border-2 border-red-700 bg-red-50 p-4 text-red-900"
    >
      <h2 id={`summary-title-${state.seq}`} className="font-semibold">
        {title}
      </h2>
      {state.message ? <p className="mt-1">{state.message}</p> : null}
      {entries.length ? (
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
          {entries.map(([path, message]) => (
            <li key={path}>
              <a className="underline" href={`#${fieldId(path)}`}>
                {labels[path] ? `${labels[path]}: ` : ""}
                {message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {children}
    </div>
  );
}

export function SuccessNote({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p role="status" data-testid={testId} className="rounded border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
      <span aria-hidden="true">✓ </span>
      {children}
    </p>
  );
}

export const inputClass =
  "mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900 aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700 read-only:bg-slate-100 read-only:text-slate-700";
export const selectClass =
  "mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900 aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700";
export const buttonClass =
  "inline-flex items-center justify-center rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-60";
export const secondaryButtonClass =
  "inline-flex items-center justify-center rounded border border-slate-400 bg-white px-4 py-2 font-medium text-slate-900 hover:bg-slate-100 disabled:opacity-60";
export const dangerButtonClass =
  "inline-flex items-center justify-center rounded bg-rose-700 px-4 py-2 font-medium text-white hover:bg-rose-800 disabled:opacity-60";
