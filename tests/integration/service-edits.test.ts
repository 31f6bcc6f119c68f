// Field edits (domain.md "What may be edited when"): per status, editable fields succeed and anything else
// refuses the whole edit; stale versions are CONFLICT; history keeps old and new values; products are
// replaced as a whole; the MPN ID must be one of the organization's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MINUTE,
  MONDAY,
  at,
  claimDraft,
  claimIn,
  createWorld,
  eventsOf,
  expectClaimError,
  expectStatusCountsConsistent,
  snapshot,
  type Target,
  type World,
} from "../fixtures/claims";
import type { ClaimField } from "../../lib/claims/catalogue";
import { conflictKey } from "../../lib/claims/conflicts";
import { createClaim, updateClaim } from "../../lib/claims/service";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

const SUBSCRIPTION = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

describe.skipIf(!pgAvailable)("claim edits (PostgreSQL)", () => {
  let t: TestDatabase;
  let w: World;

  beforeAll(async () => {
    t = await createTestDatabase();
    w = await createWorld(t.db);
  });
  afterAll(async () => {
    await expectStatusCountsConsistent(t.db);
    await t?.drop();
  });

  /** A value for each field that differs from the fixture draft's and is valid on its own. */
  function newValue(field: ClaimField): unknown {
    switch (field) {
      case "mpnId":
        return w.orgA.mpnIds[1];
      case "program":
        return "OSA";
      case "activity":
        return "USAGE";
      case "solutionArea":
        return "MODERN_WORK"; // replaced below with a real change where the test needs one
      case "customer":
        return { tenantId: "0f8fad5b-d9cb-469f-a165-70867728950e", domain: "northwind.example", name: "Northwind Traders" };
      case "products":
        return [{ kind: "WORKLOAD", name: "INTUNE" }];
      case "customerContact":
        return { name: "Casey", title: "CTO", email: "casey@northwind.example", phone: "+1 425 555 0100" };
      case "partnerContact":
        return { name: "Robin", title: "Engineer", email: "robin@partner.example" };
      case "commentary":
        return "Rolled out Intune to 500 devices.";
    }
  }

  const AFTER_SUBMIT_EDITABLE: ClaimField[] = ["mpnId", "products", "customerContact", "partnerContact", "commentary"];
  const AFTER_SUBMIT_LOCKED: ClaimField[] = ["program", "activity", "solutionArea", "customer"];

  it("EDITING: every field may change; one FIELDS_UPDATED event lists each field's old and new value", async () => {
    const { claim } = await claimIn(t.db, w, "EDITING");
    const patch = {
      mpnId: newValue("mpnId"),
      program: "OSA",
      activity: "REVENUE_ASSOCIATION",
      solutionArea: "BUSINESS_APPLICATIONS",
      products: [{ kind: "DYNAMICS", name: "Dynamics 365 Sales", subscriptionId: SUBSCRIPTION.toUpperCase() }],
      customer: newValue("customer"),
      customerContact: newValue("customerContact"),
      partnerContact: newValue("partnerContact"),
      commentary: newValue("commentary"),
    };
    const now = at(MONDAY, 10 * MINUTE);
    const updated = await updateClaim(t.db, w.partnerA.actor, claim.id, 0, patch, { now });
    expect(updated).toMatchObject({
      version: 1,
      updatedAt: now,
      mpnId: w.orgA.mpnIds[1],
      program: "OSA",
      activity: "REVENUE_ASSOCIATION",
      solutionArea: "BUSINESS_APPLICATIONS",
      customerTenantId: "0f8fad5b-d9cb-469f-a165-70867728950e",
      customerName: "Northwind Traders",
      customerNameLower: "northwind traders",
      customerDomain: "northwind.example",
      commentary: "Rolled out Intune to 500 devices.",
    });
    // subscription IDs are stored lower-cased, and the competing-claims key follows tenant, program and product
    expect(updated.products).toMatchObject([
      {
        kind: "DYNAMICS",
        name: "Dynamics 365 Sales",
        subscriptionId: SUBSCRIPTION,
        conflictKey: conflictKey("0f8fad5b-d9cb-469f-a165-70867728950e", "OSA", { kind: "DYNAMICS", name: "Dynamics 365 Sales", subscriptionId: SUBSCRIPTION }),
      },
    ]);
    const events = await eventsOf(t.db, claim.id);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ type: "FIELDS_UPDATED", actorRole: "PARTNER_ADMIN", actorId: w.partnerA.id, at: now });
    const changes = (events[1].data as { changes: { field: string; from: unknown; to: unknown }[] }).changes;
    expect(changes.map((c) => c.field).sort()).toEqual(Object.keys(patch).sort());
    const byField = Object.fromEntries(changes.map((c) => [c.field, c]));
    expect(byField.mpnId).toEqual({ field: "mpnId", from: w.orgA.mpnIds[0], to: w.orgA.mpnIds[1] });
    expect(byField.program).toEqual({ field: "program", from: "OSU", to: "OSA" });
    expect(byField.products).toEqual({
      field: "products",
      from: [
        { kind: "WORKLOAD", name: "TEAMS" },
        { kind: "WORKLOAD", name: "EXCHANGE" },
      ],
      to: [{ kind: "DYNAMICS", name: "Dynamics 365 Sales", subscriptionId: SUBSCRIPTION }],
    });
    expect(byField.customer.from).toMatchObject({ tenantId: claim.customerTenantId, name: claim.customerName });
    expect(byField.customer.to).toEqual(newValue("customer"));
    expect(byField.commentary).toEqual({ field: "commentary", from: claim.commentary, to: "Rolled out Intune to 500 devices." });
  });

  for (const status of ["SUBMITTED", "PARTNER_ACTION_REQUIRED"] as const) {
    it(`${status}: mpnId, products, contacts and commentary may change, each edit version + 1 with one FIELDS_UPDATED`, async () => {
      const { claim, at: t0 } = await claimIn(t.db, w, status);
      let version = claim.version;
      let eventCount = (await eventsOf(t.db, claim.id)).length;
      for (const [i, field] of AFTER_SUBMIT_EDITABLE.entries()) {
        const updated = await updateClaim(t.db, w.partnerA.actor, claim.id, version, { [field]: newValue(field) }, { now: at(t0, (i + 1) * MINUTE) });
        expect(updated.status).toBe(status);
        expect(updated.version).toBe(++version);
        const events = await eventsOf(t.db, claim.id);
        expect(events).toHaveLength(++eventCount);
        expect(events.at(-1)!.data).toEqual({ changes: [expect.objectContaining({ field, to: newValue(field) })] });
      }
    });

    it(`${status}: program, activity, solutionArea and customer are refused, and refuse a whole edit that also carries editable fields (nothing applied, no event)`, async () => {
      const { claim, at: t0 } = await claimIn(t.db, w, status);
      const before = await snapshot(t.db, claim.id);
      for (const field of AFTER_SUBMIT_LOCKED) {
        const value = field === "solutionArea" ? "BUSINESS_APPLICATIONS" : newValue(field);
        const fitting =
          field === "solutionArea"
            ? [{ kind: "DYNAMICS", name: "Power Apps", subscriptionId: SUBSCRIPTION }]
            : [{ kind: "WORKLOAD", name: "COPILOT" }];
        const alone = await expectClaimError(
          updateClaim(t.db, w.partnerA.actor, claim.id, claim.version, field === "solutionArea" ? { [field]: value, products: fitting } : { [field]: value }, { now: at(t0, MINUTE) }),
          "VALIDATION",
        );
        expect(alone.errors?.map((e) => e.path)).toEqual([field]);
        // A typed code, so no surface reads "not editable" out of the English message.
        expect(alone.errors?.map((e) => e.code)).toEqual(["NOT_EDITABLE"]);
        const mixed = await expectClaimError(
          updateClaim(
            t.db,
            w.partnerA.actor,
            claim.id,
            claim.version,
            { commentary: "should not stick", mpnId: w.orgA.mpnIds[1], products: fitting, [field]: value },
            { now: at(t0, MINUTE) },
          ),
          "VALIDATION",
        );
        expect(mixed.errors?.map((e) => e.path)).toEqual([field]);
      }
      expect(await snapshot(t.db, claim.id)).toEqual(before);
    });
  }

  for (const status of ["UNDER_REVIEW", "APPROVED", "REJECTED", "WITHDRAWN", "DISPUTED"] satisfies Target[]) {
    it(`${status}: nothing may change (VALIDATION, nothing applied)`, async () => {
      const { claim, at: t0 } = await claimIn(t.db, w, status);
      const before = await snapshot(t.db, claim.id);
      for (const field of ["commentary", "products", "customerContact"] as const) {
        const error = await expectClaimError(updateClaim(t.db, w.partnerA.actor, claim.id, claim.version, { [field]: newValue(field) }, { now: at(t0, MINUTE) }), "VALIDATION");
        expect(error.errors?.map((e) => e.path)).toEqual([field]);
        expect(error.errors?.map((e) => e.code)).toEqual(["NOT_EDITABLE"]);
      }
      expect(await snapshot(t.db, claim.id)).toEqual(before);
    });
  }

  it("a stale version is CONFLICT and applies nothing; the current version then works", async () => {
    const { claim, at: t0 } = await claimIn(t.db, w, "SUBMITTED");
    const before = await snapshot(t.db, claim.id);
    await expectClaimError(updateClaim(t.db, w.partnerA.actor, claim.id, claim.version - 1, { commentary: "stale" }, { now: at(t0, MINUTE) }), "CONFLICT");
    await expectClaimError(updateClaim(t.db, w.partnerA.actor, claim.id, claim.version + 1, { commentary: "future" }, { now: at(t0, MINUTE) }), "CONFLICT");
    // api-v1 order: the stale version is reported before what the status allows
    await expectClaimError(updateClaim(t.db, w.partnerA.actor, claim.id, claim.version - 1, { program: "OSA" }, { now: at(t0, MINUTE) }), "CONFLICT");
    expect(await snapshot(t.db, claim.id)).toEqual(before);
    const updated = await updateClaim(t.db, w.billingA.actor, claim.id, claim.version, { commentary: "fresh" }, { now: at(t0, 2 * MINUTE) });
    expect(updated).toMatchObject({ commentary: "fresh", version: claim.version + 1 });
    // the editor who read version N loses once somebody else saved N+1
    await expectClaimError(updateClaim(t.db, w.partnerA.actor, claim.id, claim.version, { commentary: "lost update" }, { now: at(t0, 3 * MINUTE) }), "CONFLICT");
    expect((await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } })).commentary).toBe("fresh");
  });

  it("products are replaced as a whole: rows, positions and keys follow the new list exactly", async () => {
    const { claim, at: t0 } = await claimIn(t.db, w, "SUBMITTED");
    let updated = await updateClaim(
      t.db,
      w.partnerA.actor,
      claim.id,
      claim.version,
      { products: [{ kind: "WORKLOAD", name: "COPILOT" }, { kind: "WORKLOAD", name: "TEAMS" }, { kind: "WORKLOAD", name: "PURVIEW" }] },
      { now: at(t0, MINUTE) },
    );
    expect(updated.products.map((p) => [p.name, p.position])).toEqual([
      ["COPILOT", 0],
      ["TEAMS", 1],
      ["PURVIEW", 2],
    ]);
    updated = await updateClaim(t.db, w.partnerA.actor, claim.id, updated.version, { products: [{ kind: "WORKLOAD", name: "INTUNE" }] }, { now: at(t0, 2 * MINUTE) });
    const rows = await t.db.claimProduct.findMany({ where: { claimId: claim.id } });
    expect(rows.map((r) => [r.name, r.conflictKey])).toEqual([
      ["INTUNE", conflictKey(claim.customerTenantId, "OSU", { kind: "WORKLOAD", name: "INTUNE" })],
    ]);
    const last = (await eventsOf(t.db, claim.id)).at(-1)!;
    expect(last.data).toEqual({
      changes: [
        {
          field: "products",
          from: [{ kind: "WORKLOAD", name: "COPILOT" }, { kind: "WORKLOAD", name: "TEAMS" }, { kind: "WORKLOAD", name: "PURVIEW" }],
          to: [{ kind: "WORKLOAD", name: "INTUNE" }],
        },
      ],
    });
  });

  it("refuses products of the wrong kind, duplicates, and a solution area the stored products do not fit", async () => {
    const editing = await claimIn(t.db, w, "EDITING");
    const before = await snapshot(t.db, editing.claim.id);
    const edit = (patch: Record<string, unknown>) => updateClaim(t.db, w.partnerA.actor, editing.claim.id, 0, patch, { now: at(editing.at, MINUTE) });
    await expectClaimError(edit({ products: [{ kind: "DYNAMICS", name: "Power BI", subscriptionId: SUBSCRIPTION }] }), "VALIDATION");
    await expectClaimError(edit({ products: [{ kind: "WORKLOAD", name: "TEAMS" }, { kind: "WORKLOAD", name: "TEAMS" }] }), "VALIDATION");
    await expectClaimError(edit({ solutionArea: "BUSINESS_APPLICATIONS" }), "VALIDATION");
    await expectClaimError(edit({ products: [{ kind: "WORKLOAD", name: "NOT_A_WORKLOAD" }] }), "VALIDATION");
    await expectClaimError(edit({}), "VALIDATION");
    expect(await snapshot(t.db, editing.claim.id)).toEqual(before);
  });

  it("the MPN ID must be one of the organization's, on create and on edit", async () => {
    const { claim, at: t0 } = await claimIn(t.db, w, "SUBMITTED");
    const before = await snapshot(t.db, claim.id);
    for (const mpnId of [w.orgB.mpnIds[0], "9999999"]) {
      const error = await expectClaimError(updateClaim(t.db, w.partnerA.actor, claim.id, claim.version, { mpnId }, { now: at(t0, MINUTE) }), "VALIDATION");
      expect(error.errors).toEqual([expect.objectContaining({ path: "mpnId" })]);
    }
    expect(await snapshot(t.db, claim.id)).toEqual(before);
    const ok = await updateClaim(t.db, w.partnerA.actor, claim.id, claim.version, { mpnId: w.orgA.mpnIds[1] }, { now: at(t0, MINUTE) });
    expect(ok.mpnId).toBe(w.orgA.mpnIds[1]);

    const claims = await t.db.claim.count();
    await expectClaimError(createClaim(t.db, w.partnerA.actor, claimDraft(w.orgB.mpnIds[1])), "VALIDATION");
    await expectClaimError(createClaim(t.db, w.partnerB.actor, claimDraft(w.orgA.mpnIds[0])), "VALIDATION");
    expect(await t.db.claim.count()).toBe(claims);
  });

  it("an edit that changes nothing writes no event and keeps the version", async () => {
    const { claim, at: t0 } = await claimIn(t.db, w, "SUBMITTED");
    const before = await snapshot(t.db, claim.id);
    const same = await updateClaim(
      t.db,
      w.partnerA.actor,
      claim.id,
      claim.version,
      { commentary: claim.commentary, products: [{ kind: "WORKLOAD", name: "TEAMS" }, { kind: "WORKLOAD", name: "EXCHANGE" }] },
      { now: at(t0, MINUTE) },
    );
    expect(same.version).toBe(claim.version);
    expect(await snapshot(t.db, claim.id)).toEqual(before);
  });

  it("only the claim's partners edit: reviewers and admins are FORBIDDEN", async () => {
    const { claim } = await claimIn(t.db, w, "SUBMITTED");
    const before = await snapshot(t.db, claim.id);
    await expectClaimError(updateClaim(t.db, w.reviewer.actor, claim.id, claim.version, { commentary: "x" }), "FORBIDDEN");
    await expectClaimError(updateClaim(t.db, w.admin.actor, claim.id, claim.version, { commentary: "x" }), "FORBIDDEN");
    expect(await snapshot(t.db, claim.id)).toEqual(before);
  });
});
