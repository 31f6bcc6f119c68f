// The domain's closed vocabularies (domain.md). Codes are the API values; the UI translates labels.
// Every other module imports these lists instead of spelling the strings again.

export const CLAIM_STATUSES = [
  "EDITING",
  "SUBMITTED",
  "UNDER_REVIEW",
  "PARTNER_ACTION_REQUIRED",
  "APPROVED",
  "REJECTED",
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const USER_ROLES = ["PARTNER_ADMIN", "PARTNER_BILLING", "REVIEWER", "ADMIN"] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const PARTNER_ROLES: readonly UserRole[] = ["PARTNER_ADMIN", "PARTNER_BILLING"];

export const PROGRAMS = ["OSU", "OSA"] as const;
export type Program = (typeof PROGRAMS)[number];

export const ACTIVITIES = ["PRE_SALES", "REVENUE_ASSOCIATION", "USAGE"] as const;
export type Activity = (typeof ACTIVITIES)[number];

export const SOLUTION_AREAS = ["BUSINESS_APPLICATIONS", "MODERN_WORK"] as const;
export type SolutionArea = (typeof SOLUTION_AREAS)[number];

export const WORKLOADS = [
  "EXCHANGE",
  "SHAREPOINT",
  "ONEDRIVE",
  "TEAMS",
  "MICROSOFT_365_APPS",
  "INTUNE",
  "ENTRA_ID",
  "DEFENDER",
  "PURVIEW",
  "WINDOWS",
  "COPILOT",
] as const;

export const DYNAMICS_PRODUCTS = [
  "Dynamics 365 Sales",
  "Dynamics 365 Customer Service",
  "Dynamics 365 Field Service",
  "Dynamics 365 Finance",
  "Dynamics 365 Supply Chain Management",
  "Dynamics 365 Business Central",
  "Dynamics 365 Customer Insights",
  "Power Apps",
  "Power Automate",
  "Power BI",
] as const;
export type DynamicsProduct = (typeof DYNAMICS_PRODUCTS)[number];

/** Which product kind a solution area takes: Business Applications claim Dynamics products, Modern Work workloads. */
export const PRODUCT_KIND_BY_SOLUTION_AREA = {
  BUSINESS_APPLICATIONS: "DYNAMICS",
  MODERN_WORK: "WORKLOAD",
} as const satisfies Record<SolutionArea, "DYNAMICS" | "WORKLOAD">;

/** Reasons a reviewer gives when moving a claim to Partner action required (seed: "potential reasons"). */
export const INFO_REQUEST_REASONS = [
  "MISSING_ALL_POE",
  "MISSING_CUSTOMER_ACKNOWLEDGMENT",
  "MISSING_OR_OLD_DATES",
  "MISSING_PARTNER_SOLUTION",
  "MISSING_PRODUCTS",
] as const;
export type InfoRequestReason = (typeof INFO_REQUEST_REASONS)[number];

export const REJECTION_REASONS = [
  "PARTNER_REQUEST",
  "CUSTOMER_DECLINE",
  "INSUFFICIENT_POE",
  "MISSING_CUSTOMER_CONSENT_ON_POE",
  "MISSING_PRODUCTS",
  "NO_PARTNER_RESPONSE",
  "POE_UNAVAILABLE",
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** Rejection reasons that only the system, the customer or the partner's own withdrawal produce: a reviewer cannot pick them. */
export const NON_REVIEWER_REJECTION_REASONS: readonly RejectionReason[] = [
  "PARTNER_REQUEST",
  "CUSTOMER_DECLINE",
  "NO_PARTNER_RESPONSE",
];
export const REVIEWER_REJECTION_REASONS = REJECTION_REASONS.filter(
  (r) => !NON_REVIEWER_REJECTION_REASONS.includes(r),
) as Exclude<RejectionReason, "PARTNER_REQUEST" | "CUSTOMER_DECLINE" | "NO_PARTNER_RESPONSE">[];

/** Why a partner withdraws its claim (a code, shown translated; the partner's own words go in the comment). */
export const WITHDRAW_REASONS = ["WRONG_MPN_ID", "WRONG_ACTIVITY", "NO_LONGER_WORKING_WITH_CUSTOMER", "OTHER"] as const;
export type WithdrawReason = (typeof WITHDRAW_REASONS)[number];

export const DISPUTE_STATUSES = ["OPEN", "UPHELD", "OVERTURNED"] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export const DISPUTE_OUTCOMES = ["UPHOLD", "OVERTURN"] as const;

/** Calendar days after a rejection during which the partner may open its one dispute. */
export const DISPUTE_WINDOW_CALENDAR_DAYS = 30;

/** A claim holds its competing-claim keys while in one of these statuses. */
export const ACTIVE_STATUSES: readonly ClaimStatus[] = [
  "SUBMITTED",
  "UNDER_REVIEW",
  "PARTNER_ACTION_REQUIRED",
  "APPROVED",
];

/** The top-level claim fields a partner edits; an edit replaces a whole field (domain.md). */
export const CLAIM_FIELDS = [
  "mpnId",
  "program",
  "activity",
  "solutionArea",
  "customer",
  "products",
  "customerContact",
  "partnerContact",
  "commentary",
] as const;
export type ClaimField = (typeof CLAIM_FIELDS)[number];
