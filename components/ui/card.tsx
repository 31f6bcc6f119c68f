import type { ReactNode } from "react";

const TONES = {
  default: "border-slate-200 bg-white",
  warning: "border-amber-400 bg-amber-50",
  danger: "border-rose-300 bg-rose-50",
  success: "border-emerald-300 bg-emerald-50",
  reviewer: "border-indigo-200 bg-indigo-50",
} as const;

/**
 * A titled section of a page: a landmark named by its heading (aria-labelledby), so screen-reader users can
 * jump between cards. The tone is a second channel only; the heading says what the card is.
 */
export function Card(props: {
  title: ReactNode;
  /** The heading's id; unique on the page. */
  id: string;
  children: ReactNode;
  testId?: string;
  tone?: keyof typeof TONES;
  /** Buttons or links shown beside the heading. */
  actions?: ReactNode;
}) {
  return (
    <section aria-labelledby={props.id} className={`space-y-3 rounded border p-4 ${TONES[props.tone ?? "default"]}`} data-testid={props.testId}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 id={props.id} className="text-lg font-semibold">
          {props.title}
        </h2>
        {props.actions ? <div className="flex flex-wrap gap-2">{props.actions}</div> : null}
      </div>
      {props.children}
    </section>
  );
}
