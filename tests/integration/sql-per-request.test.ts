// Statements per request, counted the way the scale benchmark counts them (lib/db.ts, CPOR_SQL_STATS=1: every
// statement of the process's own client): a warm API list sends at most 3 (the rate limiter's own statements go
// through its own pool and are not among them), and the claim page's reads of a claim with a long history stay a
// handful whatever the number of events. A regression (an include loaded per relation, a visibility check
// repeated per read, an API key no longer served from the node cache) fails here, not only in the bench.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // Read by lib/db.ts when it is first imported: before the imports below.
  process.env.CPOR_SQL_STATS = "1";
});

import { turnNodeCachesOn } from "./support/node-caches";
import { claimCommentsWindow, claimHistoryWindow, COMMENTS_WINDOW, HISTORY_WINDOW } from "../../lib/claims/claim-history";
import { conflictsOf } from "../../lib/claims/claim-reads";
import { findVisibleClaim } from "../../lib/claims/find-visible-claim";
import { addComment } from "../../lib/claims/service";
import { getDb, readSqlStats, resetSqlStats } from "../../lib/db";
import { claimIn, createWorld, type World } from "../fixtures/claims";
import { call, keyFor, startApiTestEnv, stopApiTestEnv, type ApiTestEnv } from "./api-helpers";
import { pgAvailable } from "./test-db";

/** The statements `work` sends through the process's client. */
async function statementsOf(work: () => Promise<unknown>): Promise<number> {
  resetSqlStats();
  await work();
  return readSqlStats().statements;
}

describe.skipIf(!pgAvailable)("SQL statements per request (PostgreSQL)", () => {
  let env: ApiTestEnv;
  let w: World;
  let restoreNodeCaches: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    env = await startApiTestEnv();
    w = await createWorld(env.t.db);
    // As in production: the node caches on, kept right by the invalidation listener.
    restoreNodeCaches = await turnNodeCachesOn();
  });
  afterAll(async () => {
    await restoreNodeCaches?.();
    await stopApiTestEnv(env);
  });

  it("counts statements (the counter is on)", () => {
    expect(readSqlStats().enabled).toBe(true);
  });

  it("a warm GET /claims sends at most 3 statements, with every claim's products, files, dispute and reviewer", async () => {
    const claims = await Promise.all([claimIn(env.t.db, w, "SUBMITTED"), claimIn(env.t.db, w, "REJECTED"), claimIn(env.t.db, w, "EDITING")]);
    for (const email of [w.partnerA.email, w.admin.email]) {
      const key = await keyFor(env.t.db, email);
      for (const query of ["", "?status=SUBMITTED", "?q=contoso&sort=-createdAt"]) {
        const first = await call("GET", `/claims${query}`, { key }); // fills the node caches, records the key's use
        expect(first.status).toBe(200);
        let second: Awaited<ReturnType<typeof call>> | undefined;
        const statements = await statementsOf(async () => (second = await call("GET", `/claims${query}`, { key })));
        expect(second?.status).toBe(200);
        expect(statements, `${email} GET /claims${query}`).toBeLessThanOrEqual(3);
      }
      const all = await call("GET", "/claims?pageSize=100", { key });
      const items = (all.body as { items: { id: string; products: unknown[]; poe: unknown[] }[] }).items;
      for (const { claim } of claims) {
        const item = items.find((i) => i.id === claim.id);
        expect(item?.products.length).toBeGreaterThan(0);
      }
    }
  });

  it("the claim page reads a claim with a long history in a handful of statements, a window of events at a time", async () => {
    const { claim, partner } = await claimIn(env.t.db, w, "SUBMITTED");
    for (let i = 0; i < 2 * HISTORY_WINDOW + 10; i++) await addComment(env.t.db, partner.actor, claim.id, { body: `Comment ${i}` });
    const total = await env.t.db.claimEvent.count({ where: { claimId: claim.id } });
    const db = getDb();

    let latest: Awaited<ReturnType<typeof claimHistoryWindow>> | undefined;
    let comments: Awaited<ReturnType<typeof claimCommentsWindow>> | undefined;
    const statements = await statementsOf(async () => {
      const visible = await findVisibleClaim(db, partner.actor, claim.id);
      [comments, latest] = await Promise.all([
        claimCommentsWindow(db, visible.id, undefined),
        claimHistoryWindow(db, visible.id, null),
        conflictsOf(db, partner.actor, visible),
      ]);
    });
    // The claim with its relations, comments, the latest events, the milestones (outside the window), conflicts.
    expect(statements).toBeLessThanOrEqual(5);
    expect(latest?.items).toHaveLength(HISTORY_WINDOW);
    expect(latest?.milestones.map((m) => m.type)).toEqual(["CLAIM_CREATED", "STATUS_CHANGED"]);

    // "Show older events" window by window reaches the first event, every event exactly once, oldest first within each.
    const seen: string[] = [];
    let window = latest!;
    for (;;) {
      seen.unshift(...window.items.map((item) => item.id));
      if (!window.olderBefore) break;
      window = await claimHistoryWindow(db, claim.id, BigInt(window.olderBefore));
      expect(window.isOlderWindow).toBe(true);
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen.map(BigInt)).toEqual([...seen.map(BigInt)].sort((a, b) => (a < b ? -1 : 1)));
    expect(window.items[0].type).toBe("CLAIM_CREATED");

    // "Show earlier comments" likewise reaches the first comment, every comment once, in order.
    expect(comments?.items).toHaveLength(COMMENTS_WINDOW);
    expect(comments?.items.at(-1)?.body).toBe(`Comment ${2 * HISTORY_WINDOW + 9}`);
    const bodies: string[] = [];
    let thread = comments!;
    for (;;) {
      bodies.unshift(...thread.items.map((c) => c.body));
      if (!thread.earlierBefore) break;
      thread = await claimCommentsWindow(db, claim.id, thread.earlierBefore);
      expect(thread.isEarlierWindow).toBe(true);
    }
    expect(bodies).toEqual(Array.from({ length: 2 * HISTORY_WINDOW + 10 }, (_, i) => `Comment ${i}`));
    // A cursor of another claim (or edited by hand) shows the latest comments.
    expect((await claimCommentsWindow(db, claim.id, "not-a-cursor")).isEarlierWindow).toBe(false);
  });
});
