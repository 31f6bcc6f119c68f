import { CLAIM_STATUSES, PROGRAMS, SOLUTION_AREAS } from "./catalogue";
import { CLAIM_SORTS, type ClaimListFilters } from "./queries";

export const PAGE_SIZES = [25, 50, 100] as const;

function oneOf<T extends string>(list: readonly T[], value: string | undefined): T | undefined {
  return list.find((item) => item === value);
}

/**
 * Lenient parsing for pages: a hand-edited URL with a bad value falls back to the default instead of
 * erroring (the API is strict and answers 422 instead).
 */
export function listFiltersFromSearchParams(
  params: Record<string, string | string[] | undefined>,
  defaults: Partial<ClaimListFilters> = {},
): ClaimListFilters {
  const get = (key: string) => {
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const page = Number.parseInt(get("page") ?? "", 10);
  const pageSize = Number.parseInt(get("pageSize") ?? "", 10);
  const overdue = get("overdue");
  return {
    status: oneOf(CLAIM_STATUSES, get("status")) ?? defaults.status,
    q: get("q")?.slice(0, 200) || undefined,
    program: oneOf(PROGRAMS, get("program")),
    solutionArea: oneOf(SOLUTION_AREAS, get("solutionArea")),
    overdue: overdue === "true" ? true : overdue === "false" ? false : undefined,
    sort: oneOf(CLAIM_SORTS, get("sort")) ?? defaults.sort ?? "-updatedAt",
    page: Number.isFinite(page) && page >= 1 ? page : 1,
    pageSize: PAGE_SIZES.find((size) => size === pageSize) ?? defaults.pageSize ?? 25,
  };
}

/** The search params as plain strings, for building links that keep the current filters. */
export function plainParams(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
