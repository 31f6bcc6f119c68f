// Organization administration (docs/domain.md Administration): create, rename, add and retire MPN IDs; a
// retired MPN ID is refused on a new claim and an edit with a field error, stays on claims that name it, and
// shows as inactive in GET /me. Against real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimIn, createWorld, expectClaimError, type World } from "../fixtures/claims";
import { updateOrganization } from "../../lib/admin/organizations";
import { listPartnerLocations } from "../../lib/claims/claim-page";
import { call, claimBody, expectProblem, keyFor, startApiTestEnv, stopApiTestEnv, type ApiTestEnv } from "./api-helpers";
import { pgAvailable } from "./test-db";

describe.skipIf(!pgAvailable)("organization administration (PostgreSQL)", () => {
  let env: ApiTestEnv;
  let w: World;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    env = await startApiTestEnv();
    w = await createWorld(env.t.db);
    for (const name of ["partnerA", "reviewer", "admin"] as const) keys[name] = await keyFor(env.t.db, w[name].email);
  });
  afterAll(async () => {
    await stopApiTestEnv(env);
  });

  it("creates an organization with its MPN IDs; an MPN ID of another organization is 409, a malformed one 422", async () => {
    const created = await call("POST", "/organizations", { key: keys.admin, json: { name: " Northwind Traders ", mpnIds: ["5550001", "5550002"] } });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      name: "Northwind Traders",
      mpnIds: [
        { mpnId: "5550001", active: true },
        { mpnId: "5550002", active: true },
      ],
    });
    const taken = expectProblem(await call("POST", "/organizations", { key: keys.admin, json: { name: "Copycat", mpnIds: [w.orgA.mpnIds[0]] } }), 409, "CONFLICT");
    expect(taken.errors?.[0]?.message).toContain(w.orgA.mpnIds[0]);
    expect(await env.t.db.organization.count({ where: { name: "Copycat" } })).toBe(0); // nothing half-created
    expectProblem(await call("POST", "/organizations", { key: keys.admin, json: { name: "Bad", mpnIds: ["12ab"] } }), 422, "VALIDATION");
    expectProblem(await call("POST", "/organizations", { key: keys.admin, json: { name: "Dup", mpnIds: ["5550009", "5550009"] } }), 422, "VALIDATION");
    expectProblem(await call("POST", "/organizations", { key: keys.reviewer, json: { name: "X", mpnIds: [] } }), 403, "FORBIDDEN");
    const list = await call("GET", "/organizations", { key: keys.admin });
    expect(list.body.items.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(["Northwind Traders", w.orgA.name]));
    const audit = await env.t.db.auditEvent.findFirstOrThrow({ where: { type: "ORGANIZATION_CHANGED", organizationId: created.body.id } });
    expect(audit).toMatchObject({ actorId: w.admin.id, data: { created: true, addedMpnIds: ["5550001", "5550002"], retiredMpnIds: [] } });
  });

  it("a retired MPN ID is refused on a new claim and an edit, stays on existing claims, and is inactive in /me", async () => {
    const [retired, kept] = w.orgA.mpnIds;
    const existing = await claimIn(env.t.db, w, "EDITING", { draft: { mpnId: retired } });
    const other = await claimIn(env.t.db, w, "EDITING", { draft: { mpnId: kept } });
    const patched = await call("PATCH", `/organizations/${w.orgA.id}`, { key: keys.admin, json: { retireMpnIds: [retired], name: "Contoso Renamed" } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.mpnIds).toEqual([
      { mpnId: retired, active: false },
      { mpnId: kept, active: true },
    ]);

    const created = expectProblem(await call("POST", "/claims", { key: keys.partnerA, json: claimBody(retired) }), 422, "VALIDATION");
    expect(created.errors).toEqual([expect.objectContaining({ path: "mpnId", message: expect.stringContaining("retired") })]);
    const edit = await call("PATCH", `/claims/${other.claim.id}`, { key: keys.partnerA, json: { mpnId: retired }, headers: { "If-Match": String(other.claim.version) } });
    expect(expectProblem(edit, 422, "VALIDATION").errors?.[0]?.path).toBe("mpnId");
    // The claim that already names it keeps it and may still be edited in its other fields.
    const ok = await call("PATCH", `/claims/${existing.claim.id}`, {
      key: keys.partnerA,
      json: { commentary: "Still ours." },
      headers: { "If-Match": String(existing.claim.version) },
    });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.mpnId).toBe(retired);

    const me = await call("GET", "/me", { key: keys.partnerA });
    expect(me.body.organization.mpnIds).toEqual([
      { mpnId: retired, active: false },
      { mpnId: kept, active: true },
    ]);
    expect((await listPartnerLocations(env.t.db, w.partnerA.actor)).map((l) => l.mpnId)).toEqual([kept]);
    expect((await listPartnerLocations(env.t.db, w.partnerA.actor, retired)).map((l) => l.mpnId)).toEqual([retired, kept]);

    // Adding it again makes it active again.
    const again = await call("PATCH", `/organizations/${w.orgA.id}`, { key: keys.admin, json: { addMpnIds: [retired] } });
    expect(again.body.mpnIds).toEqual([
      { mpnId: retired, active: true },
      { mpnId: kept, active: true },
    ]);
    expect((await call("POST", "/claims", { key: keys.partnerA, json: claimBody(retired) })).status).toBe(201);
    const events = await env.t.db.auditEvent.findMany({ where: { type: "ORGANIZATION_CHANGED", organizationId: w.orgA.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.data)).toEqual([
      { name: "Contoso Renamed", created: false, renamed: { from: w.orgA.name, to: "Contoso Renamed" }, addedMpnIds: [], retiredMpnIds: [retired] },
      { name: "Contoso Renamed", created: false, addedMpnIds: [retired], retiredMpnIds: [] },
    ]);
  });

  it("only this organization's MPN IDs can be retired (422); another organization's MPN ID cannot be added (409); unknown organization 404", async () => {
    expectProblem(await call("PATCH", `/organizations/${w.orgA.id}`, { key: keys.admin, json: { retireMpnIds: [w.orgB.mpnIds[0]] } }), 422, "VALIDATION");
    expectProblem(await call("PATCH", `/organizations/${w.orgA.id}`, { key: keys.admin, json: { addMpnIds: [w.orgB.mpnIds[0]] } }), 409, "CONFLICT");
    expectProblem(await call("PATCH", "/organizations/nope", { key: keys.admin, json: { name: "X" } }), 404, "NOT_FOUND");
    expectProblem(await call("PATCH", `/organizations/${w.orgA.id}`, { key: keys.admin, json: {} }), 422, "VALIDATION");
    await expectClaimError(updateOrganization(env.t.db, w.partnerA.actor, w.orgA.id, { name: "Mine now" }), "FORBIDDEN");
  });
});
