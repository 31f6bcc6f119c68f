// Reviewer workbench (issue 11) against real PostgreSQL: the holder rule and take-over (service and API),
// internal notes that no partner route ever shows, and the review queue's assignee views.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOUR, at, claimIn, createUser, createWorld, eventsOf, expectClaimError, snapshot, type World } from "../fixtures/claims";
import { formatClaimNumber } from "../../lib/claims/claim-number";
import {
  addNote,
  approveClaim,
  rejectClaim,
  requestPartnerInfo,
  resolveDispute,
  startReview,
  takeOverClaim,
} from "../../lib/claims/service";
import { call, expectProblem, keyFor, startApiTestEnv, stopApiTestEnv, type ApiTestEnv } from "./api-helpers";
import { pgAvailable } from "./test-db";

describe.skipIf(!pgAvailable)("reviewer workbench (PostgreSQL)", () => {
  let env: ApiTestEnv;
  let w: World;
  const key = {} as Record<"partnerA" | "billingA" | "partnerB" | "reviewer" | "reviewer2" | "admin", string>;

  beforeAll(async () => {
    env = await startApiTestEnv();
    w = await createWorld(env.t.db);
    for (const name of Object.keys({ partnerA: 0, billingA: 0, partnerB: 0, reviewer: 0, reviewer2: 0, admin: 0 }) as (keyof typeof key)[]) {
      key[name] = await keyFor(env.t.db, w[name].email);
    }
  });
  afterAll(async () => {
    await stopApiTestEnv(env);
  });

  describe("the holder rule", () => {
    it("refuses request-info, approve and reject by a reviewer who does not hold the claim (403), changing nothing", async () => {
      const db = env.t.db;
      const { claim, at: t0 } = await claimIn(db, w, "UNDER_REVIEW"); // held by w.reviewer
      const now = { now: at(t0, HOUR) };
      const before = await snapshot(db, claim.id);
      await expectClaimError(requestPartnerInfo(db, w.reviewer2.actor, claim.id, { reasonCodes: ["MISSING_ALL_POE"], comment: "x" }, now), "FORBIDDEN");
      await expectClaimError(approveClaim(db, w.reviewer2.actor, claim.id, {}, now), "FORBIDDEN");
      await expectClaimError(rejectClaim(db, w.reviewer2.actor, claim.id, { reason: "INSUFFICIENT_POE" }, now), "FORBIDDEN");
      expect(await snapshot(db, claim.id)).toEqual(before);
      for (const action of ["request-info", "approve", "reject"]) {
        const result = await call("POST", `/claims/${claim.id}/actions/${action}`, {
          key: key.reviewer2,
          json: { reasonCodes: ["MISSING_ALL_POE"], comment: "x", reason: "INSUFFICIENT_POE" },
        });
        expectProblem(result, 403, "FORBIDDEN");
      }
      expect(await snapshot(db, claim.id)).toEqual(before);
    });

    it("answers 403 for the holder rule before a bad body (role before body)", async () => {
      const { claim } = await claimIn(env.t.db, w, "UNDER_REVIEW");
      expectProblem(await call("POST", `/claims/${claim.id}/actions/reject`, { key: key.reviewer2, json: { reason: "NOPE" } }), 403, "FORBIDDEN");
      expectProblem(await call("POST", `/claims/${claim.id}/actions/reject`, { key: key.reviewer, json: { reason: "NOPE" } }), 422, "VALIDATION");
    });

    it("lets any reviewer resolve a dispute", async () => {
      const { claim } = await claimIn(env.t.db, w, "DISPUTED");
      const dispute = await resolveDispute(env.t.db, w.reviewer2.actor, claim.dispute!.id, { outcome: "UPHOLD", comment: "The rejection stands." });
      expect(dispute.status).toBe("UPHELD");
    });
  });

  describe("take-over", () => {
    it("moves an UNDER_REVIEW claim to the caller: same status and deadline, version + 1, history from → to; the old holder can no longer decide", async () => {
      const db = env.t.db;
      const { claim, at: t0 } = await claimIn(db, w, "UNDER_REVIEW");
      const result = await call("POST", `/claims/${claim.id}/actions/take-over`, { key: key.reviewer2, json: { version: claim.version } });
      expect(result.status, result.text).toBe(200);
      expect(result.body).toMatchObject({
        status: "UNDER_REVIEW",
        version: claim.version + 1,
        dueAt: claim.dueAt!.toISOString(),
        assignedReviewer: { id: w.reviewer2.id, name: w.reviewer2.name },
      });
      const taken = (await eventsOf(db, claim.id)).filter((e) => e.type === "CLAIM_TAKEN_OVER");
      expect(taken).toHaveLength(1);
      expect(taken[0]).toMatchObject({
        actorId: w.reviewer2.id,
        data: { from: { id: w.reviewer.id, name: w.reviewer.name }, to: { id: w.reviewer2.id, name: w.reviewer2.name } },
      });
      // The previous holder is told (in-app, and by email through the outbox); the new holder is not.
      const told = await db.notification.findMany({ where: { claimId: claim.id, type: "CLAIM_TAKEN_OVER" } });
      expect(told.map((n) => n.userId)).toEqual([w.reviewer.id]);
      expect(await db.outboxMessage.count({ where: { recipientUserId: w.reviewer.id, kind: "CLAIM_TAKEN_OVER" } })).toBe(1);
      const history = await call("GET", `/claims/${claim.id}/history`, { key: key.partnerA });
      expect(history.body.items.map((i: { type: string }) => i.type)).toContain("CLAIM_TAKEN_OVER");
      await expectClaimError(approveClaim(db, w.reviewer.actor, claim.id, {}, { now: at(t0, HOUR) }), "FORBIDDEN");
      const approved = await approveClaim(db, w.reviewer2.actor, claim.id, {}, { now: at(t0, HOUR) });
      expect(approved.status).toBe("APPROVED");
    });

    it("only assigns a SUBMITTED claim, and the new holder may still start the review", async () => {
      const db = env.t.db;
      const { claim, at: t0 } = await claimIn(db, w, "SUBMITTED");
      const taken = await takeOverClaim(db, w.reviewer2.actor, claim.id, {});
      expect(taken).toMatchObject({ status: "SUBMITTED", reviewerId: w.reviewer2.id, version: claim.version + 1, dueAt: claim.dueAt });
      expect(await db.notification.count({ where: { claimId: claim.id, type: "CLAIM_TAKEN_OVER" } })).toBe(0);
      expect((await eventsOf(db, claim.id)).find((e) => e.type === "CLAIM_TAKEN_OVER")?.data).toEqual({
        from: null,
        to: { id: w.reviewer2.id, name: w.reviewer2.name },
      });
      const started = await startReview(db, w.reviewer2.actor, claim.id, {}, { now: at(t0, HOUR) });
      expect(started).toMatchObject({ status: "UNDER_REVIEW", reviewerId: w.reviewer2.id });
    });

    it("by the holder changes nothing: 200, same version, no event", async () => {
      const db = env.t.db;
      const { claim } = await claimIn(db, w, "UNDER_REVIEW");
      const before = await snapshot(db, claim.id);
      const result = await call("POST", `/claims/${claim.id}/actions/take-over`, { key: key.reviewer, json: {} });
      expect(result.status, result.text).toBe(200);
      expect(result.body.version).toBe(claim.version);
      expect(await snapshot(db, claim.id)).toEqual(before);
    });

    it("is INVALID_TRANSITION outside SUBMITTED and UNDER_REVIEW, FORBIDDEN for partners and admins, CONFLICT on a stale version", async () => {
      const db = env.t.db;
      for (const target of ["PARTNER_ACTION_REQUIRED", "APPROVED", "REJECTED"] as const) {
        const { claim } = await claimIn(db, w, target);
        expectProblem(await call("POST", `/claims/${claim.id}/actions/take-over`, { key: key.reviewer2, json: {} }), 409, "INVALID_TRANSITION");
      }
      const { claim } = await claimIn(db, w, "UNDER_REVIEW");
      expectProblem(await call("POST", `/claims/${claim.id}/actions/take-over`, { key: key.partnerA, json: {} }), 403, "FORBIDDEN");
      expectProblem(await call("POST", `/claims/${claim.id}/actions/take-over`, { key: key.admin, json: {} }), 403, "FORBIDDEN");
      expectProblem(await call("POST", `/claims/${claim.id}/actions/take-over`, { key: key.partnerB, json: {} }), 404, "NOT_FOUND");
      expectProblem(
        await call("POST", `/claims/${claim.id}/actions/take-over`, { key: key.reviewer2, json: { version: claim.version - 1 } }),
        409,
        "CONFLICT",
      );
    });
  });

  describe("internal notes", () => {
    it("reviewers write, reviewers and admins read; partners get 404 on every note route, even on their own claim", async () => {
      const db = env.t.db;
      const { claim } = await claimIn(db, w, "UNDER_REVIEW");
      const written = await call("POST", `/claims/${claim.id}/notes`, { key: key.reviewer, json: { body: "Called the customer: the SOW is genuine." } });
      expect(written.status, written.text).toBe(201);
      expect(written.body).toMatchObject({ body: "Called the customer: the SOW is genuine.", author: { id: w.reviewer.id, name: w.reviewer.name } });
      for (const reader of [key.reviewer, key.reviewer2, key.admin]) {
        const read = await call("GET", `/claims/${claim.id}/notes`, { key: reader });
        expect(read.status).toBe(200);
        expect(read.body.items.map((n: { body: string }) => n.body)).toEqual(["Called the customer: the SOW is genuine."]);
      }
      expectProblem(await call("POST", `/claims/${claim.id}/notes`, { key: key.admin, json: { body: "Admin note" } }), 403, "FORBIDDEN");
      expectProblem(await call("POST", `/claims/${claim.id}/notes`, { key: key.reviewer, json: { body: "  " } }), 422, "VALIDATION");
      const missing = await call("GET", `/claims/does-not-exist/notes`, { key: key.partnerA });
      for (const partner of [key.partnerA, key.billingA, key.partnerB]) {
        const read = expectProblem(await call("GET", `/claims/${claim.id}/notes`, { key: partner }), 404, "NOT_FOUND");
        expect(read.detail).toBe(missing.body.detail);
        expectProblem(await call("POST", `/claims/${claim.id}/notes`, { key: partner, json: { body: "Let me in" } }), 404, "NOT_FOUND");
      }
      await expectClaimError(addNote(db, w.partnerA.actor, claim.id, { body: "x" }), "NOT_FOUND");
      expect(await db.claimNote.count({ where: { claimId: claim.id } })).toBe(1);
    });

    it("never reach partners through the claim, its history, comments, the list or the export; a note notifies nobody and bumps no version", async () => {
      const db = env.t.db;
      const { claim } = await claimIn(db, w, "UNDER_REVIEW");
      const secret = `internal-${Math.random().toString(36).slice(2)}`;
      const outboxBefore = await db.outboxMessage.count();
      await addNote(db, w.reviewer.actor, claim.id, { body: `Suspicious PoE ${secret}` });
      expect((await db.claim.findUniqueOrThrow({ where: { id: claim.id } })).version).toBe(claim.version);
      expect(await db.outboxMessage.count()).toBe(outboxBefore);
      const number = formatClaimNumber(claim.number);
      for (const reader of [key.partnerA, key.billingA]) {
        const routes = [
          `/claims/${claim.id}`,
          `/claims/${claim.id}/history`,
          `/claims/${claim.id}/comments`,
          `/claims?q=${number}`,
          `/claims/export.csv?q=${number}`,
        ];
        for (const path of routes) {
          const result = await call("GET", path, { key: reader });
          expect(result.status, path).toBe(200);
          expect(result.text, path).not.toContain(secret);
        }
      }
      // …the same routes as a reviewer do not carry notes either: notes live on their own route only.
      const reviewerClaim = await call("GET", `/claims/${claim.id}/history`, { key: key.reviewer });
      expect(reviewerClaim.text).not.toContain(secret);
    });
  });

  describe("the review queue's assignee views", () => {
    it("assignee=me lists the caller's claims, none the unassigned ones, overdue first then by deadline", async () => {
      const { listClaimsPage } = await import("../../lib/claims/list-page");
      const db = env.t.db;
      const queueReviewer = await createUser(db, "REVIEWER", null, "queue-reviewer");
      const start = new Date("2026-04-06T09:00:00.000Z");
      const mineLate = await claimIn(db, w, "SUBMITTED", { start });
      const mineSoon = await claimIn(db, w, "SUBMITTED", { start: at(start, 24 * HOUR) });
      await takeOverClaim(db, queueReviewer.actor, mineSoon.claim.id, {});
      await takeOverClaim(db, queueReviewer.actor, mineLate.claim.id, {});
      const unassigned = await claimIn(db, w, "SUBMITTED", { start });
      const now = new Date("2026-05-01T00:00:00.000Z"); // both deadlines passed
      const base = { sort: "dueAt" as const, page: 1, pageSize: 100 };
      const mine = await listClaimsPage(db, queueReviewer.actor, { ...base, assignee: "me" }, now);
      expect(mine.items.map((c) => c.id)).toEqual([mineLate.claim.id, mineSoon.claim.id]);
      const none = await listClaimsPage(db, queueReviewer.actor, { ...base, assignee: "none" }, now);
      expect(none.items.map((c) => c.id)).toContain(unassigned.claim.id);
      expect(none.items.every((c) => c.reviewerId === null)).toBe(true);
      // Partners cannot use the assignee filter to learn anything: it is ignored for them.
      const partner = await listClaimsPage(db, w.partnerA.actor, { ...base, assignee: "none" }, now);
      expect(partner.items.some((c) => c.reviewerId !== null)).toBe(true);
    });

    it("a search by claim number finds the claim in any status, whatever the status tab", async () => {
      const { listClaimsPage } = await import("../../lib/claims/list-page");
      const { listFiltersFromSearchParams } = await import("../../lib/claims/list-params");
      const { claim } = await claimIn(env.t.db, w, "UNDER_REVIEW");
      const queue = { status: "SUBMITTED" as const, sort: "dueAt" as const };
      for (const q of [formatClaimNumber(claim.number), claim.customerTenantId]) {
        // the queue opens on SUBMITTED (and the URL may even name that tab): the claim under review is still found
        for (const params of [{ q }, { q, status: "SUBMITTED" }]) {
          const filters = listFiltersFromSearchParams(params, queue);
          const found = await listClaimsPage(env.t.db, w.reviewer2.actor, filters, new Date());
          expect(found.items.map((c) => c.id), q).toEqual([claim.id]);
        }
      }
      // a name search stays within the tab
      const byName = listFiltersFromSearchParams({ q: claim.customerName }, queue);
      expect(byName.status).toBe("SUBMITTED");
    });
  });
});
