import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ClaimField, ClaimStatus } from "../../lib/claims/catalogue";
import { decide, type Actor, type ClaimState } from "../../lib/claims/lifecycle";
import {
  EDITABLE_FIELDS_BY_STATUS,
  availableActions,
  canViewClaim,
  checkComment,
  checkFieldEdit,
  checkPoeUpload,
  editableFields,
  isFinal,
  isPartner,
} from "../../lib/claims/policy";

const ORG = "org-contoso";
const OTHER_ORG = "org-fabrikam";
const T0 = new Date("2026-03-02T09:00:00.000Z");
const DAY = 24 * 60 * 60 * 1000;

const PARTNER_ADMIN: Actor = { kind: "user", userId: "u-contoso-admin", role: "PARTNER_ADMIN", organizationId: ORG };
const PARTNER_BILLING: Actor = { kind: "user", userId: "u-contoso-billing", role: "PARTNER_BILLING", organizationId: ORG };
const OTHER_PARTNER: Actor = { kind: "user", userId: "u-fabrikam-admin", role: "PARTNER_ADMIN", organizationId: OTHER_ORG };
const ORGLESS_PARTNER: Actor = { kind: "user", userId: "u-broken", role: "PARTNER_ADMIN", organizationId: null };
const REVIEWER: Actor = { kind: "user", userId: "u-reviewer1", role: "REVIEWER", organizationId: null };
const ADMIN: Actor = { kind: "user", userId: "u-admin", role: "ADMIN", organizationId: null };
const CUSTOMER: Actor = { kind: "customer" };
const SYSTEM: Actor = { kind: "system" };

const STATUSES: readonly ClaimStatus[] = [
  "EDITING",
  "SUBMITTED",
  "UNDER_REVIEW",
  "PARTNER_ACTION_REQUIRED",
  "APPROVED",
  "REJECTED",
];

/** A claim whose every lifecycle guard passes at T0 (see lifecycle.test.ts for the same convention). */
const REJECTED_AT = new Date(T0.getTime() - 10 * DAY); // dispute window open at T0
const CONSENT_ENDS_AT = new Date(T0.getTime() + 3 * DAY); // consent window open at T0
const READY: ClaimState = Object.freeze({
  status: "EDITING",
  organizationId: ORG,
  rejectedAt: REJECTED_AT,
  consentEndsAt: CONSENT_ENDS_AT,
  sentForIncentiveAssessmentAt: null,
  dispute: null,
  productCount: 1,
  customerContactComplete: true,
  partnerContactComplete: true,
  poeCount: 1,
  partnerRespondedSinceInfoRequest: true,
  reviewerId: "u-reviewer1", // REVIEWER holds the claim
});

describe("isPartner", () => {
  it("is true for both partner roles only", () => {
    expect([PARTNER_ADMIN, PARTNER_BILLING, OTHER_PARTNER, REVIEWER, ADMIN, CUSTOMER, SYSTEM].map(isPartner)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Editable fields, written out from domain.md "What may be edited when": every field in EDITING; MPN ID,
// products, both contacts and commentary in SUBMITTED and PARTNER_ACTION_REQUIRED; nothing otherwise.
// ---------------------------------------------------------------------------------------------------------
const Y = true;
const N = false;
// prettier-ignore
const EDITABLE: Record<ClaimStatus, Record<ClaimField, boolean>> = {
  EDITING:                 { mpnId: Y, program: Y, activity: Y, solutionArea: Y, customer: Y, products: Y, customerContact: Y, partnerContact: Y, commentary: Y },
  SUBMITTED:               { mpnId: Y, program: N, activity: N, solutionArea: N, customer: N, products: Y, customerContact: Y, partnerContact: Y, commentary: Y },
  UNDER_REVIEW:            { mpnId: N, program: N, activity: N, solutionArea: N, customer: N, products: N, customerContact: N, partnerContact: N, commentary: N },
  PARTNER_ACTION_REQUIRED: { mpnId: Y, program: N, activity: N, solutionArea: N, customer: N, products: Y, customerContact: Y, partnerContact: Y, commentary: Y },
  APPROVED:                { mpnId: N, program: N, activity: N, solutionArea: N, customer: N, products: N, customerContact: N, partnerContact: N, commentary: N },
  REJECTED:                { mpnId: N, program: N, activity: N, solutionArea: N, customer: N, products: N, customerContact: N, partnerContact: N, commentary: N },
};

describe("editable fields: every status × every field", () => {
  const cases = STATUSES.flatMap((status) =>
    (Object.keys(EDITABLE[status]) as ClaimField[]).map((field) => ({ status, field, editable: EDITABLE[status][field] })),
  );
  it("has 54 cases", () => expect(cases).toHaveLength(54));

  it.each(cases)("$status.$field editable=$editable", ({ status, field, editable }) => {
    expect(EDITABLE_FIELDS_BY_STATUS[status].includes(field)).toBe(editable);
    expect(editableFields(PARTNER_ADMIN, { organizationId: ORG, status }).includes(field)).toBe(editable);
    expect(editableFields(PARTNER_BILLING, { organizationId: ORG, status }).includes(field)).toBe(editable);
    expect(checkFieldEdit(PARTNER_BILLING, { organizationId: ORG, status }, [field]) === null).toBe(editable);
  });

  it("lists no field the table does not know", () => {
    for (const status of STATUSES) {
      for (const field of EDITABLE_FIELDS_BY_STATUS[status]) expect(EDITABLE[status][field]).toBe(true);
    }
  });

  it.each([OTHER_PARTNER, ORGLESS_PARTNER, REVIEWER, ADMIN, CUSTOMER, SYSTEM])("gives %o no field", (actor) => {
    for (const status of STATUSES) expect(editableFields(actor, { organizationId: ORG, status })).toEqual([]);
  });
});

describe("checkFieldEdit", () => {
  const submitted = { organizationId: ORG, status: "SUBMITTED" as const };

  it("accepts a set of fields that may all change", () => {
    expect(checkFieldEdit(PARTNER_ADMIN, submitted, ["mpnId", "products", "customerContact", "commentary"])).toBeNull();
  });

  it("refuses the whole set for one bad field and lists only the bad ones, each once", () => {
    const error = checkFieldEdit(PARTNER_ADMIN, submitted, ["mpnId", "program", "products", "customer", "program"]);
    expect(error).toMatchObject({ code: "VALIDATION" });
    expect(error?.errors?.map((e) => e.path)).toEqual(["program", "customer"]);
    for (const e of error?.errors ?? []) expect(e.message).toContain("SUBMITTED");
    // The UI and API clients tell "not editable" by its code, not by reading the English message.
    expect(error?.errors?.map((e) => e.code)).toEqual(["NOT_EDITABLE", "NOT_EDITABLE"]);
  });

  it("refuses every field of an approved claim", () => {
    const error = checkFieldEdit(PARTNER_ADMIN, { organizationId: ORG, status: "APPROVED" }, ["commentary", "products"]);
    expect(error?.code).toBe("VALIDATION");
    expect(error?.errors?.map((e) => e.path)).toEqual(["commentary", "products"]);
  });

  it("accepts an empty edit (nothing to refuse)", () => {
    expect(checkFieldEdit(PARTNER_ADMIN, submitted, [])).toBeNull();
  });

  it.each([REVIEWER, ADMIN, CUSTOMER, SYSTEM, OTHER_PARTNER, ORGLESS_PARTNER])("is FORBIDDEN for %o", (actor) => {
    expect(checkFieldEdit(actor, { organizationId: ORG, status: "EDITING" }, ["commentary"])?.code).toBe("FORBIDDEN");
  });
});

// ---------------------------------------------------------------------------------------------------------
// Visibility, written out: partners see their own org in every status, never another org; reviewers see
// everything but EDITING; admins see all; token holders and the sweep "see" nothing through this check.
// ---------------------------------------------------------------------------------------------------------
// prettier-ignore
const VIEW: { name: string; actor: Actor; claimOrg: string; sees: Record<ClaimStatus, boolean> }[] = [
  { name: "partner admin, own org",     actor: PARTNER_ADMIN,   claimOrg: ORG,       sees: { EDITING: Y, SUBMITTED: Y, UNDER_REVIEW: Y, PARTNER_ACTION_REQUIRED: Y, APPROVED: Y, REJECTED: Y } },
  { name: "partner billing, own org",   actor: PARTNER_BILLING, claimOrg: ORG,       sees: { EDITING: Y, SUBMITTED: Y, UNDER_REVIEW: Y, PARTNER_ACTION_REQUIRED: Y, APPROVED: Y, REJECTED: Y } },
  { name: "partner admin, other org",   actor: PARTNER_ADMIN,   claimOrg: OTHER_ORG, sees: { EDITING: N, SUBMITTED: N, UNDER_REVIEW: N, PARTNER_ACTION_REQUIRED: N, APPROVED: N, REJECTED: N } },
  { name: "partner billing, other org", actor: PARTNER_BILLING, claimOrg: OTHER_ORG, sees: { EDITING: N, SUBMITTED: N, UNDER_REVIEW: N, PARTNER_ACTION_REQUIRED: N, APPROVED: N, REJECTED: N } },
  { name: "partner without org",        actor: ORGLESS_PARTNER, claimOrg: ORG,       sees: { EDITING: N, SUBMITTED: N, UNDER_REVIEW: N, PARTNER_ACTION_REQUIRED: N, APPROVED: N, REJECTED: N } },
  { name: "reviewer",                   actor: REVIEWER,        claimOrg: ORG,       sees: { EDITING: N, SUBMITTED: Y, UNDER_REVIEW: Y, PARTNER_ACTION_REQUIRED: Y, APPROVED: Y, REJECTED: Y } },
  { name: "admin",                      actor: ADMIN,           claimOrg: ORG,       sees: { EDITING: Y, SUBMITTED: Y, UNDER_REVIEW: Y, PARTNER_ACTION_REQUIRED: Y, APPROVED: Y, REJECTED: Y } },
  { name: "customer",                   actor: CUSTOMER,        claimOrg: ORG,       sees: { EDITING: N, SUBMITTED: N, UNDER_REVIEW: N, PARTNER_ACTION_REQUIRED: N, APPROVED: N, REJECTED: N } },
  { name: "system",                     actor: SYSTEM,          claimOrg: ORG,       sees: { EDITING: N, SUBMITTED: N, UNDER_REVIEW: N, PARTNER_ACTION_REQUIRED: N, APPROVED: N, REJECTED: N } },
];

describe("canViewClaim", () => {
  const cases = VIEW.flatMap(({ name, actor, claimOrg, sees }) =>
    STATUSES.map((status) => ({ name, actor, claimOrg, status, sees: sees[status] })),
  );
  it.each(cases)("$name on $status → $sees", ({ actor, claimOrg, status, sees }) => {
    expect(canViewClaim(actor, { organizationId: claimOrg, status })).toBe(sees);
  });
});

describe("checkPoeUpload", () => {
  // prettier-ignore
  const cases: { claim: Pick<ClaimState, "status" | "dispute">; expected: null | "INVALID_TRANSITION" }[] = [
    { claim: { status: "EDITING", dispute: null },                   expected: null },
    { claim: { status: "SUBMITTED", dispute: null },                 expected: null },
    { claim: { status: "UNDER_REVIEW", dispute: null },              expected: "INVALID_TRANSITION" },
    { claim: { status: "PARTNER_ACTION_REQUIRED", dispute: null },   expected: null },
    { claim: { status: "APPROVED", dispute: null },                  expected: "INVALID_TRANSITION" },
    { claim: { status: "REJECTED", dispute: null },                  expected: "INVALID_TRANSITION" },
    { claim: { status: "REJECTED", dispute: { status: "OPEN" } },    expected: null },
    { claim: { status: "REJECTED", dispute: { status: "UPHELD" } },  expected: "INVALID_TRANSITION" },
    { claim: { status: "UNDER_REVIEW", dispute: { status: "OVERTURNED" } }, expected: "INVALID_TRANSITION" },
  ];

  it.each(cases)("partner of the org on $claim.status, dispute $claim.dispute → $expected", ({ claim, expected }) => {
    expect(checkPoeUpload(PARTNER_ADMIN, { organizationId: ORG, ...claim })?.code ?? null).toBe(expected);
    expect(checkPoeUpload(PARTNER_BILLING, { organizationId: ORG, ...claim })?.code ?? null).toBe(expected);
  });

  it.each([REVIEWER, ADMIN, CUSTOMER, SYSTEM, OTHER_PARTNER, ORGLESS_PARTNER])(
    "is FORBIDDEN for %o, even where a partner could upload",
    (actor) => {
      expect(checkPoeUpload(actor, { organizationId: ORG, status: "EDITING", dispute: null })?.code).toBe("FORBIDDEN");
      expect(checkPoeUpload(actor, { organizationId: ORG, status: "REJECTED", dispute: { status: "OPEN" } })?.code).toBe(
        "FORBIDDEN",
      );
    },
  );
});

describe("isFinal", () => {
  const rejectedAt = new Date("2026-03-01T10:00:00.000Z");
  const after = (ms: number) => new Date(rejectedAt.getTime() + ms);
  const base = { rejectedAt, dispute: null, sentForIncentiveAssessmentAt: null };

  // prettier-ignore
  const cases: { name: string; claim: Parameters<typeof isFinal>[0]; now: Date; final: boolean }[] = [
    { name: "EDITING",                                  claim: { ...base, status: "EDITING" },                 now: after(60 * DAY), final: false },
    { name: "SUBMITTED",                                claim: { ...base, status: "SUBMITTED" },               now: after(60 * DAY), final: false },
    { name: "UNDER_REVIEW",                             claim: { ...base, status: "UNDER_REVIEW" },            now: after(60 * DAY), final: false },
    { name: "PARTNER_ACTION_REQUIRED",                  claim: { ...base, status: "PARTNER_ACTION_REQUIRED" }, now: after(60 * DAY), final: false },
    { name: "APPROVED, consent window running",         claim: { ...base, status: "APPROVED" },                now: after(60 * DAY), final: false },
    { name: "APPROVED, sent for incentive assessment",  claim: { ...base, status: "APPROVED", sentForIncentiveAssessmentAt: after(DAY) }, now: after(2 * DAY), final: true },
    { name: "REJECTED, day 10, no dispute",             claim: { ...base, status: "REJECTED" },                now: after(10 * DAY), final: false },
    { name: "REJECTED, exactly 30 × 24 h, no dispute",  claim: { ...base, status: "REJECTED" },                now: after(30 * DAY), final: false },
    { name: "REJECTED, 1 ms after the window",          claim: { ...base, status: "REJECTED" },                now: after(30 * DAY + 1), final: true },
    { name: "REJECTED, dispute OPEN long after",        claim: { ...base, status: "REJECTED", dispute: { status: "OPEN" } }, now: after(90 * DAY), final: false },
    { name: "REJECTED, dispute UPHELD within window",   claim: { ...base, status: "REJECTED", dispute: { status: "UPHELD" } }, now: after(5 * DAY), final: true },
    { name: "REJECTED again after an OVERTURNED dispute", claim: { ...base, status: "REJECTED", dispute: { status: "OVERTURNED" } }, now: after(DAY), final: true },
    { name: "REJECTED without rejectedAt, no dispute",  claim: { ...base, status: "REJECTED", rejectedAt: null }, now: after(DAY), final: true },
  ];

  it.each(cases)("$name → $final", ({ claim, now, final }) => {
    expect(isFinal(claim, now)).toBe(final);
  });

  it("holds for a rejected claim exactly when no dispute is open and the partner can no longer open one", () => {
    const dateArb = fc.date({ min: new Date("2026-01-01T00:00:00Z"), max: new Date("2026-06-30T00:00:00Z"), noInvalidDate: true });
    fc.assert(
      fc.property(
        fc.option(dateArb, { nil: null }),
        fc.option(fc.constantFrom("OPEN" as const, "UPHELD" as const, "OVERTURNED" as const), { nil: null }),
        dateArb,
        (rejected, disputeStatus, now) => {
          const claim: ClaimState = {
            ...READY,
            status: "REJECTED",
            rejectedAt: rejected,
            dispute: disputeStatus === null ? null : { status: disputeStatus },
          };
          const canDispute = decide(claim, "open-dispute", PARTNER_ADMIN, now).ok;
          expect(isFinal(claim, now)).toBe(disputeStatus !== "OPEN" && !canDispute);
        },
      ),
    );
  });
});

describe("checkComment", () => {
  const open = (status: ClaimStatus) => ({ ...READY, status });
  const finalRejected = { ...READY, status: "REJECTED" as const, dispute: { status: "UPHELD" as const } };
  const finalApproved = { ...READY, status: "APPROVED" as const, sentForIncentiveAssessmentAt: T0 };
  const code = (actor: Actor, claim: ClaimState) => checkComment(actor, claim, T0)?.code ?? null;

  it("lets the partner of the org comment in every non-final status, EDITING included", () => {
    for (const status of STATUSES) {
      expect(code(PARTNER_ADMIN, open(status)), status).toBeNull();
      expect(code(PARTNER_BILLING, open(status)), status).toBeNull();
    }
  });

  it("lets a reviewer comment on every non-final claim except EDITING", () => {
    for (const status of STATUSES) expect(code(REVIEWER, open(status)), status).toBe(status === "EDITING" ? "FORBIDDEN" : null);
  });

  it("keeps comments open while a rejected claim can still be disputed or its dispute is open", () => {
    expect(code(PARTNER_ADMIN, { ...READY, status: "REJECTED" })).toBeNull();
    expect(code(REVIEWER, { ...READY, status: "REJECTED", rejectedAt: new Date(T0.getTime() - 90 * DAY), dispute: { status: "OPEN" } })).toBeNull();
  });

  it("closes comments on final claims", () => {
    for (const actor of [PARTNER_ADMIN, REVIEWER]) {
      expect(code(actor, finalRejected)).toBe("INVALID_TRANSITION");
      expect(code(actor, finalApproved)).toBe("INVALID_TRANSITION");
      expect(code(actor, { ...READY, status: "REJECTED", rejectedAt: new Date(T0.getTime() - 31 * DAY) })).toBe(
        "INVALID_TRANSITION",
      );
    }
  });

  it.each([ADMIN, OTHER_PARTNER, ORGLESS_PARTNER, CUSTOMER, SYSTEM])("is FORBIDDEN for %o (role before status)", (actor) => {
    expect(code(actor, open("SUBMITTED"))).toBe("FORBIDDEN");
    expect(code(actor, finalApproved)).toBe("FORBIDDEN");
  });
});

describe("availableActions", () => {
  const names = (actor: Actor, claim: ClaimState, now = T0) => availableActions(actor, claim, now).map((a) => a.action);

  it("shows submit with its checklist when PoE is missing", () => {
    expect(availableActions(PARTNER_ADMIN, { ...READY, status: "EDITING", poeCount: 0 }, T0)).toEqual([
      { action: "submit", blockedBy: [{ path: "poe", code: "REQUIRED", message: expect.any(String) }] },
    ]);
  });

  it("shows submit unblocked when the claim is complete, and no withdraw on a draft (it is discarded instead)", () => {
    expect(availableActions(PARTNER_BILLING, { ...READY, status: "EDITING" }, T0)).toEqual([
      { action: "submit" },
    ]);
  });

  it("shows resubmit blocked until the partner responded", () => {
    const waiting = { ...READY, status: "PARTNER_ACTION_REQUIRED" as const, partnerRespondedSinceInfoRequest: false };
    const actions = availableActions(PARTNER_ADMIN, waiting, T0);
    expect(actions.map((a) => a.action)).toEqual(["resubmit", "withdraw"]);
    expect(actions[0].blockedBy?.length).toBeGreaterThan(0);
  });

  it("shows nothing decision-like to ADMIN, in any status", () => {
    for (const status of STATUSES) {
      expect(availableActions(ADMIN, { ...READY, status }, T0)).toEqual([]);
      expect(availableActions(ADMIN, { ...READY, status, dispute: { status: "OPEN" } }, T0)).toEqual([]);
    }
  });

  it("shows nothing to a partner of another organization or to a reviewer on EDITING", () => {
    for (const status of STATUSES) expect(availableActions(OTHER_PARTNER, { ...READY, status }, T0)).toEqual([]);
    expect(availableActions(REVIEWER, { ...READY, status: "EDITING" }, T0)).toEqual([]);
  });

  it("shows a reviewer the decisions of each stage", () => {
    expect(names(REVIEWER, { ...READY, status: "SUBMITTED" })).toEqual(["start-review"]);
    expect(names(REVIEWER, { ...READY, status: "UNDER_REVIEW" })).toEqual(["request-info", "approve", "reject"]);
    // while the customer's window is open a reviewer may correct the customer's address; after it, nothing
    expect(names(REVIEWER, { ...READY, status: "APPROVED" })).toEqual(["resend-consent"]);
    expect(names(REVIEWER, { ...READY, status: "APPROVED", sentForIncentiveAssessmentAt: CONSENT_ENDS_AT })).toEqual([]);
    expect(names(REVIEWER, { ...READY, status: "REJECTED", dispute: { status: "OPEN" } })).toEqual([
      "uphold-dispute",
      "overturn-dispute",
    ]);
    expect(names(REVIEWER, { ...READY, status: "REJECTED" })).toEqual([]);
  });

  it("offers a reviewer who does not hold the claim take-over instead of the decisions (the holder rule)", () => {
    const other: Actor = { kind: "user", userId: "u-reviewer2", role: "REVIEWER", organizationId: null };
    expect(names(other, { ...READY, status: "SUBMITTED" })).toEqual(["start-review", "take-over"]);
    expect(names(other, { ...READY, status: "UNDER_REVIEW" })).toEqual(["take-over"]);
    expect(names(REVIEWER, { ...READY, status: "UNDER_REVIEW", reviewerId: null })).toEqual(["take-over"]);
    expect(names(other, { ...READY, status: "REJECTED", dispute: { status: "OPEN" } })).toEqual(["uphold-dispute", "overturn-dispute"]);
  });

  it("hides what a guard refuses with anything but VALIDATION", () => {
    const rejected = { ...READY, status: "REJECTED" as const };
    expect(names(PARTNER_ADMIN, rejected)).toEqual(["open-dispute"]);
    expect(names(PARTNER_ADMIN, rejected, new Date(REJECTED_AT.getTime() + 31 * DAY))).toEqual([]);
    const approved = { ...READY, status: "APPROVED" as const };
    expect(names(CUSTOMER, approved)).toEqual(["deny-consent"]);
    expect(names(CUSTOMER, approved, CONSENT_ENDS_AT)).toEqual([]);
    expect(names(SYSTEM, approved, CONSENT_ENDS_AT)).toEqual(["complete-consent"]);
    expect(names(PARTNER_ADMIN, approved)).toEqual(["withdraw"]);
  });
});
