// The claim lists' state lives in the URL (shareable links, the back button works, no client state):
// parse it leniently for pages, and write it back canonically (defaults left out) for every link and form.
//
// One schema, two error policies: the API parses the query with claimListQuerySchema strictly (a bad value
// answers 422); pages parse it with the same schema field by field and drop what fails, so a hand-edited
// URL falls back to the page's default instead of showing an error.
import { CLAIM_ASSIGNEES, isIdentifierSearch, type ClaimListFilters } from "./queries";
import { DEFAULT_CLAIM_SORT, EXTRA_LIST_FILTERS, SEARCH_MAX_LENGTH, claimListQuerySchema, type ClaimListQuery } from "./schemas";

/** The page sizes the pages offer (the API accepts any size up to its maximum). */
export const PAGE_SIZES = [25, 50, 100] as const;

/** `?status=all` asks for every status on a page whose default is one status (the review queue). */
export const ALL_STATUSES_PARAM = "all";

/** What a page shows when the URL says nothing: the review queue starts on SUBMITTED, soonest deadline first. */
export type ListDefaults = Partial<Pick<ClaimListFilters, "status" | "sort" | "pageSize">>;

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The lenient policy: every parameter the schema accepts, each parsed on its own; an absent, blank or
 * invalid one is left out (the caller supplies its default). The first of repeated parameters counts.
 */
export function parseListQueryLeniently(params: SearchParams): Partial<ClaimListQuery> {
  const parsed: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(claimListQuerySchema.shape)) {
    const value = params[key];
    // U+0000 (%00) cannot reach PostgreSQL (the search would fail as a 500): dropped, like other unusable input here.
    let raw = (Array.isArray(value) ? value[0] : value)?.replaceAll("\u0000", "");
    if (!raw?.trim()) continue;
    // A search is shortened rather than dropped: the person still sees results for what they typed.
    if (key === "q") raw = raw.trim().slice(0, SEARCH_MAX_LENGTH);
    const result = field.safeParse(raw);
    if (result.success && result.data !== undefined) parsed[key] = result.data;
  }
  return parsed as Partial<ClaimListQuery>;
}

/** The lenient parse with the page's defaults, its `status=all` and its page sizes. */
export function listFiltersFromSearchParams(params: SearchParams, defaults: ListDefaults = {}): ClaimListFilters {
  const query = parseListQueryLeniently(params);
  const status = Array.isArray(params.status) ? params.status[0] : params.status;
  return {
    // A claim number or tenant ID finds its claim in any status: the tab must not hide what was asked for by name.
    status: status === ALL_STATUSES_PARAM || isIdentifierSearch(query.q) ? undefined : (query.status ?? defaults.status),
    q: query.q || undefined,
    program: query.program,
    solutionArea: query.solutionArea,
    overdue: query.overdue,
    // Staff pages' "whose claims" view; not (yet) an API parameter, so it is read here, not from the schema.
    assignee: CLAIM_ASSIGNEES.find((a) => a === (Array.isArray(params.assignee) ? params.assignee[0] : params.assignee)),
    ...Object.fromEntries(EXTRA_LIST_FILTERS.flatMap((name) => (query[name] === undefined ? [] : [[name, query[name]]]))),
    sort: query.sort ?? defaults.sort ?? DEFAULT_CLAIM_SORT,
    page: query.page ?? 1,
    // A Next/Previous link's keyset position; listClaimsPage ignores one that does not fit these filters.
    cursor: query.cursor,
    pageSize: PAGE_SIZES.find((size) => size === query.pageSize) ?? defaults.pageSize ?? PAGE_SIZES[0],
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
  if (filters.assignee) params.set("assignee", filters.assignee);
  for (const name of EXTRA_LIST_FILTERS) {
    const value = filters[name];
    if (value !== undefined) params.set(name, String(value));
  }
  if (filters.sort !== (defaults.sort ?? DEFAULT_CLAIM_SORT)) params.set("sort", filters.sort);
  if (filters.pageSize !== (defaults.pageSize ?? PAGE_SIZES[0])) params.set("pageSize", String(filters.pageSize));
  // A cursor says which page it leads to: `page` would only contradict it.
  if (filters.cursor) params.set("cursor", filters.cursor);
  else if (filters.page > 1) params.set("page", String(filters.page));
  return params;
}

/**
 * A link to `basePath` showing `filters` with `changes` applied (a change of filter should also reset `page`).
 * The current cursor is dropped unless `changes` names one: it belongs to this exact view and page.
 */
export function listHref(
  basePath: string,
  filters: ClaimListFilters,
  defaults: ListDefaults = {},
  changes: Partial<ClaimListFilters> = {},
): string {
  const query = listSearchParams({ ...filters, cursor: undefined, ...changes }, defaults).toString();
  return query ? `${basePath}?${query}` : basePath;
}

/** True when anything narrows the list beyond the status tab (for the empty state's wording). */
export function hasNarrowingFilters(filters: ClaimListFilters): boolean {
  return Boolean(
    filters.q?.trim() ||
      filters.program ||
      filters.solutionArea ||
      filters.overdue !== undefined ||
      filters.assignee ||
      EXTRA_LIST_FILTERS.some((name) => filters[name] !== undefined),
  );
}
