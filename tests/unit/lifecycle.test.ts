import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ClaimStatus } from "../../lib/claims/catalogue";
import {
  CLAIM_ACTIONS,
  TRANSITIONS,
  actorRole,
  decide,
  decideDiscard,
  type Actor,
  type ActorRole,
  type ClaimAction,
  type ClaimState,
} from "../../lib/claims/lifecycle";

// ---------------------------------------------------------------------------------------------------------
// The expected table, written out by hand from domain.md's transition table and api-v1's check order.
// It deliberately does not read TRANSITIONS: it is the specification the implementation is held to.
//   "→X"  the action succeeds and the claim goes to status X
//   F     FORBIDDEN: no status lets this role take this action (role is checked first)
//   X     INVALID_TRANSITION: the role may take this action, but not from this status
// Columns, in order: PARTNER_ADMIN, PARTNER_BILLING, REVIEWER, ADMIN, CUSTOMER, SYSTEM.
// ---------------------------------------------------------------------------------------------------------
const F = "FORBIDDEN";
const X = "INVALID_TRANSITION";
type Outcome = typeof F | typeof X | `→${ClaimStatus}`;
type Row = readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
const ROLE_COLUMNS = ["PARTNER_ADMIN", "PARTNER_BILLING", "REVIEWER", "ADMIN", "CUSTOMER", "SYSTEM"] as const;

// prettier-ignore
const EXPECTED: Record<ClaimStatus, Record<ClaimAction, Row>> = {
  EDITING: {
    "submit":                [ "→SUBMITTED", "→SUBMITTED", F, F, F, F ],
    "start-review":          [ F, F, X, F, F, F ],
    "request-info":          [ F, F, X, F, F, F ],
    "resubmit":              [ X, X, F, F, F, F ],
    "approve":               [ F, F, X, F, F, F ],
    "reject":                [ F, F, X, F, F, F ],
    "withdraw":              [ X, X, F, F, F, F ],
    "deny-consent":          [ F, F, F, F, X, F ],
    "expire-partner-action": [ F, F, F, F, F, X ],
    "complete-consent":      [ F, F, F, F, F, X ],
    "resend-consent":        [ F, F, X, F, F, F ],
    "open-dispute":          [ X, X, F, F, F, F ],
    "uphold-dispute":        [ F, F, X, F, F, F ],
    "overturn-dispute":      [ F, F, X, F, F, F ],
    "take-over":             [ F, F, X, F, F, F ],
  },
  SUBMITTED: {
    "submit":                [ X, X, F, F, F, F ],
    "start-review":          [ F, F, "→UNDER_REVIEW", F, F, F ],
    "request-info":          [ F, F, X, F, F, F ],
    "resubmit":              [ X, X, F, F, F, F ],
    "approve":               [ F, F, X, F, F, F ],
    "reject":                [ F, F, X, F, F, F ],
    "withdraw":              [ "→REJECTED", "→REJECTED", F, F, F, F ],
    "deny-consent":          [ F, F, F, F, X, F ],
    "expire-partner-action": [ F, F, F, F, F, X ],
    "complete-consent":      [ F, F, F, F, F, X ],
    "resend-consent":        [ F, F, X, F, F, F ],
    "open-dispute":          [ X, X, F, F, F, F ],
    "uphold-dispute":        [ F, F, X, F, F, F ],
    "overturn-dispute":      [ F, F, X, F, F, F ],
    "take-over":             [ F, F, "→SUBMITTED", F, F, F ],
  },
  UNDER_REVIEW: {
    "submit":                [ X, X, F, F, F, F ],
    "start-review":          [ F, F, X, F, F, F ],
    "request-info":          [ F, F, "→PARTNER_ACTION_REQUIRED", F, F, F ],
    "resubmit":              [ X, X, F, F, F, F ],
    "approve":               [ F, F, "→APPROVED", F, F, F ],
    "reject":                [ F, F, "→REJECTED", F, F, F ],
    "withdraw":              [ "→REJECTED", "→REJECTED", F, F, F, F ],
    "deny-consent":          [ F, F, F, F, X, F ],
    "expire-partner-action": [ F, F, F, F, F, X ],
    "complete-consent":      [ F, F, F, F, F, X ],
    "resend-consent":        [ F, F, X, F, F, F ],
    "open-dispute":          [ X, X, F, F, F, F ],
    "uphold-dispute":        [ F, F, X, F, F, F ],
    "overturn-dispute":      [ F, F, X, F, F, F ],
    "take-over":             [ F, F, "→UNDER_REVIEW", F, F, F ],
  },
  PARTNER_ACTION_REQUIRED: {
    "submit":                [ X, X, F, F, F, F ],
    "start-review":          [ F, F, X, F, F, F ],
    "request-info":          [ F, F, X, F, F, F ],
    "resubmit":              [ "→UNDER_REVIEW", "→UNDER_REVIEW", F, F, F, F ],
    "approve":               [ F, F, X, F, F, F ],
    "reject":                [ F, F, X, F, F, F ],
    "withdraw":              [ "→REJECTED", "→REJECTED", F, F, F, F ],
    "deny-consent":          [ F, F, F, F, X, F ],
    "expire-partner-action": [ F, F, F, F, F, "→REJECTED" ],
    "complete-consent":      [ F, F, F, F, F, X ],
    "resend-consent":        [ F, F, X, F, F, F ],
    "open-dispute":          [ X, X, F, F, F, F ],
    "uphold-dispute":        [ F, F, X, F, F, F ],
    "overturn-dispute":      [ F, F, X, F, F, F ],
    "take-over":             [ F, F, X, F, F, F ],
  },
  APPROVED: {
    "submit":                [ X, X, F, F, F, F ],
    "start-review":          [ F, F, X, F, F, F ],
    "request-info":          [ F, F, X, F, F, F ],
    "resubmit":              [ X, X, F, F, F, F ],
    "approve":               [ F, F, X, F, F, F ],
    "reject":                [ F, F, X, F, F, F ],
    "withdraw":              [ "→REJECTED", "→REJECTED", F, F, F, F ],
    "deny-consent":          [ F, F, F, F, "→REJECTED", F ],
    "expire-partner-action": [ F, F, F, F, F, X ],
    "complete-consent":      [ F, F, F, F, F, "→APPROVED" ],
    "resend-consent":        [ F, F, "→APPROVED", F, F, F ],
    "open-dispute":          [ X, X, F, F, F, F ],
    "uphold-dispute":        [ F, F, X, F, F, F ],
    "overturn-dispute":      [ F, F, X, F, F, F ],
    "take-over":             [ F, F, X, F, F, F ],
  },
  REJECTED: {
    "submit":                [ X, X, F, F, F, F ],
    "start-review":          [ F, F, X, F, F, F ],
    "request-info":          [ F, F, X, F, F, F ],
    "resubmit":              [ X, X, F, F, F, F ],
    "approve":               [ F, F, X, F, F, F ],
    "reject":                [ F, F, X, F, F, F ],
    "withdraw":              [ X, X, F, F, F, F ],
    "deny-consent":          [ F, F, F, F, X, F ],
    "expire-partner-action": [ F, F, F, F, F, X ],
    "complete-consent":      [ F, F, F, F, F, X ],
    "resend-consent":        [ F, F, X, F, F, F ],
    "open-dispute":          [ "→REJECTED", "→REJECTED", F, F, F, F ],
    "uphold-dispute":        [ F, F, "→REJECTED", F, F, F ],
    "overturn-dispute":      [ F, F, "→UNDER_REVIEW", F, F, F ],
    "take-over":             [ F, F, X, F, F, F ],
  },
};

const STATUSES_IN_TABLE = Object.keys(EXPECTED) as ClaimStatus[];
const ACTIONS_IN_TABLE = Object.keys(EXPECTED.EDITING) as ClaimAction[];

function expectedOutcome(status: ClaimStatus, action: ClaimAction, role: (typeof ROLE_COLUMNS)[number]): Outcome {
  return EXPECTED[status][action][ROLE_COLUMNS.indexOf(role)];
}

// ---------------------------------------------------------------------------------------------------------
// Fixtures. One "every guard passes" claim state, whatever its status, evaluated at T0. Two actions need
// something the others must not have, so they get their own fixture (see fixtureFor):
//   - complete-consent is evaluated at AFTER_CONSENT (the window is over), every other action at T0
//     (the window is open, so deny-consent passes);
//   - uphold-dispute / overturn-dispute get an OPEN dispute, every other action none (so open-dispute passes);
//   - expire-partner-action gets a response deadline already passed at T0, every other action none.
// Fields that make no sense for a status (rejectedAt on EDITING) are harmless: the role and status checks
// come before any guard, and the property tests below cover every combination of them anyway.
// ---------------------------------------------------------------------------------------------------------
const ORG = "org-contoso";
const T0 = new Date("2026-03-02T09:00:00.000Z");
const REJECTED_AT = new Date("2026-02-20T15:30:00.000Z"); // 10 days before T0: dispute window open
const CONSENT_ENDS_AT = new Date("2026-03-05T09:00:00.000Z"); // 3 days after T0: consent window open
const AFTER_CONSENT = new Date("2026-03-05T09:00:00.001Z");
const DAY = 24 * 60 * 60 * 1000;

const READY: ClaimState = Object.freeze({
  status: "EDITING",
  organizationId: ORG,
  rejectedAt: REJECTED_AT,
  consentEndsAt: CONSENT_ENDS_AT,
  sentForIncentiveAssessmentAt: null,
  dispute: null,
  productCount: 2,
  customerContactComplete: true,
  partnerContactComplete: true,
  poeCount: 1,
  partnerRespondedSinceInfoRequest: true,
  // The table's REVIEWER column is the holder; the holder rule has its own tests below.
  reviewerId: "u-reviewer1",
});

function fixtureFor(status: ClaimStatus, action: ClaimAction): { claim: ClaimState; now: Date } {
  const dispute = action === "uphold-dispute" || action === "overturn-dispute" ? { status: "OPEN" as const } : null;
  const now = action === "complete-consent" ? AFTER_CONSENT : T0;
  const dueAt = action === "expire-partner-action" ? new Date(T0.getTime() - DAY) : null;
  return { claim: { ...READY, status, dispute, dueAt }, now };
}

const ACTORS: Record<ActorRole, Actor> = {
  PARTNER_ADMIN: { kind: "user", userId: "u-contoso-admin", role: "PARTNER_ADMIN", organizationId: ORG },
  PARTNER_BILLING: { kind: "user", userId: "u-contoso-billing", role: "PARTNER_BILLING", organizationId: ORG },
  REVIEWER: { kind: "user", userId: "u-reviewer1", role: "REVIEWER", organizationId: null },
  ADMIN: { kind: "user", userId: "u-admin", role: "ADMIN", organizationId: null },
  CUSTOMER: { kind: "customer" },
  SYSTEM: { kind: "system" },
};
const PARTNER = ACTORS.PARTNER_ADMIN;
const REVIEWER = ACTORS.REVIEWER;

function outcomeOf(claim: ClaimState, action: ClaimAction, actor: Actor, now: Date): Outcome | string {
  const decision = decide(claim, action, actor, now);
  return decision.ok ? `→${decision.to}` : decision.error.code;
}

describe("the expected table itself", () => {
  it("covers 6 statuses × 15 actions × 6 actor roles", () => {
    expect(STATUSES_IN_TABLE).toHaveLength(6);
    for (const status of STATUSES_IN_TABLE) expect(Object.keys(EXPECTED[status])).toHaveLength(15);
    expect([...ACTIONS_IN_TABLE].sort()).toEqual([...CLAIM_ACTIONS].sort());
  });
});

describe("decide: every status × action × actor role, guards passing", () => {
  const cases = STATUSES_IN_TABLE.flatMap((status) =>
    ACTIONS_IN_TABLE.flatMap((action) => ROLE_COLUMNS.map((role) => ({ status, action, role }))),
  );
  it("has 540 cases", () => expect(cases).toHaveLength(540));

  it.each(cases)("$status × $action × $role", ({ status, action, role }) => {
    const { claim, now } = fixtureFor(status, action);
    expect(outcomeOf(claim, action, ACTORS[role], now)).toBe(expectedOutcome(status, action, role));
  });
});

describe("TRANSITIONS (the data the UI and the service read) matches the expected table", () => {
  it("has one row per (from, action)", () => {
    const keys = TRANSITIONS.map((t) => `${t.from} ${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("every row is an arrow in the table for exactly its actors", () => {
    for (const t of TRANSITIONS) {
      for (const role of ROLE_COLUMNS) {
        const expected = expectedOutcome(t.from, t.action, role);
        if (t.actors.includes(role)) expect(expected, `${t.from} ${t.action} ${role}`).toBe(`→${t.to}`);
        else expect(expected.startsWith("→"), `${t.from} ${t.action} ${role}`).toBe(false);
      }
    }
  });

  it("every arrow in the table is a row", () => {
    for (const status of STATUSES_IN_TABLE)
      for (const action of ACTIONS_IN_TABLE)
        for (const role of ROLE_COLUMNS) {
          const expected = expectedOutcome(status, action, role);
          if (!expected.startsWith("→")) continue;
          const row = TRANSITIONS.find((t) => t.from === status && t.action === action);
          expect(row?.actors, `${status} ${action}`).toContain(role);
          expect(`→${row?.to}`).toBe(expected);
        }
  });

  it("gives ADMIN no row (admins decide nothing)", () => {
    expect(TRANSITIONS.filter((t) => t.actors.includes("ADMIN"))).toEqual([]);
  });
});

describe("actorRole", () => {
  it("maps users to their role and token holders / the sweep to CUSTOMER / SYSTEM", () => {
    expect(ROLE_COLUMNS.map((role) => actorRole(ACTORS[role]))).toEqual([...ROLE_COLUMNS]);
  });
});

describe("check order (api-v1: role → status → guards)", () => {
  it("refuses a partner's approve as FORBIDDEN whatever the status", () => {
    for (const status of STATUSES_IN_TABLE) {
      expect(outcomeOf({ ...READY, status: status }, "approve", PARTNER, T0)).toBe("FORBIDDEN");
    }
  });

  it("reports the role before a failing guard", () => {
    const incomplete = { ...READY, status: "EDITING" as const, poeCount: 0 };
    expect(outcomeOf(incomplete, "submit", REVIEWER, T0)).toBe("FORBIDDEN");
  });

  it("reports the status before a failing guard", () => {
    const incomplete = { ...READY, status: "SUBMITTED" as const, poeCount: 0, productCount: 0 };
    expect(outcomeOf(incomplete, "submit", PARTNER, T0)).toBe("INVALID_TRANSITION");
    const longAgo = { ...READY, status: "APPROVED" as const, rejectedAt: new Date(T0.getTime() - 90 * DAY) };
    expect(outcomeOf(longAgo, "open-dispute", PARTNER, T0)).toBe("INVALID_TRANSITION");
    const windowOver = { ...READY, status: "REJECTED" as const };
    expect(outcomeOf(windowOver, "deny-consent", ACTORS.CUSTOMER, AFTER_CONSENT)).toBe("INVALID_TRANSITION");
  });
});

describe("decideDiscard (a draft is deleted, not withdrawn: docs/domain.md Partner tools)", () => {
  const STATUSES: ClaimStatus[] = ["EDITING", "SUBMITTED", "UNDER_REVIEW", "PARTNER_ACTION_REQUIRED", "APPROVED", "REJECTED"];
  it("lets partners discard EDITING only, refuses every other status as INVALID_TRANSITION", () => {
    for (const status of STATUSES) {
      for (const role of ["PARTNER_ADMIN", "PARTNER_BILLING"] as const) {
        const decision = decideDiscard({ status }, ACTORS[role]);
        expect(decision.ok ? "ok" : decision.error.code).toBe(status === "EDITING" ? "ok" : X);
      }
    }
  });
  it("refuses every non-partner as FORBIDDEN, before the status", () => {
    for (const role of ["REVIEWER", "ADMIN", "CUSTOMER", "SYSTEM"] as const) {
      for (const status of STATUSES) {
        const decision = decideDiscard({ status }, ACTORS[role]);
        expect(decision.ok ? "ok" : decision.error.code).toBe(F);
      }
    }
  });
});

describe("guard: submit", () => {
  const editing: ClaimState = { ...READY, status: "EDITING" };

  it("lists every missing item at once", () => {
    const empty = {
      ...editing,
      productCount: 0,
      customerContactComplete: false,
      partnerContactComplete: false,
      poeCount: 0,
    };
    const decision = decide(empty, "submit", PARTNER, T0);
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.error.code).toBe("VALIDATION");
    expect(decision.error.errors?.map((e) => e.path)).toEqual(["products", "customerContact", "partnerContact", "poe"]);
    for (const e of decision.error.errors ?? []) expect(e.message).not.toBe("");
  });

  it.each([
    { missing: "products", claim: { productCount: 0 } },
    { missing: "customerContact", claim: { customerContactComplete: false } },
    { missing: "partnerContact", claim: { partnerContactComplete: false } },
    { missing: "poe", claim: { poeCount: 0 } },
  ])("lists only $missing when only it is missing", ({ missing, claim }) => {
    const decision = decide({ ...editing, ...claim }, "submit", ACTORS.PARTNER_BILLING, T0);
    expect(decision).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    if (!decision.ok) expect(decision.error.errors?.map((e) => e.path)).toEqual([missing]);
  });

  it("passes with one product, both contacts and one PoE file", () => {
    expect(decide({ ...editing, productCount: 1, poeCount: 1 }, "submit", PARTNER, T0)).toEqual({
      ok: true,
      to: "SUBMITTED",
    });
  });
});

describe("guard: expire-partner-action", () => {
  const SYSTEM = ACTORS.SYSTEM;
  const due = new Date("2026-03-09T23:59:59.999Z");
  const waiting: ClaimState = { ...READY, status: "PARTNER_ACTION_REQUIRED", dueAt: due };

  it("refuses the automatic rejection until the deadline has passed, and without a deadline", () => {
    expect(outcomeOf(waiting, "expire-partner-action", SYSTEM, due)).toBe("INVALID_TRANSITION");
    expect(decide(waiting, "expire-partner-action", SYSTEM, new Date(due.getTime() + 1))).toEqual({ ok: true, to: "REJECTED" });
    expect(outcomeOf({ ...waiting, dueAt: null }, "expire-partner-action", SYSTEM, T0)).toBe("INVALID_TRANSITION");
  });

  it("at every instant exactly one of the partner's resubmit and the system's expiry is allowed", () => {
    fc.assert(
      fc.property(fc.integer({ min: -3 * DAY, max: 3 * DAY }), (offset) => {
        const now = new Date(due.getTime() + offset);
        const resubmit = decide(waiting, "resubmit", PARTNER, now).ok;
        const expire = decide(waiting, "expire-partner-action", SYSTEM, now).ok;
        expect(resubmit).toBe(!expire);
      }),
    );
  });
});

describe("guard: resubmit", () => {
  it("refuses a response after the partner-action deadline (due for automatic rejection), even if the sweep has not run", () => {
    const due = new Date("2026-03-09T23:59:59.999Z");
    const waiting = { ...READY, status: "PARTNER_ACTION_REQUIRED" as const, partnerRespondedSinceInfoRequest: true, dueAt: due };
    expect(decide(waiting, "resubmit", PARTNER, due)).toEqual({ ok: true, to: "UNDER_REVIEW" });
    expect(outcomeOf(waiting, "resubmit", PARTNER, new Date(due.getTime() + 1))).toBe("INVALID_TRANSITION");
  });

  const waiting: ClaimState = { ...READY, status: "PARTNER_ACTION_REQUIRED" };

  it("is VALIDATION when the partner has not responded since the request", () => {
    const decision = decide({ ...waiting, partnerRespondedSinceInfoRequest: false }, "resubmit", PARTNER, T0);
    expect(decision).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    if (!decision.ok) expect(decision.error.errors?.length).toBeGreaterThan(0);
  });

  it("goes back to UNDER_REVIEW once the partner responded", () => {
    expect(decide(waiting, "resubmit", PARTNER, T0)).toEqual({ ok: true, to: "UNDER_REVIEW" });
  });
});

describe("guard: customer consent window", () => {
  const approved: ClaimState = { ...READY, status: "APPROVED" };
  const customer = ACTORS.CUSTOMER;
  const system = ACTORS.SYSTEM;
  const justBefore = new Date(CONSENT_ENDS_AT.getTime() - 1);

  it("lets the customer deny until the last millisecond before consentEndsAt", () => {
    expect(decide(approved, "deny-consent", customer, justBefore)).toEqual({ ok: true, to: "REJECTED" });
  });

  it("is GONE at and after consentEndsAt", () => {
    expect(outcomeOf(approved, "deny-consent", customer, CONSENT_ENDS_AT)).toBe("GONE");
    expect(outcomeOf(approved, "deny-consent", customer, new Date(CONSENT_ENDS_AT.getTime() + 2 * DAY))).toBe("GONE");
  });

  it("is GONE once the claim was sent for incentive assessment, even inside the window", () => {
    const sent = { ...approved, sentForIncentiveAssessmentAt: new Date(T0.getTime() - 1000) };
    expect(outcomeOf(sent, "deny-consent", customer, T0)).toBe("GONE");
  });

  it("is GONE for an approved claim that has no window", () => {
    expect(outcomeOf({ ...approved, consentEndsAt: null }, "deny-consent", customer, T0)).toBe("GONE");
  });

  it("completes exactly from consentEndsAt, staying APPROVED", () => {
    expect(decide(approved, "complete-consent", system, CONSENT_ENDS_AT)).toEqual({ ok: true, to: "APPROVED" });
    expect(outcomeOf(approved, "complete-consent", system, justBefore)).toBe("INVALID_TRANSITION");
  });

  it("does not complete twice, nor without a window", () => {
    const sent = { ...approved, sentForIncentiveAssessmentAt: CONSENT_ENDS_AT };
    expect(outcomeOf(sent, "complete-consent", system, AFTER_CONSENT)).toBe("INVALID_TRANSITION");
    expect(outcomeOf({ ...approved, consentEndsAt: null }, "complete-consent", system, AFTER_CONSENT)).toBe(
      "INVALID_TRANSITION",
    );
  });

  it("never allows both deny and complete at the same instant", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2026-01-01T00:00:00Z"), max: new Date("2026-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.option(fc.date({ min: new Date("2026-01-01T00:00:00Z"), max: new Date("2026-12-31T00:00:00Z"), noInvalidDate: true }), { nil: null }),
        (now, sentAt) => {
          const claim = { ...approved, sentForIncentiveAssessmentAt: sentAt };
          const deny = decide(claim, "deny-consent", customer, now).ok;
          const complete = decide(claim, "complete-consent", system, now).ok;
          expect(deny && complete).toBe(false);
        },
      ),
    );
  });
});

describe("guard: open-dispute", () => {
  const rejectedAt = new Date("2026-03-01T10:00:00.000Z");
  const rejected: ClaimState = { ...READY, status: "REJECTED", rejectedAt, dispute: null };
  const at = (ms: number) => new Date(rejectedAt.getTime() + ms);

  it("is allowed right after the rejection and on day 30 up to exactly 30 × 24 h", () => {
    expect(decide(rejected, "open-dispute", PARTNER, at(0))).toEqual({ ok: true, to: "REJECTED" });
    expect(decide(rejected, "open-dispute", PARTNER, at(29 * DAY + 23 * 60 * 60 * 1000))).toEqual({ ok: true, to: "REJECTED" });
    expect(decide(rejected, "open-dispute", PARTNER, at(30 * DAY))).toEqual({ ok: true, to: "REJECTED" });
  });

  it("is INVALID_TRANSITION one millisecond later and on day 31", () => {
    expect(outcomeOf(rejected, "open-dispute", PARTNER, at(30 * DAY + 1))).toBe("INVALID_TRANSITION");
    expect(outcomeOf(rejected, "open-dispute", PARTNER, at(31 * DAY))).toBe("INVALID_TRANSITION");
  });

  it.each(["OPEN", "UPHELD", "OVERTURNED"] as const)(
    "refuses a second dispute (first one %s) even inside the window",
    (status) => {
      expect(outcomeOf({ ...rejected, dispute: { status } }, "open-dispute", PARTNER, at(DAY))).toBe(
        "INVALID_TRANSITION",
      );
    },
  );

  it("refuses a rejected claim with no rejection time (cannot prove the window is open)", () => {
    expect(outcomeOf({ ...rejected, rejectedAt: null }, "open-dispute", PARTNER, at(DAY))).toBe("INVALID_TRANSITION");
  });
  it("refuses to dispute the partner's own withdrawal, allows every reviewer or system rejection", () => {
    expect(outcomeOf({ ...rejected, rejectionReason: "PARTNER_REQUEST" }, "open-dispute", PARTNER, at(DAY))).toBe(
      "INVALID_TRANSITION",
    );
    for (const reason of ["INSUFFICIENT_POE", "NO_PARTNER_RESPONSE", "CUSTOMER_DECLINE", "POE_UNAVAILABLE"] as const) {
      expect(decide({ ...rejected, rejectionReason: reason }, "open-dispute", PARTNER, at(DAY))).toEqual({ ok: true, to: "REJECTED" });
    }
  });
});

describe("guard: uphold / overturn need an OPEN dispute", () => {
  const rejected: ClaimState = { ...READY, status: "REJECTED" };

  it("resolves an OPEN dispute", () => {
    const open = { ...rejected, dispute: { status: "OPEN" as const } };
    expect(decide(open, "uphold-dispute", REVIEWER, T0)).toEqual({ ok: true, to: "REJECTED" });
    expect(decide(open, "overturn-dispute", REVIEWER, T0)).toEqual({ ok: true, to: "UNDER_REVIEW" });
  });

  it.each([null, { status: "UPHELD" as const }, { status: "OVERTURNED" as const }])(
    "refuses with dispute %o",
    (dispute) => {
      expect(outcomeOf({ ...rejected, dispute }, "uphold-dispute", REVIEWER, T0)).toBe("INVALID_TRANSITION");
      expect(outcomeOf({ ...rejected, dispute }, "overturn-dispute", REVIEWER, T0)).toBe("INVALID_TRANSITION");
    },
  );
});

describe("purity", () => {
  afterEach(() => vi.useRealTimers());

  it("reads time only from `now`, not the clock", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2099-01-01T00:00:00Z"));
    expect(decide({ ...READY, status: "APPROVED" }, "deny-consent", ACTORS.CUSTOMER, T0).ok).toBe(true);
    expect(decide({ ...READY, status: "REJECTED" }, "open-dispute", PARTNER, T0).ok).toBe(true);
    vi.setSystemTime(new Date("2000-01-01T00:00:00Z"));
    expect(decide({ ...READY, status: "APPROVED" }, "complete-consent", ACTORS.SYSTEM, AFTER_CONSENT).ok).toBe(true);
  });

  it("fails closed on an invalid `now` for every time-bound guard", () => {
    const invalid = new Date(Number.NaN);
    expect(outcomeOf({ ...READY, status: "APPROVED" }, "deny-consent", ACTORS.CUSTOMER, invalid)).toBe("GONE");
    expect(outcomeOf({ ...READY, status: "APPROVED" }, "complete-consent", ACTORS.SYSTEM, invalid)).toBe("INVALID_TRANSITION");
    expect(outcomeOf({ ...READY, status: "REJECTED" }, "open-dispute", PARTNER, invalid)).toBe("INVALID_TRANSITION");
  });

  it("does not modify the claim it is given", () => {
    const claim = Object.freeze({ ...READY, status: "REJECTED" as const, dispute: Object.freeze({ status: "OPEN" as const }) });
    const before = JSON.stringify(claim);
    for (const action of ACTIONS_IN_TABLE) for (const role of ROLE_COLUMNS) decide(claim, action, ACTORS[role], T0);
    expect(JSON.stringify(claim)).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties over arbitrary claim states (any dates, counts, flags, dispute) and instants.
// ---------------------------------------------------------------------------------------------------------
const dateArb = fc.date({ min: new Date("2025-01-01T00:00:00Z"), max: new Date("2027-12-31T00:00:00Z"), noInvalidDate: true });
const claimStateArb: fc.Arbitrary<ClaimState> = fc.record({
  status: fc.constantFrom(...STATUSES_IN_TABLE),
  organizationId: fc.constantFrom(ORG, "org-fabrikam"),
  rejectedAt: fc.option(dateArb, { nil: null }),
  consentEndsAt: fc.option(dateArb, { nil: null }),
  sentForIncentiveAssessmentAt: fc.option(dateArb, { nil: null }),
  dispute: fc.option(fc.record({ status: fc.constantFrom("OPEN" as const, "UPHELD" as const, "OVERTURNED" as const) }), {
    nil: null,
  }),
  productCount: fc.nat({ max: 5 }),
  customerContactComplete: fc.boolean(),
  partnerContactComplete: fc.boolean(),
  poeCount: fc.nat({ max: 3 }),
  partnerRespondedSinceInfoRequest: fc.boolean(),
  // The table's properties are about the holder (the REVIEWER actor); the holder rule's own property is below.
  reviewerId: fc.constant("u-reviewer1"),
});
const actionArb = fc.constantFrom(...ACTIONS_IN_TABLE);
const roleArb = fc.constantFrom(...ROLE_COLUMNS);

describe("properties", () => {
  it("never returns ok for a (status, action) pair with no arrow in the literal table", () => {
    fc.assert(
      fc.property(claimStateArb, actionArb, roleArb, dateArb, (claim, action, role, now) => {
        const decision = decide(claim, action, ACTORS[role], now);
        if (!decision.ok) return;
        const row = EXPECTED[claim.status][action];
        expect(row.some((cell) => cell.startsWith("→"))).toBe(true);
        expect(expectedOutcome(claim.status, action, role)).toBe(`→${decision.to}`);
      }),
      { numRuns: 2000 },
    );
  });

  it("answers FORBIDDEN / INVALID_TRANSITION cells with exactly that code, whatever the claim's data", () => {
    fc.assert(
      fc.property(claimStateArb, actionArb, roleArb, dateArb, (claim, action, role, now) => {
        const expected = expectedOutcome(claim.status, action, role);
        const decision = decide(claim, action, ACTORS[role], now);
        if (expected === F || expected === X) {
          expect(decision.ok ? `→${decision.to}` : decision.error.code).toBe(expected);
        } else {
          // An arrow cell: only a guard may refuse, and never with FORBIDDEN.
          if (decision.ok) expect(`→${decision.to}`).toBe(expected);
          else expect(["VALIDATION", "GONE", "INVALID_TRANSITION"]).toContain(decision.error.code);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// The holder rule (domain.md "Review workload"): request-info, approve and reject only by the reviewer who
// holds the claim; start-review, take-over and dispute resolution by any reviewer.
// ---------------------------------------------------------------------------------------------------------
describe("the holder rule", () => {
  const OTHER_REVIEWER: Actor = { kind: "user", userId: "u-reviewer2", role: "REVIEWER", organizationId: null };
  const held = (status: ClaimStatus, reviewerId: string | null = "u-reviewer1"): ClaimState => ({ ...READY, status, reviewerId });

  it.each(["request-info", "approve", "reject"] as const)("refuses %s by a reviewer who does not hold the claim (FORBIDDEN)", (action) => {
    expect(outcomeOf(held("UNDER_REVIEW"), action, OTHER_REVIEWER, T0)).toBe("FORBIDDEN");
    expect(outcomeOf(held("UNDER_REVIEW"), action, REVIEWER, T0)).toMatch(/^→/);
  });

  it("answers the holder rule before the status (role step of the check order)", () => {
    expect(outcomeOf(held("APPROVED"), "approve", OTHER_REVIEWER, T0)).toBe("FORBIDDEN");
    expect(outcomeOf(held("APPROVED"), "approve", REVIEWER, T0)).toBe("INVALID_TRANSITION");
  });

  it("answers an unheld claim with its status where the action has no row, and fails closed where it has", () => {
    expect(outcomeOf(held("SUBMITTED", null), "approve", REVIEWER, T0)).toBe("INVALID_TRANSITION");
    expect(outcomeOf(held("UNDER_REVIEW", null), "approve", REVIEWER, T0)).toBe("FORBIDDEN");
  });

  it("lets any reviewer start a review, take a claim over and resolve a dispute", () => {
    expect(outcomeOf(held("SUBMITTED", null), "start-review", OTHER_REVIEWER, T0)).toBe("→UNDER_REVIEW");
    expect(outcomeOf(held("SUBMITTED"), "take-over", OTHER_REVIEWER, T0)).toBe("→SUBMITTED");
    expect(outcomeOf(held("UNDER_REVIEW"), "take-over", OTHER_REVIEWER, T0)).toBe("→UNDER_REVIEW");
    const disputed = { ...held("REJECTED"), dispute: { status: "OPEN" as const } };
    expect(outcomeOf(disputed, "uphold-dispute", OTHER_REVIEWER, T0)).toBe("→REJECTED");
    expect(outcomeOf(disputed, "overturn-dispute", OTHER_REVIEWER, T0)).toBe("→UNDER_REVIEW");
  });

  it("marks exactly request-info, approve and reject as holder-only in the table", () => {
    expect([...new Set(TRANSITIONS.filter((t) => t.holderOnly).map((t) => t.action))].sort()).toEqual(["approve", "reject", "request-info"]);
  });

  it("never lets a non-holder take a holder-only action, whatever the claim's data", () => {
    fc.assert(
      fc.property(claimStateArb, fc.constantFrom("request-info" as const, "approve" as const, "reject" as const), fc.option(fc.constantFrom("u-reviewer1", "u-reviewer3"), { nil: null }), dateArb, (claim, action, holder, now) => {
        const decision = decide({ ...claim, reviewerId: holder }, action, OTHER_REVIEWER, now);
        expect(decision.ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
