// Who may see a claim (docs/domain.md, "Who sees what"), written once as data. Every check derives from
// visibilityScope: the in-memory test on a loaded claim (canSeeClaim, behind policy.canViewClaim), the SQL
// filter of every list, count and lookup (visibilityWhere), and the statuses a page may offer
// (visibleStatuses). A property test (tests/unit/visibility.test.ts) holds the in-memory check and the
// where-clause to the same answer for every actor and claim: this is the rule whose failure leaks a
// competitor's data. Pure: no Prisma, no Next, no clock.
import { CLAIM_STATUSES, PARTNER_ROLES, type ClaimStatus } from "./catalogue";
import type { Actor } from "./lifecycle";

/** Drafts are private to the partner organization writing them: staff never see them. */
export const PRIVATE_STATUSES: readonly ClaimStatus[] = ["EDITING"];

export type VisibilityScope =
  /** Customers and the system act through a token or the sweep, never by browsing; a partner without an organization sees nothing. */
  | { kind: "nothing" }
  /** Partners: every claim of their own organization, in every status. */
  | { kind: "organization"; organizationId: string }
  /** Reviewers: every organization's claims except the private (draft) statuses. */
  | { kind: "staff"; excludeStatuses: readonly ClaimStatus[] }
  /** Admins: everything. */
  | { kind: "everything" };

export function visibilityScope(actor: Actor): VisibilityScope {
  if (actor.kind !== "user") return { kind: "nothing" };
  if (PARTNER_ROLES.includes(actor.role)) {
    return actor.organizationId ? { kind: "organization", organizationId: actor.organizationId } : { kind: "nothing" };
  }
  switch (actor.role) {
    case "REVIEWER":
      return { kind: "staff", excludeStatuses: PRIVATE_STATUSES };
    case "ADMIN":
      return { kind: "everything" };
    default:
      // A role added to the catalogue sees nothing until this rule names it (fail closed).
      return { kind: "nothing" };
  }
}

/** The in-memory check on a claim already loaded. */
export function canSeeClaim(scope: VisibilityScope, claim: { organizationId: string; status: ClaimStatus }): boolean {
  switch (scope.kind) {
    case "nothing":
      return false;
    case "organization":
      return claim.organizationId === scope.organizationId;
    case "staff":
      return !scope.excludeStatuses.includes(claim.status);
    case "everything":
      return true;
  }
}

/** Statuses in which the scope can see at least one claim (tabs of a page, a status filter that can match). */
export function visibleStatuses(scope: VisibilityScope): ClaimStatus[] {
  switch (scope.kind) {
    case "nothing":
      return [];
    case "staff":
      return CLAIM_STATUSES.filter((status) => !scope.excludeStatuses.includes(status));
    case "organization":
    case "everything":
      return [...CLAIM_STATUSES];
  }
}

/**
 * The same rule as a `where` on rows carrying `organizationId` and `status` (Claim and ClaimStatusCount
 * alike), in Prisma's filter shape but typed structurally so the core needs no Prisma import. null: the
 * scope sees nothing, so the caller must not query at all (an always-false filter would still be a scan).
 */
export type VisibilityWhere =
  | { organizationId: string }
  | { status: { notIn: ClaimStatus[] } }
  | Record<string, never>;

export function visibilityWhere(scope: VisibilityScope): VisibilityWhere | null {
  switch (scope.kind) {
    case "nothing":
      return null;
    case "organization":
      return { organizationId: scope.organizationId };
    case "staff":
      return { status: { notIn: [...scope.excludeStatuses] } };
    case "everything":
      return {};
  }
}
