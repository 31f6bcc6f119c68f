// The claim lists' filter form as data (list-filter-form.tsx renders it): texts translated on the server, each
// field's value from the list's filters. Sent to the client component once, instead of the fields' markup.
import type { getTranslations } from "next-intl/server";
import { ACTIVITIES, PROGRAMS, SOLUTION_AREAS } from "@/lib/claims/catalogue";
import { PAGE_SIZES, type ListDefaults } from "@/lib/claims/list-params";
import { CLAIM_SORTS, type ClaimListFilters, type ClaimSort } from "@/lib/claims/queries";
import { DISPUTE_FILTERS } from "@/lib/claims/schemas";
import type { Messages } from "@/messages";
import type { DateRange, ListFilterModel } from "./list-filter-form";

type Translate<N extends keyof Messages> = Awaited<ReturnType<typeof getTranslations<N>>>;

export const SORT_LABEL = {
  "-updatedAt": "updatedDesc",
  updatedAt: "updatedAsc",
  "-createdAt": "createdDesc",
  createdAt: "createdAsc",
  dueAt: "dueAsc",
  "-dueAt": "dueDesc",
} as const satisfies Record<ClaimSort, keyof Messages["claimsTable"]["sortOptions"]>;

// [from, to, the legend's message key]: the key is spelled out so next-intl's typed keys check it.
const RANGES = [
  ["createdFrom", "createdTo", "created"],
  ["submittedFrom", "submittedTo", "submitted"],
  ["decidedFrom", "decidedTo", "decided"],
] as const;

export function listFilterModel(props: {
  basePath: string;
  filters: ClaimListFilters;
  defaults: ListDefaults;
  /** The list's canonical search params (the hidden fields keep its status and assignee). */
  canonical: URLSearchParams;
  audience: "partner" | "staff";
  clearHref: string | null;
  t: {
    table: Translate<"claimsTable">;
    more: Translate<"listFilters">;
    program: Translate<"program">;
    area: Translate<"solutionArea">;
    activity: Translate<"activity">;
  };
}): ListFilterModel {
  const { filters, t } = props;
  const day = (value: string | undefined) => (value && value.length >= 10 ? value.slice(0, 10) : "");
  const dates = Object.fromEntries(RANGES.flatMap(([from, to]) => [[from, day(filters[from])], [to, day(filters[to])]]));
  const moreOpen =
    RANGES.flatMap(([from, to]) => [from, to]).some((name) => filters[name]) ||
    Boolean(filters.activity || filters.mpnId || filters.organizationId || filters.dispute || filters.sentForIncentiveAssessment !== undefined);
  return {
    action: props.basePath,
    defaults: { sort: props.defaults.sort ?? "-updatedAt", pageSize: String(props.defaults.pageSize ?? PAGE_SIZES[0]) },
    hidden: (["status", "assignee"] as const).filter((name) => props.canonical.has(name)).map((name) => [name, props.canonical.get(name)!]),
    values: {
      q: filters.q ?? "",
      program: filters.program ?? "",
      solutionArea: filters.solutionArea ?? "",
      sort: filters.sort,
      pageSize: String(filters.pageSize),
      activity: filters.activity ?? "",
      mpnId: filters.mpnId ?? "",
      organizationId: filters.organizationId ?? "",
      dispute: filters.dispute ?? "",
      sentForIncentiveAssessment: filters.sentForIncentiveAssessment === undefined ? "" : String(filters.sentForIncentiveAssessment),
      ...dates,
    },
    overdue: filters.overdue === true,
    options: {
      program: PROGRAMS.map((p) => [p, t.program(p)]),
      solutionArea: SOLUTION_AREAS.map((a) => [a, t.area(a)]),
      sort: CLAIM_SORTS.map((s) => [s, t.table(`sortOptions.${SORT_LABEL[s]}`)]),
      pageSize: PAGE_SIZES.map(String),
      activity: ACTIVITIES.map((a) => [a, t.activity(a)]),
      dispute: DISPUTE_FILTERS.map((d) => [d, t.more(`dispute_${d}`)]),
      sent: [
        ["true", t.more("yes")],
        ["false", t.more("no")],
      ],
    },
    ranges: RANGES.map(([from, to, legend]): DateRange => [from, to, t.more(legend)]),
    staff: props.audience === "staff",
    moreOpen,
    clearHref: props.clearHref,
    t: {
      filters: t.table("filters"),
      search: t.table("search"),
      searchHint: t.table("searchHint"),
      program: t.table("program"),
      allPrograms: t.table("allPrograms"),
      solutionArea: t.table("solutionArea"),
      allSolutionAreas: t.table("allSolutionAreas"),
      sort: t.table("sort"),
      pageSize: t.table("pageSize"),
      overdueOnly: t.table("overdueOnly"),
      clear: t.table("clear"),
      apply: t.table("apply"),
      applying: t.table("applying"),
      more: t.more("more"),
      any: t.more("any"),
      activity: t.more("activity"),
      mpnId: t.more("mpnId"),
      organizationId: t.more("organizationId"),
      dispute: t.more("dispute"),
      sentForIncentiveAssessment: t.more("sentForIncentiveAssessment"),
      from: t.more("from"),
      to: t.more("to"),
    },
  };
}
