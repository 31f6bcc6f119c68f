"use client";

// The form-level pieces of the claim pages' forms: the error summary (focused when a new answer arrives) and
// the success note. Field-level pieces (label, hint, error, ids) are components/ui/form-field.tsx.
import { useEffect, useRef, type ReactNode } from "react";
import { fieldId } from "@/components/ui/form-field";
import type { ActionState } from "./action-state";

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
