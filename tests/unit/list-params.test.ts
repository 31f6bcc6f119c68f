import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLAIM_STATUSES, PROGRAMS, SOLUTION_AREAS } from "../../lib/claims/catalogue";
import {
  hasNarrowingFilters,
  listFiltersFromSearchParams,
  listHref,
  listSearchParams,
  PAGE_SIZES,
  parseListQueryLeniently,
  type ListDefaults,
} from "../../lib/claims/list-params";
import { CLAIM_SORTS, type ClaimListFilters } from "../../lib/claims/queries";
import { claimListQuerySchema } from "../../lib/claims/schemas";

const REVIEW: ListDefaults = { status: "SUBMITTED", sort: "dueAt" };

describe("listFiltersFromSearchParams (lenient, for pages)", () => {
  it("an empty URL is the page's default view", () => {
    expect(listFiltersFromSearchParams({})).toEqual({
      status: undefined,
      q: undefined,
      program: undefined,
      solutionArea: undefined,
      overdue: undefined,
      sort: "-updatedAt",
      page: 1,
      pageSize: 25,
    });
    expect(listFiltersFromSearchParams({}, REVIEW)).toMatchObject({ status: "SUBMITTED", sort: "dueAt", page: 1, pageSize: 25 });
  });

  it("reads every filter", () => {
    const filters = listFiltersFromSearchParams({
      status: "UNDER_REVIEW",
      q: "  contoso ",
      program: "OSA",
      solutionArea: "MODERN_WORK",
      overdue: "true",
      sort: "-dueAt",
      page: "3",
      pageSize: "100",
    });
    expect(filters).toEqual({
      status: "UNDER_REVIEW",
      q: "contoso",
      program: "OSA",
      solutionArea: "MODERN_WORK",
      overdue: true,
      sort: "-dueAt",
      page: 3,
      pageSize: 100,
    });
    expect(listFiltersFromSearchParams({ overdue: "false" }).overdue).toBe(false);
  });

  it("falls back to the defaults for hand-edited values instead of failing", () => {
    const filters = listFiltersFromSearchParams(
      { status: "DELETED", program: "XYZ", solutionArea: "", overdue: "yes", sort: "name", page: "-2", pageSize: "1000" },
      REVIEW,
    );
    expect(filters).toMatchObject({ status: "SUBMITTED", program: undefined, solutionArea: undefined, overdue: undefined, sort: "dueAt", page: 1, pageSize: 25 });
    for (const page of ["0", "1.5", "abc", "1e400", ""]) expect(listFiltersFromSearchParams({ page }).page).toBe(1);
    for (const pageSize of ["10", "51", "x"]) expect(listFiltersFromSearchParams({ pageSize }).pageSize).toBe(25);
  });

  it("`status=all` shows every status even where the page defaults to one", () => {
    expect(listFiltersFromSearchParams({ status: "all" }, REVIEW).status).toBeUndefined();
    expect(listFiltersFromSearchParams({ status: "all" }).status).toBeUndefined();
  });

  it("takes the first of repeated params, trims the search and caps it at 200 characters", () => {
    expect(listFiltersFromSearchParams({ status: ["APPROVED", "REJECTED"] }).status).toBe("APPROVED");
    expect(listFiltersFromSearchParams({ q: "   " }).q).toBeUndefined();
    expect(listFiltersFromSearchParams({ q: "x".repeat(500) }).q).toHaveLength(200);
  });
});

describe("one schema, two error policies", () => {
  const valueArb = fc.oneof(
    fc.constantFrom(...CLAIM_STATUSES, ...PROGRAMS, ...SOLUTION_AREAS, ...CLAIM_SORTS, "true", "false", "all", "", " "),
    fc.integer({ min: -5, max: 200 }).map(String),
    fc.string({ maxLength: 12 }),
  );
  const paramsArb = fc.dictionary(
    fc.constantFrom("status", "q", "program", "solutionArea", "overdue", "sort", "page", "pageSize"),
    valueArb,
  );

  it("where the API's strict parse accepts a query, the pages' lenient parse reads the same values", () => {
    fc.assert(
      fc.property(paramsArb, (params) => {
        const strict = claimListQuerySchema.safeParse(params);
        fc.pre(strict.success);
        const lenient = parseListQueryLeniently(params);
        for (const [key, value] of Object.entries(lenient)) expect(value).toEqual(strict.data![key as keyof typeof lenient]);
      }),
    );
  });

  it("the lenient parse keeps only values the strict schema accepts, and drops the rest", () => {
    fc.assert(
      fc.property(paramsArb, (params) => {
        const lenient = parseListQueryLeniently(params);
        for (const key of Object.keys(params) as (keyof typeof lenient)[]) {
          const field = claimListQuerySchema.shape[key];
          if (key === "q" || !(key in lenient)) continue;
          expect(field.safeParse(params[key]).success).toBe(true);
        }
      }),
    );
    expect(parseListQueryLeniently({ status: "DELETED", page: "0", sort: "dueAt" })).toEqual({ sort: "dueAt" });
  });
});

describe("listSearchParams / listHref (canonical URLs)", () => {
  const base = listFiltersFromSearchParams({});

  it("leaves the defaults out, so the default view is the bare path", () => {
    expect(listHref("/claims", base)).toBe("/claims");
    expect(listHref("/review", listFiltersFromSearchParams({}, REVIEW), REVIEW)).toBe("/review");
  });

  it("writes what differs from the defaults, and a page only past the first", () => {
    const filters: ClaimListFilters = { ...base, status: "REJECTED", q: "fabrikam", overdue: true, sort: "createdAt", pageSize: 50, page: 2 };
    expect(listHref("/claims", filters)).toBe("/claims?status=REJECTED&q=fabrikam&overdue=true&sort=createdAt&pageSize=50&page=2");
  });

  it("says `status=all` where the default is a status, and applies changes", () => {
    const queue = listFiltersFromSearchParams({ program: "OSU", page: "4" }, REVIEW);
    expect(listHref("/review", queue, REVIEW, { status: undefined, page: 1 })).toBe("/review?status=all&program=OSU");
    expect(listHref("/review", queue, REVIEW, { status: "SUBMITTED", page: 1 })).toBe("/review?program=OSU");
    expect(listHref("/review", queue, REVIEW, { sort: "-updatedAt" })).toBe("/review?program=OSU&sort=-updatedAt&page=4");
  });

  it("round-trips: parsing the canonical params gives back the same filters, for any filters and defaults", () => {
    const filtersArb = fc.record({
      status: fc.option(fc.constantFrom(...CLAIM_STATUSES), { nil: undefined }),
      q: fc.option(fc.string({ minLength: 1, maxLength: 30 }).map((s) => s.trim()).filter((s) => s.length > 0), { nil: undefined }),
      program: fc.option(fc.constantFrom(...PROGRAMS), { nil: undefined }),
      solutionArea: fc.option(fc.constantFrom(...SOLUTION_AREAS), { nil: undefined }),
      overdue: fc.option(fc.boolean(), { nil: undefined }),
      sort: fc.constantFrom(...CLAIM_SORTS),
      page: fc.integer({ min: 1, max: 10_000 }),
      pageSize: fc.constantFrom(...PAGE_SIZES),
    });
    const defaultsArb = fc.constantFrom<ListDefaults>({}, REVIEW, { sort: "-createdAt", pageSize: 50 });
    fc.assert(
      fc.property(filtersArb, defaultsArb, (filters, defaults) => {
        const params = Object.fromEntries(listSearchParams(filters, defaults));
        expect(listFiltersFromSearchParams(params, defaults)).toEqual(filters);
      }),
    );
  });
});

describe("hasNarrowingFilters", () => {
  it("is about the filters beyond the status tab", () => {
    const base = listFiltersFromSearchParams({ status: "APPROVED", sort: "dueAt", page: "3" });
    expect(hasNarrowingFilters(base)).toBe(false);
    expect(hasNarrowingFilters({ ...base, q: "x" })).toBe(true);
    expect(hasNarrowingFilters({ ...base, program: "OSU" })).toBe(true);
    expect(hasNarrowingFilters({ ...base, solutionArea: "MODERN_WORK" })).toBe(true);
    expect(hasNarrowingFilters({ ...base, overdue: false })).toBe(true);
  });
});
