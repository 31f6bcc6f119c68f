import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CLAIM_FIELDS, DYNAMICS_PRODUCTS, WORKLOADS } from "../../lib/claims/catalogue";
import { CLAIM_EVENT_TYPES, claimEventSchema, parseClaimEvent } from "../../lib/claims/events";
import * as schemas from "../../lib/claims/schemas";
import {
  actionBodySchema,
  checkProducts,
  claimDraftSchema,
  claimListQuerySchema,
  claimPatchSchema,
  claimResourceSchema,
  commentBodySchema,
  commentResourceSchema,
  consentDenyBodySchema,
  contactSchema,
  customerSchema,
  disputeBodySchema,
  disputeResourceSchema,
  domainSchema,
  emailSchema,
  fieldErrorsFromZod,
  historyItemSchema,
  isApiClaimAction,
  mpnIdSchema,
  poeItemSchema,
  problemSchema,
  productsSchema,
  rejectBodySchema,
  requestInfoBodySchema,
  resolveDisputeBodySchema,
  slaSettingsSchema,
  withdrawBodySchema,
  type Product,
} from "../../lib/claims/schemas";

const TENANT = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const SUB_A = "0b7f2a51-8c2e-4a4e-9d0f-1f5b6c7d8e9a";
const SUB_B = "a1b2c3d4-e5f6-4789-8abc-def012345678";

const customer = { tenantId: TENANT, domain: "contoso.com", name: "Contoso" };
const contact = { name: "Ada Lovelace", title: "CTO", email: "ada@contoso.com" };
const draft = { mpnId: "1234567", program: "OSU", activity: "PRE_SALES", solutionArea: "MODERN_WORK", customer };

/** The api-v1 `errors` of a failed parse, or [] when it succeeded. */
function errorsOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  return result.success ? [] : fieldErrorsFromZod(result.error);
}
const pathsOf = (schema: z.ZodType, input: unknown) => errorsOf(schema, input).map((e) => e.path);

describe("identifiers", () => {
  it("tenant ID: a GUID in any case, trimmed and lower-cased", () => {
    expect(customerSchema.parse({ ...customer, tenantId: ` ${TENANT.toUpperCase()} ` }).tenantId).toBe(TENANT);
  });

  it("tenant ID: anything else is refused with an example of the format", () => {
    for (const bad of ["", "3f2504e0-4f89-41d3-9a0c-0305e82c330", "3f2504e04f8941d39a0c0305e82c3301", `{${TENANT}}`, 42]) {
      expect(errorsOf(customerSchema, { ...customer, tenantId: bad })).toEqual([
        {
          path: "tenantId",
          message: "Enter the customer tenant ID as a GUID, e.g. 00000000-0000-0000-0000-000000000000",
        },
      ]);
    }
  });

  it("domain: host names only, lower-cased, a trailing dot dropped", () => {
    for (const good of ["contoso.com", "sub.contoso.co.uk", "xn--mnchen-3ya.de", "contoso.onmicrosoft.com", "a-b.io"]) {
      expect(domainSchema.parse(good)).toBe(good);
    }
    expect(domainSchema.parse(" Contoso.COM. ")).toBe("contoso.com");
    for (const bad of ["contoso", "https://contoso.com", "contoso.com/path", "-contoso.com", "contoso-.com", "a..com", "münchen.de", "contoso.c", "contoso.123", `${"a".repeat(64)}.com`, ""]) {
      expect(domainSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(errorsOf(customerSchema, { ...customer, domain: "https://contoso.com" })[0]).toEqual({
      path: "domain",
      message: "Enter the customer's primary domain name, e.g. contoso.com (no https:// and no path)",
    });
  });

  it("email: trimmed, case kept", () => {
    expect(emailSchema.parse(" Ada.Lovelace@Contoso.com ")).toBe("Ada.Lovelace@Contoso.com");
    for (const bad of ["ada", "ada@", "@contoso.com", "ada@contoso", "ada lovelace@contoso.com", ""]) {
      expect(emailSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("MPN ID: 6 to 10 digits", () => {
    expect(mpnIdSchema.parse(" 1234567 ")).toBe("1234567");
    expect(mpnIdSchema.parse("123456")).toBe("123456");
    expect(mpnIdSchema.parse("1234567890")).toBe("1234567890");
    for (const bad of ["12345", "12345678901", "12a4567", "-123456", 1234567]) {
      expect(errorsOf(mpnIdSchema, bad)).toEqual([
        { path: "", message: "Enter the MPN ID (partner location ID) as 6 to 10 digits, e.g. 1234567" },
      ]);
    }
  });
});

describe("contactSchema", () => {
  it("accepts name, title, email and an optional phone", () => {
    expect(contactSchema.parse(contact)).toEqual(contact);
    expect(contactSchema.parse({ ...contact, phone: "+1 (425) 555-0100 ext. 12" }).phone).toBe("+1 (425) 555-0100 ext. 12");
  });

  it("treats a blank phone as no phone (forms always send the input)", () => {
    const parsed = contactSchema.parse({ ...contact, phone: "   " });
    expect(parsed).toEqual(contact);
    expect("phone" in parsed && parsed.phone !== undefined).toBe(false);
  });

  it("names each missing or wrong part", () => {
    expect(errorsOf(contactSchema, { name: " ", email: "nope", phone: "12" })).toEqual([
      { path: "name", message: "Enter the contact's name" },
      { path: "title", message: "Enter the contact's job title" },
      { path: "email", message: "Enter an email address, e.g. name@contoso.com" },
      { path: "phone", message: "Enter a phone number of 6 to 20 digits, e.g. +1 425 555 0100, or leave it empty" },
    ]);
  });
});

describe("products", () => {
  it("a workload is { kind: WORKLOAD, name ∈ WORKLOADS }; a Dynamics product also has its subscription GUID", () => {
    expect(productsSchema.parse(WORKLOADS.map((name) => ({ kind: "WORKLOAD", name })))).toHaveLength(WORKLOADS.length);
    const dynamics = DYNAMICS_PRODUCTS.map((name) => ({ kind: "DYNAMICS", name, subscriptionId: SUB_A.toUpperCase() }));
    expect(productsSchema.parse(dynamics).every((p) => p.kind === "DYNAMICS" && p.subscriptionId === SUB_A)).toBe(true);
  });

  it("reports the field that is wrong, at products.N…", () => {
    const input = {
      ...draft,
      solutionArea: "BUSINESS_APPLICATIONS",
      products: [
        { kind: "DYNAMICS", name: "Dynamics 365 Sales", subscriptionId: SUB_A },
        { kind: "DYNAMICS", name: "Power BI", subscriptionId: "not-a-guid" },
        { kind: "DYNAMICS", name: "Dynamics 365 Marketing", subscriptionId: SUB_B },
        { kind: "SOFTWARE", name: "Visio" },
        { kind: "DYNAMICS", name: "Power Apps" },
      ],
    };
    expect(errorsOf(claimDraftSchema, input)).toEqual([
      {
        path: "products.1.subscriptionId",
        message: "Enter the Dynamics subscription ID as a GUID, e.g. 00000000-0000-0000-0000-000000000000",
      },
      { path: "products.2.name", message: expect.stringMatching(/^Choose a Dynamics product from the list: Dynamics 365 Sales, /) },
      {
        path: "products.3.kind",
        message: "Choose the product kind: WORKLOAD (Modern Work) or DYNAMICS (Business Applications)",
      },
      {
        path: "products.4.subscriptionId",
        message: "Enter the Dynamics subscription ID as a GUID, e.g. 00000000-0000-0000-0000-000000000000",
      },
    ]);
  });

  it("lists each product once: the repeat is reported at products.N", () => {
    expect(
      errorsOf(productsSchema, [
        { kind: "WORKLOAD", name: "TEAMS" },
        { kind: "WORKLOAD", name: "EXCHANGE" },
        { kind: "WORKLOAD", name: "TEAMS" },
      ]),
    ).toEqual([{ path: "2", message: "The workload TEAMS is listed more than once; list each product once" }]);
  });

  it("a Dynamics product is the same product whatever subscription it names", () => {
    expect(
      pathsOf(claimDraftSchema, {
        ...draft,
        solutionArea: "BUSINESS_APPLICATIONS",
        products: [
          { kind: "DYNAMICS", name: "Power BI", subscriptionId: SUB_A },
          { kind: "DYNAMICS", name: "Power BI", subscriptionId: SUB_B },
        ],
      }),
    ).toEqual(["products.1"]);
  });

  it("two products may name the same subscription (not ours to forbid: the spec keys products by name)", () => {
    expect(
      productsSchema.safeParse([
        { kind: "DYNAMICS", name: "Power Apps", subscriptionId: SUB_A },
        { kind: "DYNAMICS", name: "Power Automate", subscriptionId: SUB_A },
      ]).success,
    ).toBe(true);
  });

  it("solution area and product kind must agree, reported at products.N.kind", () => {
    expect(
      errorsOf(claimDraftSchema, {
        ...draft,
        solutionArea: "MODERN_WORK",
        products: [
          { kind: "WORKLOAD", name: "TEAMS" },
          { kind: "DYNAMICS", name: "Power BI", subscriptionId: SUB_A },
        ],
      }),
    ).toEqual([
      {
        path: "products.1.kind",
        message: "Modern Work claims list workloads only: remove Power BI or change the solution area to Business Applications",
      },
    ]);
    expect(
      errorsOf(claimPatchSchema, { solutionArea: "BUSINESS_APPLICATIONS", products: [{ kind: "WORKLOAD", name: "TEAMS" }] }),
    ).toEqual([
      {
        path: "products.0.kind",
        message:
          "Business Applications claims list Dynamics products only: remove the workload TEAMS or change the solution area to Modern Work",
      },
    ]);
  });

  it("reports a kind mismatch together with unrelated errors, so a form shows everything at once", () => {
    expect(
      pathsOf(claimDraftSchema, { ...draft, mpnId: 12, products: [{ kind: "DYNAMICS", name: "Power BI", subscriptionId: SUB_A }] }),
    ).toEqual(["mpnId", "products.0.kind"]);
  });

  it("checkProducts applies the same rules to a claim assembled by the service", () => {
    const products: Product[] = [
      { kind: "WORKLOAD", name: "TEAMS" },
      { kind: "WORKLOAD", name: "TEAMS" },
    ];
    expect(checkProducts("MODERN_WORK", products)).toEqual([
      { path: "products.1", message: "The workload TEAMS is listed more than once; list each product once" },
    ]);
    expect(checkProducts("BUSINESS_APPLICATIONS", products).map((e) => e.path)).toEqual([
      "products.1",
      "products.0.kind",
      "products.1.kind",
    ]);
    expect(checkProducts("MODERN_WORK", [])).toEqual([]);
  });
});

describe("claimDraftSchema", () => {
  it("needs only the claim's identity, so an incomplete draft can be saved", () => {
    expect(claimDraftSchema.parse(draft)).toEqual(draft);
  });

  it("accepts a complete claim and ignores unknown fields", () => {
    const full = {
      ...draft,
      products: [{ kind: "WORKLOAD", name: "TEAMS" }],
      customerContact: contact,
      partnerContact: { ...contact, phone: "+44 20 7946 0000" },
      commentary: "Deployed Teams Rooms in 12 sites.",
      status: "APPROVED",
      organizationId: "someone-else",
    };
    const parsed = claimDraftSchema.parse(full);
    expect(parsed).not.toHaveProperty("status");
    expect(parsed).not.toHaveProperty("organizationId");
    expect(parsed.products).toEqual([{ kind: "WORKLOAD", name: "TEAMS" }]);
  });

  it("requires mpnId, program, activity, solutionArea and customer, each with its own message", () => {
    expect(errorsOf(claimDraftSchema, {})).toEqual([
      { path: "mpnId", message: "Enter the MPN ID (partner location ID) as 6 to 10 digits, e.g. 1234567" },
      { path: "program", message: "Choose the incentive program: OSU or OSA" },
      {
        path: "activity",
        message: "Choose the activity (partner role): PRE_SALES, REVENUE_ASSOCIATION (Business Influencer) or USAGE",
      },
      { path: "solutionArea", message: "Choose the solution area: BUSINESS_APPLICATIONS or MODERN_WORK (Microsoft 365)" },
      { path: "customer", message: "Enter the customer: tenant ID, primary domain and name" },
    ]);
  });

  it("reports nested fields with dotted paths", () => {
    expect(
      pathsOf(claimDraftSchema, {
        ...draft,
        customer: { tenantId: "x", domain: "contoso.com", name: "" },
        partnerContact: { ...contact, email: "x" },
      }),
    ).toEqual(["customer.tenantId", "customer.name", "partnerContact.email"]);
  });

  it("limits commentary to 4000 characters", () => {
    expect(claimDraftSchema.safeParse({ ...draft, commentary: "x".repeat(4000) }).success).toBe(true);
    expect(errorsOf(claimDraftSchema, { ...draft, commentary: "x".repeat(4001) })).toEqual([
      { path: "commentary", message: "Shorten the commentary to 4000 characters or fewer" },
    ]);
  });
});

describe("claimPatchSchema", () => {
  it("takes any subset of the claim fields", () => {
    expect(claimPatchSchema.parse({ commentary: "" })).toEqual({ commentary: "" });
    expect(claimPatchSchema.parse({ products: [] })).toEqual({ products: [] });
    expect(claimPatchSchema.parse({ mpnId: "7654321", extra: true })).toEqual({ mpnId: "7654321" });
    expect(Object.keys(claimPatchSchema.shape).sort()).toEqual([...CLAIM_FIELDS].sort());
  });

  it("needs at least one known field", () => {
    for (const empty of [{}, { status: "APPROVED" }, { commentary: undefined }]) {
      expect(errorsOf(claimPatchSchema, empty)).toEqual([
        { path: "", message: `Send at least one field to change: ${CLAIM_FIELDS.join(", ")}` },
      ]);
    }
  });

  it("validates what it is given", () => {
    expect(pathsOf(claimPatchSchema, { customerContact: { ...contact, email: "" }, program: "OSX" })).toEqual([
      "program",
      "customerContact.email",
    ]);
    expect(pathsOf(claimPatchSchema, "mpnId=1")).toEqual([""]);
  });
});

describe("action bodies", () => {
  it("are keyed by the API's action names, and all accept an optional version", () => {
    expect(Object.keys(actionBodySchema).sort()).toEqual(
      ["approve", "reject", "request-info", "resend-consent", "resubmit", "start-review", "submit", "take-over", "withdraw"].sort(),
    );
    expect(isApiClaimAction("start-review")).toBe(true);
    expect(isApiClaimAction("toString")).toBe(false);
    const minimal = {
      submit: {},
      "start-review": {},
      "request-info": { reasonCodes: ["MISSING_ALL_POE"], comment: "Upload the signed SOW." },
      resubmit: {},
      approve: {},
      reject: { reason: "INSUFFICIENT_POE" },
      withdraw: { comment: "Wrong MPN ID." },
      "take-over": {},
      "resend-consent": { email: "cio@customer.example" },
    } as const;
    for (const [action, body] of Object.entries(minimal)) {
      const schema = actionBodySchema[action as keyof typeof actionBodySchema];
      expect(schema.safeParse(body).success, action).toBe(true);
      expect(schema.parse({ ...body, version: 0 })).toMatchObject({ version: 0 });
      expect(schema.parse({ ...body, version: 7 })).toMatchObject({ version: 7 });
      for (const bad of [-1, 1.5, "3", null]) {
        expect(pathsOf(schema, { ...body, version: bad }), `${action} ${String(bad)}`).toEqual(["version"]);
      }
    }
  });

  it("request-info: at least one known reason code and a comment", () => {
    expect(
      requestInfoBodySchema.parse({ reasonCodes: ["MISSING_PRODUCTS", "MISSING_PRODUCTS"], comment: "  Add Teams. " }),
    ).toEqual({ reasonCodes: ["MISSING_PRODUCTS"], comment: "Add Teams." });
    expect(errorsOf(requestInfoBodySchema, { reasonCodes: [], comment: " " })).toEqual([
      { path: "reasonCodes", message: "Choose at least one reason why more information is needed" },
      { path: "comment", message: "Write a comment telling the partner what to provide" },
    ]);
    expect(pathsOf(requestInfoBodySchema, { reasonCodes: ["MISSING_ALL_POE", "INSUFFICIENT_POE"], comment: "x" })).toEqual([
      "reasonCodes.1",
    ]);
    expect(pathsOf(requestInfoBodySchema, { comment: "x" })).toEqual(["reasonCodes"]);
  });

  it("reject: a reviewer's reason; PARTNER_REQUEST, CUSTOMER_DECLINE and NO_PARTNER_RESPONSE are refused and say why", () => {
    expect(rejectBodySchema.parse({ reason: "MISSING_CUSTOMER_CONSENT_ON_POE", comment: "" })).toEqual({
      reason: "MISSING_CUSTOMER_CONSENT_ON_POE",
    });
    expect(errorsOf(rejectBodySchema, { reason: "PARTNER_REQUEST" })).toEqual([
      {
        path: "reason",
        message: "PARTNER_REQUEST is recorded when the partner withdraws the claim; a reviewer cannot choose it",
      },
    ]);
    expect(errorsOf(rejectBodySchema, { reason: "CUSTOMER_DECLINE" })[0]?.message).toMatch(/customer denies consent/);
    expect(errorsOf(rejectBodySchema, { reason: "NO_PARTNER_RESPONSE" })[0]?.message).toMatch(/automatically/);
    for (const bad of [undefined, "", "insufficient_poe", "toString"]) {
      expect(errorsOf(rejectBodySchema, { reason: bad })).toEqual([
        {
          path: "reason",
          message: "Choose the rejection reason: INSUFFICIENT_POE, MISSING_CUSTOMER_CONSENT_ON_POE, MISSING_PRODUCTS, POE_UNAVAILABLE",
        },
      ]);
    }
  });

  it("withdraw: the partner must say why", () => {
    expect(withdrawBodySchema.parse({ comment: " No longer working with the customer " })).toEqual({
      comment: "No longer working with the customer",
    });
    expect(errorsOf(withdrawBodySchema, {})[0]).toEqual({
      path: "comment",
      message:
        "Tell the reviewer why you withdraw the claim, e.g. wrong MPN ID, wrong activity or no longer working with the customer",
    });
    expect(pathsOf(withdrawBodySchema, { comment: "   " })).toEqual(["comment"]);
  });

  it("withdraw: an optional reason code beside the partner's own words, which stay required", () => {
    expect(withdrawBodySchema.parse({ withdrawReason: "WRONG_ACTIVITY", comment: " Chose Usage " })).toEqual({
      withdrawReason: "WRONG_ACTIVITY",
      comment: "Chose Usage",
    });
    expect(pathsOf(withdrawBodySchema, { withdrawReason: "WRONG_MPN_ID" })).toEqual(["comment"]);
    expect(pathsOf(withdrawBodySchema, { withdrawReason: "OTHER", comment: " " })).toEqual(["comment"]);
    expect(pathsOf(withdrawBodySchema, { withdrawReason: "Wrong MPN ID", comment: "x" })).toEqual(["withdrawReason"]);
  });

  it("submit and start-review take an optional comment, blank meaning none", () => {
    expect(actionBodySchema.submit.parse({ comment: " Ready for review. " })).toEqual({ comment: "Ready for review." });
    expect(actionBodySchema["start-review"].parse({ comment: "   " })).toEqual({});
  });

  it("resubmit and approve: an optional comment, blank meaning none", () => {
    expect(actionBodySchema.resubmit.parse({ comment: "Uploaded the signed PoE." })).toEqual({
      comment: "Uploaded the signed PoE.",
    });
    expect(actionBodySchema.approve.parse({ comment: "  " })).toEqual({});
    expect(pathsOf(actionBodySchema.approve, { comment: "x".repeat(4001) })).toEqual(["comment"]);
  });
});

describe("other request bodies", () => {
  it("comment: 1 to 4000 characters after trimming", () => {
    expect(commentBodySchema.parse({ body: "  Thanks!  " })).toEqual({ body: "Thanks!" });
    expect(commentBodySchema.safeParse({ body: "x".repeat(4000) }).success).toBe(true);
    expect(errorsOf(commentBodySchema, { body: "  " })).toEqual([{ path: "body", message: "Write the comment" }]);
    expect(errorsOf(commentBodySchema, { body: "x".repeat(4001) })).toEqual([
      { path: "body", message: "Shorten the comment to 4000 characters or fewer" },
    ]);
  });

  it("dispute: details required, products optional and validated", () => {
    expect(disputeBodySchema.parse({ details: "The PoE was signed.", products: [{ kind: "WORKLOAD", name: "TEAMS" }] })).toEqual({
      details: "The PoE was signed.",
      products: [{ kind: "WORKLOAD", name: "TEAMS" }],
    });
    expect(pathsOf(disputeBodySchema, { details: "", products: [{ kind: "WORKLOAD", name: "VISIO" }] })).toEqual([
      "details",
      "products.0.name",
    ]);
    expect(pathsOf(disputeBodySchema, { details: "x".repeat(4001) })).toEqual(["details"]);
  });

  it("resolve dispute: UPHOLD or OVERTURN, with a comment", () => {
    expect(resolveDisputeBodySchema.parse({ outcome: "OVERTURN", comment: "PoE is fine." })).toEqual({
      outcome: "OVERTURN",
      comment: "PoE is fine.",
    });
    expect(pathsOf(resolveDisputeBodySchema, { outcome: "OVERTURNED" })).toEqual(["outcome", "comment"]);
  });

  it("consent deny: an optional reason of at most 1000 characters", () => {
    expect(consentDenyBodySchema.parse({})).toEqual({});
    expect(consentDenyBodySchema.parse({ reason: "" })).toEqual({});
    expect(consentDenyBodySchema.parse({ reason: " We never worked with them. " })).toEqual({
      reason: "We never worked with them.",
    });
    expect(errorsOf(consentDenyBodySchema, { reason: "x".repeat(1001) })).toEqual([
      { path: "reason", message: "Shorten the reason to 1000 characters or fewer" },
    ]);
  });
});

describe("claimListQuerySchema", () => {
  it("has defaults", () => {
    expect(claimListQuerySchema.parse({})).toEqual({ sort: "-updatedAt", page: 1, pageSize: 25 });
  });

  it("reads query strings: numbers, overdue as a boolean, blank as absent", () => {
    expect(
      claimListQuerySchema.parse({
        status: "UNDER_REVIEW",
        q: "  contoso ",
        program: "OSA",
        solutionArea: "",
        overdue: "true",
        sort: "dueAt",
        page: "3",
        pageSize: "100",
      }),
    ).toEqual({ status: "UNDER_REVIEW", q: "contoso", program: "OSA", overdue: true, sort: "dueAt", page: 3, pageSize: 100 });
    expect(claimListQuerySchema.parse({ overdue: "false", status: "", q: " ", page: "", pageSize: "" })).toEqual({
      overdue: false,
      sort: "-updatedAt",
      page: 1,
      pageSize: 25,
    });
    expect(claimListQuerySchema.parse(Object.fromEntries(new URLSearchParams("sort=-createdAt&page=2")))).toMatchObject({
      sort: "-createdAt",
      page: 2,
    });
  });

  it("refuses pageSize 101 instead of clamping it", () => {
    expect(errorsOf(claimListQuerySchema, { pageSize: "101" })).toEqual([
      { path: "pageSize", message: "Ask for 1 to 100 items per page" },
    ]);
  });

  it("refuses bad values with the parameter as the path", () => {
    expect(
      pathsOf(claimListQuerySchema, {
        status: "OPEN",
        overdue: "yes",
        sort: "number",
        page: "0",
        pageSize: "1.5",
        program: "osu",
      }),
    ).toEqual(["status", "program", "overdue", "sort", "page", "pageSize"]);
    expect(pathsOf(claimListQuerySchema, { page: "abc" })).toEqual(["page"]);
    expect(pathsOf(claimListQuerySchema, { pageSize: "0" })).toEqual(["pageSize"]);
    expect(pathsOf(claimListQuerySchema, { q: "x".repeat(201) })).toEqual(["q"]);
  });
});

describe("slaSettingsSchema", () => {
  it("validates the zone and sorts and de-duplicates holidays", () => {
    const settings = {
      submittedBusinessDays: 5,
      underReviewBusinessDays: 5,
      partnerActionBusinessDays: 14,
      consentCalendarDays: 7,
      decisionTargetBusinessDays: 10,
      poeMaxBytes: 25 * 1024 * 1024,
      timeZone: "Europe/Paris",
      holidays: ["2026-12-25", "2026-01-01", "2026-12-25"],
    };
    expect(slaSettingsSchema.parse(settings).holidays).toEqual(["2026-01-01", "2026-12-25"]);
    expect(pathsOf(slaSettingsSchema, { ...settings, timeZone: "Mars/Olympus", holidays: ["2026-02-30"], submittedBusinessDays: 0 })).toEqual([
      "submittedBusinessDays",
      "timeZone",
      "holidays.0",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Responses

const claimResource = {
  id: "clm_01",
  number: "CPOR-000123",
  status: "REJECTED",
  version: 3,
  organizationId: "org_1",
  mpnId: "1234567",
  program: "OSU",
  activity: "PRE_SALES",
  solutionArea: "BUSINESS_APPLICATIONS",
  customer,
  products: [{ kind: "DYNAMICS", name: "Dynamics 365 Sales", subscriptionId: SUB_A }],
  customerContact: contact,
  partnerContact: { ...contact, phone: "+1 425 555 0100" },
  commentary: "…",
  poe: [
    {
      id: "poe_1",
      fileName: "sow.pdf",
      size: 12345,
      sha256: "a".repeat(64),
      contentType: "application/pdf",
      uploadedAt: "2026-01-05T10:00:00.000Z",
    },
  ],
  reasonCodes: ["MISSING_ALL_POE"],
  rejectionReason: "INSUFFICIENT_POE",
  rejectionComment: null,
  withdrawReason: null,
  dispute: { id: "dsp_1", status: "OPEN", details: "Signed PoE attached.", createdAt: "2026-01-20T10:00:00.000Z" },
  dueAt: null,
  overdue: false,
  consentEndsAt: null,
  sentForIncentiveAssessmentAt: null,
  createdAt: "2026-01-02T10:00:00.000Z",
  updatedAt: "2026-01-20T10:00:00.000Z",
  submittedAt: "2026-01-05T10:00:00.000Z",
  decidedAt: "2026-01-15T10:00:00.000Z",
  assignedReviewer: { id: "u-reviewer1", name: "Riley Reviewer" },
};

describe("response schemas", () => {
  it("claimResourceSchema matches api-v1's claim resource", () => {
    expect(claimResourceSchema.parse(claimResource)).toEqual(claimResource);
    const draftClaim = {
      ...claimResource,
      status: "EDITING",
      products: [],
      customerContact: null,
      partnerContact: null,
      commentary: null,
      poe: [],
      reasonCodes: [],
      rejectionReason: null,
      dispute: null,
      submittedAt: undefined,
      decidedAt: undefined,
    };
    expect(claimResourceSchema.safeParse(draftClaim).success).toBe(true);
  });

  it("claimResourceSchema holds the serializer to the contract", () => {
    // Times are ISO strings, never Date objects; `null | …` keys are always present; `?` keys are never null.
    expect(pathsOf(claimResourceSchema, { ...claimResource, createdAt: new Date() })).toEqual(["createdAt"]);
    const { dueAt: _dueAt, ...withoutDueAt } = claimResource;
    expect(pathsOf(claimResourceSchema, withoutDueAt)).toEqual(["dueAt"]);
    expect(pathsOf(claimResourceSchema, { ...claimResource, submittedAt: null })).toEqual(["submittedAt"]);
    expect(pathsOf(claimResourceSchema, { ...claimResource, number: "CPOR-123" })).toEqual(["number"]);
    expect(pathsOf(claimResourceSchema, { ...claimResource, rejectionReason: "LATE" })).toEqual(["rejectionReason"]);
    expect(pathsOf(claimResourceSchema, { ...claimResource, withdrawReason: "CHANGED_MIND" })).toEqual(["withdrawReason"]);
    // assignedReviewer is `null | { id, name }`: always present.
    expect(pathsOf(claimResourceSchema, { ...claimResource, assignedReviewer: null })).toEqual([]);
    const { assignedReviewer: _assigned, ...unassigned } = claimResource;
    expect(pathsOf(claimResourceSchema, unassigned)).toEqual(["assignedReviewer"]);
  });

  it("poeItemSchema, disputeResourceSchema, commentResourceSchema, historyItemSchema", () => {
    expect(pathsOf(poeItemSchema, { ...claimResource.poe[0], sha256: "A".repeat(64) })).toEqual(["sha256"]);
    expect(
      disputeResourceSchema.safeParse({
        id: "dsp_1",
        status: "UPHELD",
        details: "x",
        createdAt: "2026-01-20T10:00:00.000Z",
        resolvedAt: "2026-01-22T10:00:00.000Z",
        comment: "PoE unsigned.",
      }).success,
    ).toBe(true);
    expect(
      commentResourceSchema.safeParse({
        id: "c1",
        body: "<b>plain text</b>",
        author: { id: "u1", name: "Reviewer One", role: "REVIEWER" },
        createdAt: "2026-01-20T10:00:00.000Z",
      }).success,
    ).toBe(true);
    const history = [
      {
        id: "e1",
        at: "2026-01-05T10:00:00.000Z",
        actor: { id: "u1", name: "Contoso admin", role: "PARTNER_ADMIN" },
        type: "STATUS_CHANGED",
        fromStatus: "EDITING",
        toStatus: "SUBMITTED",
        data: { action: "submit" },
      },
      {
        id: "e2",
        at: "2026-01-06T10:00:00.000Z",
        actor: { id: "u1", name: "Contoso admin", role: "PARTNER_ADMIN" },
        type: "FIELDS_UPDATED",
        changes: [{ field: "mpnId", from: "1234567", to: "1234568" }],
      },
      { id: "e3", at: "2026-01-13T00:00:00.000Z", actor: { id: null, name: "System", role: "SYSTEM" }, type: "SLA_OVERDUE" },
    ];
    for (const item of history) expect(historyItemSchema.safeParse(item).success, item.id).toBe(true);
    expect(pathsOf(historyItemSchema, { ...history[0], type: "SOMETHING" })).toEqual(["type"]);
  });

  it("problemSchema is api-v1's problem+json", () => {
    const problem = {
      type: "about:blank",
      title: "Unprocessable Content",
      status: 422,
      code: "VALIDATION",
      detail: "The request body is not valid.",
      errors: [{ path: "customer.tenantId", message: "Enter the customer tenant ID as a GUID" }],
    };
    expect(problemSchema.parse(problem)).toEqual(problem);
    for (const code of ["UNAUTHENTICATED", "PRECONDITION_REQUIRED", "RATE_LIMITED", "GONE", "CONFLICT"]) {
      expect(problemSchema.safeParse({ ...problem, code, errors: undefined }).success, code).toBe(true);
    }
    expect(pathsOf(problemSchema, { ...problem, code: "TEAPOT", status: 200 })).toEqual(["status", "code"]);
  });
});

describe("fieldErrorsFromZod", () => {
  it("joins paths with dots and drops exact repeats", () => {
    const error = new z.ZodError([
      { code: "custom", path: ["products", 1, "subscriptionId"], message: "A", input: undefined },
      { code: "custom", path: ["products", 1, "subscriptionId"], message: "A", input: undefined },
      { code: "custom", path: ["customer", "tenantId"], message: "B", input: undefined },
      { code: "custom", path: [], message: "C", input: undefined },
    ]);
    expect(fieldErrorsFromZod(error)).toEqual([
      { path: "products.1.subscriptionId", message: "A" },
      { path: "customer.tenantId", message: "B" },
      { path: "", message: "C" },
    ]);
  });
});

describe("single-line fields", () => {
  const ONE_LINE = { message: "Write this on one line: remove the line breaks" };
  it("refuse \\r and \\n anywhere in names, titles, emails, phones, domain and MPN ID", () => {
    for (const br of ["\n", "\r", "\r\n"]) {
      expect(errorsOf(contactSchema, { ...contact, name: `Ada${br}Lovelace` })).toEqual([{ path: "name", ...ONE_LINE }]);
      expect(errorsOf(contactSchema, { ...contact, title: `CTO${br}` })).toEqual([{ path: "title", ...ONE_LINE }]);
      expect(errorsOf(contactSchema, { ...contact, email: `ada@contoso.com${br}` })).toEqual([{ path: "email", ...ONE_LINE }]);
      expect(errorsOf(contactSchema, { ...contact, phone: `+1 425${br}555 0100` })).toContainEqual({ path: "phone", ...ONE_LINE });
      expect(errorsOf(customerSchema, { ...customer, name: `${br}Contoso` })).toEqual([{ path: "name", ...ONE_LINE }]);
      expect(errorsOf(customerSchema, { ...customer, domain: `contoso.com${br}` })).toEqual([{ path: "domain", ...ONE_LINE }]);
      expect(errorsOf(mpnIdSchema, `1234567${br}`)).toEqual([{ path: "", ...ONE_LINE }]);
    }
  });

  it("leave multi-line text (comments) alone and still trim spaces and tabs", () => {
    expect(commentBodySchema.parse({ body: "Line one\nline two" }).body).toBe("Line one\nline two");
    expect(contactSchema.parse({ ...contact, name: " \tAda " }).name).toBe("Ada");
  });
});

describe("text that must say something", () => {
  it("names of spaces only are refused with the same message as empty ones; spaces around a name are trimmed", () => {
    for (const name of ["", "   ", "\t "]) {
      expect(errorsOf(contactSchema, { ...contact, name })).toEqual([{ path: "name", message: "Enter the contact's name" }]);
      expect(errorsOf(customerSchema, { ...customer, name })).toEqual([{ path: "name", message: "Enter the customer's name" }]);
    }
    expect(contactSchema.parse({ ...contact, name: "  Ada  " }).name).toBe("Ada");
  });

  it("PATCH needs at least one known field; overdue is true or false", () => {
    expect(pathsOf(claimPatchSchema, {})).toEqual([""]);
    expect(pathsOf(claimPatchSchema, { colour: "blue" })).toEqual([""]);
    expect(claimListQuerySchema.parse({ overdue: "true" }).overdue).toBe(true);
    expect(claimListQuerySchema.parse({ overdue: "false" }).overdue).toBe(false);
    expect(errorsOf(claimListQuerySchema, { overdue: "yes" })).toEqual([{ path: "overdue", message: "Filter overdue with true or false" }]);
  });
});

describe("OpenAPI generation", () => {
  const exported = Object.entries(schemas as Record<string, unknown>).filter(
    (entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType,
  );

  it("every exported schema converts to JSON Schema, as a request (input) and as a response (output)", () => {
    expect(exported.length).toBeGreaterThan(20);
    for (const [name, schema] of exported) {
      for (const io of ["input", "output"] as const) {
        expect(() => z.toJSONSchema(schema, { io }), `${name} (${io})`).not.toThrow();
      }
    }
  });

  it("the request and response schemas named in the brief carry an id and a description", () => {
    const named = [
      "claimDraftSchema",
      "claimPatchSchema",
      "requestInfoBodySchema",
      "rejectBodySchema",
      "withdrawBodySchema",
      "resubmitBodySchema",
      "approveBodySchema",
      "commentBodySchema",
      "disputeBodySchema",
      "resolveDisputeBodySchema",
      "consentDenyBodySchema",
      "claimListQuerySchema",
      "claimResourceSchema",
      "poeItemSchema",
      "disputeResourceSchema",
      "commentResourceSchema",
      "historyItemSchema",
      "problemSchema",
    ];
    for (const name of named) {
      const meta = (schemas as unknown as Record<string, z.ZodType>)[name]?.meta();
      expect(meta?.id, name).toEqual(expect.any(String));
      expect(meta?.description, name).toEqual(expect.any(String));
    }
    const ids = exported.map(([, schema]) => schema.meta()?.id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("GUID patterns accept upper case in the generated document too (JSON Schema has no regex flags)", () => {
    const json = z.toJSONSchema(customerSchema, { io: "input" }) as { $defs: Record<string, { pattern?: string }> };
    expect(new RegExp(json.$defs.TenantId!.pattern!).test(TENANT.toUpperCase())).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------
// events.ts (the history payloads) is a schema module too; its checks live here.

describe("claimEventSchema", () => {
  it("accepts each event type with its payload", () => {
    const events = [
      { type: "CLAIM_CREATED", data: { number: "CPOR-000123", values: { mpnId: "1234567" } } },
      { type: "FIELDS_UPDATED", data: { changes: [{ field: "products", from: [], to: [{ kind: "WORKLOAD", name: "TEAMS" }] }] } },
      { type: "POE_UPLOADED", data: { poeId: "p1", fileName: "sow.pdf", size: 10, sha256: "0".repeat(64) } },
      {
        type: "STATUS_CHANGED",
        data: { action: "request-info", fromStatus: "UNDER_REVIEW", toStatus: "PARTNER_ACTION_REQUIRED", reasonCodes: ["MISSING_ALL_POE"], comment: "Upload the PoE." },
      },
      { type: "STATUS_CHANGED", data: { action: "withdraw", fromStatus: "SUBMITTED", toStatus: "REJECTED", rejectionReason: "PARTNER_REQUEST", comment: "Wrong MPN." } },
      { type: "REVIEWER_ASSIGNED", data: { reviewerId: "u2" } },
      { type: "COMMENT_ADDED", data: { commentId: "c1", body: "Hello" } },
      { type: "SLA_OVERDUE", data: { stage: "SUBMITTED", dueAt: "2026-01-09T23:59:59.999Z" } },
      { type: "REMINDER_QUEUED", data: { stage: "PARTNER_ACTION_REQUIRED", dueAt: "2026-01-09T23:59:59.999Z" } },
      { type: "CONSENT_REQUESTED", data: { consentEndsAt: "2026-01-16T23:59:59.999Z" } },
      { type: "CONSENT_DENIED", data: {} },
      { type: "CONSENT_RESENT", data: { fromEmail: "old@customer.example", toEmail: "new@customer.example" } },
      { type: "SENT_FOR_INCENTIVE_ASSESSMENT", data: { at: "2026-01-17T00:05:00.000Z" } },
      { type: "DISPUTE_OPENED", data: { disputeId: "d1", details: "Signed PoE attached." } },
      { type: "DISPUTE_RESOLVED", data: { disputeId: "d1", outcome: "OVERTURN", comment: "OK." } },
      { type: "CLAIM_TAKEN_OVER", data: { from: { id: "u1", name: "Riley" }, to: { id: "u2", name: "Sam" } } },
    ];
    for (const event of events) expect(claimEventSchema.safeParse(event).success, event.type).toBe(true);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(CLAIM_EVENT_TYPES));
  });

  it("refuses a payload of the wrong shape for its type", () => {
    expect(claimEventSchema.safeParse({ type: "COMMENT_ADDED", data: { disputeId: "d1" } }).success).toBe(false);
    expect(
      claimEventSchema.safeParse({ type: "STATUS_CHANGED", data: { action: "teleport", fromStatus: "EDITING", toStatus: "APPROVED" } })
        .success,
    ).toBe(false);
    // Instants are stored as ISO strings (the column is JSON), so a Date is a caller's mistake.
    expect(claimEventSchema.safeParse({ type: "CONSENT_REQUESTED", data: { consentEndsAt: new Date() } }).success).toBe(false);
    expect(claimEventSchema.safeParse({ type: "UNKNOWN", data: {} }).success).toBe(false);
  });

  it("parseClaimEvent reads stored rows, and answers null for one it cannot read instead of throwing", () => {
    expect(parseClaimEvent({ type: "CONSENT_DENIED", data: { reason: "No." } })).toEqual({
      type: "CONSENT_DENIED",
      data: { reason: "No." },
    });
    expect(parseClaimEvent({ type: "CONSENT_DENIED", data: null })).toEqual({ type: "CONSENT_DENIED", data: {} });
    expect(parseClaimEvent({ type: "RETIRED_EVENT", data: {} })).toBeNull();
  });

  it("converts to JSON Schema", () => {
    expect(() => z.toJSONSchema(claimEventSchema, { io: "output" })).not.toThrow();
  });

  it("history items use the same event types", () => {
    expect(historyItemSchema.shape.type.options).toEqual([...CLAIM_EVENT_TYPES]);
  });
});
