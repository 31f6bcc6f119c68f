// The claim lists' state lives in the URL (shareable links, the back button works, no client state):
// parse it leniently for pages, and write it back canonically (defaults left out) for every link and form.
import { CLAIM_STATUSES, PROGRAMS, SOLUTION_AREAS } from "./catalogue";
import { CLAIM_SORTS, type ClaimListFilters } from "./queries";

export const PAGE_SIZES = [25, 50, 100] as const;

/** `?status=all` asks for every status on a page whose default is one status (the review queue). */
export const ALL_STATUSES_PARAM = "all";

/** What a page shows when the URL says nothing: the review queue starts on SUBMITTED, soonest deadline first. */
export type ListDefaults = Partial<Pick<ClaimListFilters, "status" | "sort" | "pageSize">>;

type SearchParams = Record<string, string | string[] | undefined>;

function oneOf<T extends string>(list: readonly T[], value: string | undefined): T | undefined {
  return list.find((item) => item === value);
}

/**
 * Lenient parsing for pages: a hand-edited URL with a bad value falls back to the default instead of
 * erroring (the API is strict and answers 422 instead).
 */
export function listFiltersFromSearchParams(params: SearchParams, defaults: ListDefaults = {}): ClaimListFilters {
  const get = (key: string) => {
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const page = Number(get("page"));
  const pageSize = Number(get("pageSize"));
  const overdue = get("overdue");
  const status = get("status");
  return {
    status: status === ALL_STATUSES_PARAM ? undefined : (oneOf(CLAIM_STATUSES, status) ?? defaults.status),
    q: get("q")?.trim().slice(0, 200) || undefined,
    program: oneOf(PROGRAMS, get("program")),
    solutionArea: oneOf(SOLUTION_AREAS, get("solutionArea")),
    overdue: overdue === "true" ? true : overdue === "false" ? false : undefined,
    sort: oneOf(CLAIM_SORTS, get("sort")) ?? defaults.sort ?? "-updatedAt",
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
    pageSize: PAGE_SIZES.find((size) => size === pageSize) ?? defaults.pageSize ?? PAGE_SIZES[0],
  };
}

/**
 * The canonical search params of `filters`: values equal to the page's defaults are left out, so the
 * plain page URL is the default view and every view has exactly one URL.
 */
export function listSearchParams(filters: ClaimListFilters, defaults: ListDefaults = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status !== defaults.status) params.set("status", filters.status ?? ALL_STATUSES_PARAM);
  if (filters.q?.trim()) params.set("q", filters.q.trim());
  if (filters.program) params.set("program", filters.program);
  if (filters.solutionArea) params.set("solutionArea", filters.solutionArea);
  if (filters.overdue !== undefined) params.set("overdue", String(filters.overdue));
  if (filters.sort !== (defaults.sort ?? "-updatedAt")) params.set("sort", filters.sort);
  if (filters.pageSize !== (defaults.pageSize ?? PAGE_SIZES[0])) params.set("pageSize", String(filters.pageSize));
  if (filters.page > 1) params.set("page", String(filters.page));
  return params;
}

/** A link to `basePath` showing `filters` with `changes` applied (a change of filter should also reset `page`). */
export function listHref(
  basePath: string,
  filters: ClaimListFilters,
  defaults: ListDefaults = {},
  changes: Partial<ClaimListFilters> = {},
): string {
  const query = listSearchParams({ ...filters, ...changes }, defaults).toString();
  return query ? `${basePath}?${query}` : basePath;
}

/** True when anything narrows the list beyond the status tab (for the empty state's wording). */
export function hasNarrowingFilters(filters: ClaimListFilters): boolean {
  return Boolean(filters.q?.trim() || filters.program || filters.solutionArea || filters.overdue !== undefined);
}
