// The audit log: claim events and audit events in one list ordered by (at, id), filters, cursor paging that
// neither skips nor repeats rows (also at equal instants), and the CSV export. Against real PostgreSQL.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MONDAY, claimIn, createWorld, type World } from "../fixtures/claims";
import { listAuditEvents } from "../../lib/admin/audit-log";
import { recordAuditEvent } from "../../lib/audit/record-audit-event";
import { call, expectProblem, keyFor, startApiTestEnv, stopApiTestEnv, type ApiTestEnv } from "./api-helpers";
import { pgAvailable } from "./test-db";

describe.skipIf(!pgAvailable)("audit log (PostgreSQL)", () => {
  let env: ApiTestEnv;
  let w: World;
  let admin: string;

  beforeAll(async () => {
    env = await startApiTestEnv();
    w = await createWorld(env.t.db);
    admin = await keyFor(env.t.db, w.admin.email);
    await claimIn(env.t.db, w, "SUBMITTED"); // claim events of org A at MONDAY…
    await claimIn(env.t.db, w, "EDITING", { org: "B" });
    // Audit events at exactly the instant of a claim event, to exercise ties.
    for (let i = 0; i < 3; i++) {
      await env.t.db.$transaction((tx) =>
        recordAuditEvent(tx, { type: "SIGN_IN_FAILED", actor: null, at: MONDAY, data: { email: `x${i}@nowhere.example`, reason: "UNKNOWN_EMAIL" } }),
      );
    }
  });
  afterAll(async () => {
    await stopApiTestEnv(env);
  });

  async function everything(query: Record<string, string>, pageSize: number) {
    const items: { id: string; at: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listAuditEvents>> = await listAuditEvents(env.t.db, w.admin.actor, { ...query, ...(cursor ? { cursor } : {}) }, pageSize);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  it("merges claim events and audit events ordered by (at, id); pages of any size give the same rows once each", async () => {
    const all = await everything({}, 1000);
    const claimEvents = await env.t.db.claimEvent.count();
    const auditEvents = await env.t.db.auditEvent.count();
    expect(all).toHaveLength(claimEvents + auditEvents);
    expect(all.map((i) => i.at)).toEqual([...all.map((i) => i.at)].sort());
    for (const size of [1, 2, 3, 7]) expect((await everything({}, size)).map((i) => i.id)).toEqual(all.map((i) => i.id));
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
  });

  it("filters by actor, organization, type and time range", async () => {
    const byType = await everything({ type: "SIGN_IN_FAILED" }, 100);
    expect(byType).toHaveLength(3);
    const byActor = await listAuditEvents(env.t.db, w.admin.actor, { actorId: w.partnerA.id });
    expect(byActor.items.length).toBeGreaterThan(0);
    expect(byActor.items.every((i) => i.actor?.id === w.partnerA.id && i.actor.email === w.partnerA.email)).toBe(true);
    const orgB = await listAuditEvents(env.t.db, w.admin.actor, { organizationId: w.orgB.id });
    const orgBClaimEvents = await env.t.db.claimEvent.count({ where: { claim: { organizationId: w.orgB.id } } });
    expect(orgB.items).toHaveLength(orgBClaimEvents);
    expect(orgB.items.every((i) => i.organizationId === w.orgB.id && i.claimId)).toBe(true);
    expect((await listAuditEvents(env.t.db, w.admin.actor, { from: "2000-01-01", to: "2000-01-31" })).items).toEqual([]);
    const day = MONDAY.toISOString().slice(0, 10);
    const monday = await everything({ from: day, to: day }, 100);
    expect(monday.length).toBeGreaterThan(3);
    expect(monday.every((i) => i.at.startsWith(day))).toBe(true);
  });

  it("API: JSON page with nextCursor, CSV export of the same rows, 422 for bad filters", async () => {
    const page = await call("GET", "/audit-events?type=SIGN_IN_FAILED", { key: admin });
    expect(page.status).toBe(200);
    expect(page.body.items[0]).toMatchObject({ type: "SIGN_IN_FAILED", actor: null, data: { reason: "UNKNOWN_EMAIL" } });
    expect(page.body.nextCursor).toBeNull();
    const csv = await call("GET", "/audit-events/export.csv?type=SIGN_IN_FAILED", { key: admin });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(page.body.items.map((i: { id: string }) => i.id));
    expect(JSON.parse(rows[0].data)).toMatchObject({ reason: "UNKNOWN_EMAIL" });
    const all = await call("GET", "/audit-events/export.csv", { key: admin });
    expect(parse(all.text, { columns: true })).toHaveLength((await everything({}, 1000)).length);
    expectProblem(await call("GET", "/audit-events?cursor=nonsense", { key: admin }), 422, "VALIDATION");
    expectProblem(await call("GET", "/audit-events?from=yesterday", { key: admin }), 422, "VALIDATION");
    expectProblem(await call("GET", "/audit-events/export.csv?type=lower", { key: admin }), 422, "VALIDATION");
  });
});
