// The list query of GET /claims and GET /claims/export.csv (and the list pages' filter forms).
import { z } from "zod";
import { CLAIM_STATUSES } from "../catalogue";
import { blankToUndefined, isStorableText, NOT_STORABLE } from "./building-blocks";
import { activitySchema, mpnIdFormatSchema, programSchema, solutionAreaSchema } from "./claim-fields";
import { cursorParamSchema } from "../../paging/cursor-param";
import { CLAIM_LIST_DEFAULT_PAGE_SIZE, CLAIM_LIST_MAX_PAGE_SIZE, PAGE_CEILING, SEARCH_MAX_LENGTH } from "./limits";

// The claim lists' sort keys, named once: this schema, the pages' lenient parser (list-params.ts), the SQL
// order (queries.orderByFor) and the sort menus all read this list.
export const CLAIM_SORTS = ["updatedAt", "-updatedAt", "createdAt", "-createdAt", "dueAt", "-dueAt"] as const;
export type ClaimSort = (typeof CLAIM_SORTS)[number];
/** Most recently changed first: what a list shows when nothing else is asked for. */
export const DEFAULT_CLAIM_SORT: ClaimSort = "-updatedAt";

export const DISPUTE_FILTERS = ["NONE", "OPEN", "UPHELD", "OVERTURNED"] as const;
export type DisputeFilter = (typeof DISPUTE_FILTERS)[number];

// A day (2026-03-02, the whole UTC day) or an instant (2026-03-02T09:00:00Z). Kept as text: listWhere turns it
// into a bound, a `…To` day meaning "through the end of that day".
const DAY_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const dateBound = (name: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: `Give ${name} as a date (2026-03-02) or an ISO instant (2026-03-02T09:00:00Z)` })
      .trim()
      .regex(DAY_OR_INSTANT, { error: `Give ${name} as a date (2026-03-02) or an ISO instant (2026-03-02T09:00:00Z)` })
      .refine((text) => !Number.isNaN(Date.parse(text)), { error: `${name} is not a real date` })
      .meta({ description: `${name}: a date (UTC day, inclusive) or an ISO 8601 instant.` })
      .optional(),
  );

const booleanFilter = (error: string, description: string) =>
  z.preprocess(
    blankToUndefined,
    // The enum first, so the JSON Schema of the query parameter is the enum the server accepts.
    z
      .codec(z.enum(["true", "false"], { error }), z.boolean(), {
        decode: (text) => text === "true",
        encode: (flag) => (flag ? "true" : "false"),
      })
      .meta({ description })
      .optional(),
  );

// Every parameter goes through blankToUndefined: a GET filter form submits `status=` for "All", and that
// must mean "no filter", not a 422.
export const claimListQuerySchema = z
  .object({
    status: z.preprocess(
      blankToUndefined,
      z.enum(CLAIM_STATUSES, { error: `Filter status by one of: ${CLAIM_STATUSES.join(", ")}` }).optional(),
    ),
    q: z.preprocess(
      blankToUndefined,
      z
        .string({ error: "Search with text" })
        .trim()
        .max(SEARCH_MAX_LENGTH, { error: `Shorten the search to ${SEARCH_MAX_LENGTH} characters or fewer` })
        .optional(),
    ),
    program: z.preprocess(blankToUndefined, programSchema.optional()),
    solutionArea: z.preprocess(blankToUndefined, solutionAreaSchema.optional()),
    overdue: booleanFilter("Filter overdue with true or false", "Only overdue claims (`true`) or only claims on time (`false`)."),
    activity: z.preprocess(blankToUndefined, activitySchema.optional()),
    mpnId: z.preprocess(blankToUndefined, mpnIdFormatSchema.optional()),
    organizationId: z.preprocess(
      blankToUndefined,
      z.string({ error: "Filter by an organization id" }).refine(isStorableText, NOT_STORABLE).trim().max(64, { error: "Filter by an organization id" })
        .meta({ description: "Staff only: one organization's claims (a partner always sees only its own)." })
        .optional(),
    ),
    createdFrom: dateBound("createdFrom"),
    createdTo: dateBound("createdTo"),
    submittedFrom: dateBound("submittedFrom"),
    submittedTo: dateBound("submittedTo"),
    decidedFrom: dateBound("decidedFrom"),
    decidedTo: dateBound("decidedTo"),
    dispute: z.preprocess(
      blankToUndefined,
      z.enum(DISPUTE_FILTERS, { error: `Filter dispute by one of: ${DISPUTE_FILTERS.join(", ")}` }).optional(),
    ),
    sentForIncentiveAssessment: booleanFilter(
      "Filter sentForIncentiveAssessment with true or false",
      "Only claims sent for incentive assessment (`true`) or only those not sent (`false`).",
    ),
    sort: z.preprocess(
      blankToUndefined,
      z.enum(CLAIM_SORTS, { error: `Sort by one of: ${CLAIM_SORTS.join(", ")}` }).default(DEFAULT_CLAIM_SORT),
    ),
    page: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: "Ask for page 1 or a later page" })
        .int({ error: "Ask for page 1 or a later page" })
        .min(1, { error: "Ask for page 1 or a later page" })
        .default(1),
    ),
    pageSize: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: `Ask for 1 to ${CLAIM_LIST_MAX_PAGE_SIZE} items per page` })
        .int({ error: `Ask for 1 to ${CLAIM_LIST_MAX_PAGE_SIZE} items per page` })
        .min(1, { error: `Ask for 1 to ${CLAIM_LIST_MAX_PAGE_SIZE} items per page` })
        // An error, not a clamp (api-v1): a client asking for 500 must learn it gets 100, not miss rows.
        .max(CLAIM_LIST_MAX_PAGE_SIZE, { error: `Ask for 1 to ${CLAIM_LIST_MAX_PAGE_SIZE} items per page` })
        .default(CLAIM_LIST_DEFAULT_PAGE_SIZE),
    ),
    // Keyset paging (docs/api.md "Lists and paging"): the nextCursor of the previous page. `page` stops at
    // PAGE_CEILING rows; a cursor reaches any depth at the cost of page 1.
    cursor: z.preprocess(
      blankToUndefined,
      cursorParamSchema
        .meta({
          description: `The \`nextCursor\` of the previous page (opaque); keep the filters and sort unchanged while paging. \`page\` × \`pageSize\` may not exceed ${PAGE_CEILING.toLocaleString("en")}: deeper rows are reached by cursor.`,
        })
        .optional(),
    ),
  })
  .meta({ id: "ClaimListQuery", description: "Query parameters of GET /claims and GET /claims/export.csv." });

export type ClaimListQuery = z.infer<typeof claimListQuerySchema>;

/** The filters beyond status, search, program, solution area and overdue (second release), in URL order. */
export const EXTRA_LIST_FILTERS = [
  "activity",
  "mpnId",
  "organizationId",
  "createdFrom",
  "createdTo",
  "submittedFrom",
  "submittedTo",
  "decidedFrom",
  "decidedTo",
  "dispute",
  "sentForIncentiveAssessment",
] as const satisfies readonly (keyof ClaimListQuery)[];
export type ExtraListFilters = Partial<Pick<ClaimListQuery, (typeof EXTRA_LIST_FILTERS)[number]>>;
