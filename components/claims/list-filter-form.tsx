"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition, type FormEvent } from "react";

/** A select's option or a hidden field: [value or name, label or value]. */
export type Pair = [string, string];

/** The date-range filters: [from field, to field, legend]. */
export type DateRange = [string, string, string];

/**
 * Everything the filter form shows, as data (components/claims/list-filter-model.ts builds it on the server:
 * texts translated, values from the URL). The fields' markup is written here, once, in the HTML: as server
 * children it also travelled as React elements in the RSC payload, utility classes and all (~10 kB a page).
 */
export interface ListFilterModel {
  action: string;
  /** Field values that are the page's defaults: left out of the URL. */
  defaults: Record<string, string>;
  /** State the form does not show but keeps (the status tab, the assignee view): [name, value]. */
  hidden: Pair[];
  /** The fields' current values by name ("" = not set). */
  values: Record<string, string>;
  overdue: boolean;
  options: { program: Pair[]; solutionArea: Pair[]; sort: Pair[]; pageSize: string[]; activity: Pair[]; dispute: Pair[]; sent: Pair[] };
  ranges: DateRange[];
  /** Staff filter by organization too. */
  staff: boolean;
  /** The second release's filters start open when one of them is set. */
  moreOpen: boolean;
  /** The list without its narrowing filters; null when none is set. */
  clearHref: string | null;
  t: Record<
    | "filters" | "search" | "searchHint" | "program" | "allPrograms" | "solutionArea" | "allSolutionAreas" | "sort" | "pageSize"
    | "overdueOnly" | "clear" | "apply" | "applying" | "more" | "any" | "activity" | "mpnId" | "organizationId" | "dispute"
    | "sentForIncentiveAssessment" | "from" | "to",
    string
  >;
}

const FIELD = "block text-sm font-medium text-slate-800";
const CONTROL =
  "mt-1 block w-full rounded border border-slate-400 bg-white px-2 py-1.5 text-sm text-slate-900 focus-visible:border-blue-700";

function Select(props: { id: string; name: string; label: string; value: string; any?: string; options: Pair[] }) {
  return (
    <div className="w-full sm:w-auto">
      <label htmlFor={props.id} className={FIELD}>{props.label}</label>
      <select id={props.id} name={props.name} defaultValue={props.value} className={CONTROL}>
        {props.any !== undefined ? <option value="">{props.any}</option> : null}
        {props.options.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </select>
    </div>
  );
}

/**
 * The claim lists' filter form: a plain GET form (works without JavaScript; the URL is the state, so links
 * are shareable and the back button works). With JavaScript it navigates client-side to the canonical URL
 * (empty fields and the page's defaults left out) and marks itself busy until the new list has rendered.
 */
export function ListFilterForm({ model }: { model: ListFilterModel }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const { t, values, options } = model;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, raw] of new FormData(event.currentTarget)) {
      const value = typeof raw === "string" ? raw.trim() : "";
      if (value && model.defaults[name] !== value) params.set(name, value);
    }
    const query = params.toString();
    startTransition(() => router.push(query ? `${model.action}?${query}` : model.action));
  }

  return (
    <form
      method="get"
      action={model.action}
      role="search"
      aria-label={t.filters}
      aria-busy={pending}
      data-pending={pending ? "" : undefined}
      onSubmit={onSubmit}
      className="group flex flex-wrap items-start gap-3 rounded border border-slate-200 bg-white p-3"
    >
      {model.hidden.map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <div className="min-w-0 flex-1 basis-72">
        <label htmlFor="claims-q" className={FIELD}>{t.search}</label>
        <input
          id="claims-q"
          name="q"
          type="search"
          defaultValue={values.q}
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="claims-q-hint"
          className={CONTROL}
        />
        <p id="claims-q-hint" className="mt-1 text-xs text-slate-600">{t.searchHint}</p>
      </div>
      <Select id="claims-program" name="program" label={t.program} value={values.program} any={t.allPrograms} options={options.program} />
      <Select id="claims-area" name="solutionArea" label={t.solutionArea} value={values.solutionArea} any={t.allSolutionAreas} options={options.solutionArea} />
      <Select id="claims-sort" name="sort" label={t.sort} value={values.sort} options={options.sort} />
      <Select id="claims-size" name="pageSize" label={t.pageSize} value={values.pageSize} options={options.pageSize.map((n) => [n, n])} />
      {/* The second release's list filters (docs/api.md "List filters"), folded away unless one is set. Dates
          are whole UTC days here; the API also takes instants. Organization: staff only. */}
      <details className="basis-full" open={model.moreOpen} data-testid="more-filters">
        <summary className="cursor-pointer text-sm font-medium text-blue-800">{t.more}</summary>
        <div className="mt-2 flex flex-wrap gap-3">
          <Select id="claims-activity" name="activity" label={t.activity} value={values.activity} any={t.any} options={options.activity} />
          <div className="w-full sm:w-32">
            <label htmlFor="claims-mpn" className={FIELD}>{t.mpnId}</label>
            <input id="claims-mpn" name="mpnId" inputMode="numeric" defaultValue={values.mpnId} className={CONTROL} />
          </div>
          {model.staff ? (
            <div className="w-full sm:w-56">
              <label htmlFor="claims-org" className={FIELD}>{t.organizationId}</label>
              <input id="claims-org" name="organizationId" defaultValue={values.organizationId} className={CONTROL} />
            </div>
          ) : null}
          <Select id="claims-dispute" name="dispute" label={t.dispute} value={values.dispute} any={t.any} options={options.dispute} />
          <Select
            id="claims-sent"
            name="sentForIncentiveAssessment"
            label={t.sentForIncentiveAssessment}
            value={values.sentForIncentiveAssessment}
            any={t.any}
            options={options.sent}
          />
          {model.ranges.map(([from, to, legend]) => (
            <fieldset key={from} className="w-full sm:w-auto">
              <legend className={FIELD}>{legend}</legend>
              <div className="flex gap-2">
                <label className="text-xs text-slate-700">
                  {t.from}
                  <input type="date" name={from} defaultValue={values[from]} className={CONTROL} />
                </label>
                <label className="text-xs text-slate-700">
                  {t.to}
                  <input type="date" name={to} defaultValue={values[to]} className={CONTROL} />
                </label>
              </div>
            </fieldset>
          ))}
        </div>
      </details>
      <div className="flex basis-full flex-wrap items-center gap-3">
        <label className="inline-flex items-center gap-2 text-sm font-medium text-slate-800">
          <input
            type="checkbox"
            name="overdue"
            value="true"
            defaultChecked={model.overdue}
            className="h-4 w-4 rounded border-slate-400 accent-blue-700"
          />
          {t.overdueOnly}
        </label>
        <span className="flex-1" />
        {model.clearHref ? <Link href={model.clearHref} className="text-sm text-blue-800 underline underline-offset-2">{t.clear}</Link> : null}
        <button
          type="submit"
          className="rounded bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800 group-data-pending:opacity-70"
        >
          <span className="group-data-pending:hidden">{t.apply}</span>
          <span className="hidden group-data-pending:inline">{t.applying}</span>
        </button>
      </div>
    </form>
  );
}
