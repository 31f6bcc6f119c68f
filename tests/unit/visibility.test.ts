import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLAIM_STATUSES, USER_ROLES, type ClaimStatus } from "../../lib/claims/catalogue";
import type { Actor } from "../../lib/claims/lifecycle";
import { canViewClaim } from "../../lib/claims/policy";
import {
  visibilityScope,
  visibilityWhere,
  visibleStatuses,
  type VisibilityWhere,
} from "../../lib/claims/visibility";

type Row = { organizationId: string; status: ClaimStatus };

/**
 * A tiny interpreter of the where-clause with Prisma's semantics for the operators it may contain. Any other
 * key fails the test, so a new shape of visibilityWhere must be taught here before it can ship.
 */
function matches(where: VisibilityWhere | null, row: Row): boolean {
  if (where === null) return false; // the caller does not query at all
  return Object.entries(where).every(([key, condition]) => {
    if (key === "organizationId" && typeof condition === "string") return row.organizationId === condition;
    if (key === "status" && condition && typeof condition === "object") {
      const entries = Object.entries(condition as Record<string, unknown>);
      return entries.every(([op, value]) => {
        if (op === "notIn" && Array.isArray(value)) return !value.includes(row.status);
        throw new Error(`The interpreter does not know status.${op}`);
      });
    }
    throw new Error(`The interpreter does not know the key ${key}`);
  });
}

const ORGS = ["org-contoso", "org-fabrikam", "org-northwind"];
const orgArb = fc.constantFrom(...ORGS);
const actorArb: fc.Arbitrary<Actor> = fc.oneof(
  fc.record({
    kind: fc.constant("user" as const),
    userId: fc.string({ minLength: 1, maxLength: 8 }),
    role: fc.constantFrom(...USER_ROLES),
    // Staff have no organization, but the rule must not depend on that: any role may carry any value here.
    organizationId: fc.option(orgArb, { nil: null }),
  }),
  fc.constant({ kind: "customer" as const }),
  fc.constant({ kind: "system" as const }),
);
const rowArb: fc.Arbitrary<Row> = fc.record({ organizationId: orgArb, status: fc.constantFrom(...CLAIM_STATUSES) });

describe("visibilityScope", () => {
  it("the in-memory check and the SQL where-clause agree for every actor and claim", () => {
    fc.assert(
      fc.property(actorArb, rowArb, (actor, row) => {
        expect(matches(visibilityWhere(visibilityScope(actor)), row)).toBe(canViewClaim(actor, row));
      }),
      { numRuns: 2000 },
    );
  });

  it("a status is offered exactly when some claim in it is visible", () => {
    fc.assert(
      fc.property(actorArb, (actor) => {
        const offered = visibleStatuses(visibilityScope(actor));
        const seen = CLAIM_STATUSES.filter((status) => ORGS.some((org) => canViewClaim(actor, { organizationId: org, status })));
        expect(offered).toEqual(seen);
      }),
    );
  });

  it("spells the rule of docs/domain.md: partners their organization's, reviewers all but drafts, admins all", () => {
    const partner: Actor = { kind: "user", userId: "u1", role: "PARTNER_BILLING", organizationId: "org-contoso" };
    const orgless: Actor = { kind: "user", userId: "u2", role: "PARTNER_ADMIN", organizationId: null };
    const reviewer: Actor = { kind: "user", userId: "u3", role: "REVIEWER", organizationId: null };
    const admin: Actor = { kind: "user", userId: "u4", role: "ADMIN", organizationId: null };
    const view = (actor: Actor) =>
      CLAIM_STATUSES.flatMap((status) =>
        ["org-contoso", "org-fabrikam"].filter((org) => canViewClaim(actor, { organizationId: org, status })).map((org) => `${org}:${status}`),
      );
    expect(view(partner)).toEqual(CLAIM_STATUSES.map((status) => `org-contoso:${status}`));
    expect(view(orgless)).toEqual([]);
    expect(view(reviewer)).not.toContain("org-contoso:EDITING");
    expect(view(reviewer)).toHaveLength(2 * (CLAIM_STATUSES.length - 1));
    expect(view(admin)).toHaveLength(2 * CLAIM_STATUSES.length);
    expect(view({ kind: "customer" })).toEqual([]);
    expect(view({ kind: "system" })).toEqual([]);
    expect(visibilityWhere(visibilityScope({ kind: "system" }))).toBeNull();
  });
});
