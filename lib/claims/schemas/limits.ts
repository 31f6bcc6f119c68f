// Length and size limits shared by the request schemas and the forms (maxLength attributes, counters).
/** Every free-text field a person writes at length (comments, commentary, dispute details) has this one limit. */
export const LONG_TEXT_MAX_LENGTH = 4000;
export const COMMENT_MAX_LENGTH = LONG_TEXT_MAX_LENGTH;
export const COMMENTARY_MAX_LENGTH = LONG_TEXT_MAX_LENGTH;
export const DISPUTE_DETAILS_MAX_LENGTH = LONG_TEXT_MAX_LENGTH;
export const CONSENT_DENY_REASON_MAX_LENGTH = 1000;
export const CLAIM_LIST_MAX_PAGE_SIZE = 100;
export const CLAIM_LIST_DEFAULT_PAGE_SIZE = 25;
/** api-v1 paging: `page × pageSize` at most this (422 beyond: deeper rows are reached with `cursor`). */
export const PAGE_CEILING = 10_000;
/** Items a page of a claim's history or comments, or of the dispute list, by default and at most. */
export const THREAD_PAGE_SIZE = 200;
export const NAME_MAX_LENGTH = 200;
export const SEARCH_MAX_LENGTH = 200;
