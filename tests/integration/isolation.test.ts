// Organization isolation (domain.md: another organization's claim answers exactly like a missing one) and the
// privacy of EDITING drafts from reviewers, through every use case and the read side.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  HOUR,
  claimIn,
  createWorld,
  expectClaimError,
  poeFile,
  snapshot,
  type BuiltClaim,
  type TestUser,
  type World,
} from "../fixtures/claims";
import { formatClaimNumber } from "../../lib/claims/claim-number";
import { CLAIM_STATUSES, type ClaimStatus } from "../../lib/claims/catalogue";
import { ClaimError } from "../../lib/claims/errors";
import type { Actor } from "../../lib/claims/lifecycle";
import { canViewClaim } from "../../lib/claims/policy";
import { listClaimDetails, statusCounts, type ClaimListFilters } from "../../lib/claims/queries";
import { listNotes } from "../../lib/claims/claim-reads";
import {
  addComment,
  addNote,
  approveClaim,
  findVisibleClaim,
  openDispute,
  recordPoeFile,
  rejectClaim,
  requestPartnerInfo,
  resolveDispute,
  resubmitClaim,
  startReview,
  submitClaim,
  takeOverClaim,
  updateClaim,
  withdrawClaim,
} from "../../lib/claims/service";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

const LIST: ClaimListFilters = { sort: "-updatedAt", page: 1, pageSize: 100 };

describe.skipIf(!pgAvailable)("organization isolation (PostgreSQL)", () => {
  let t: TestDatabase;
  let w: World;
  let a: Record<"EDITING" | "SUBMITTED" | "UNDER_REVIEW" | "PARTNER_ACTION_REQUIRED" | "APPROVED" | "REJECTED" | "DISPUTED", BuiltClaim>;
  let b: BuiltClaim[];

  beforeAll(async () => {
    t = await createTestDatabase();
    w = await createWorld(t.db);
    const targets = ["EDITING", "SUBMITTED", "UNDER_REVIEW", "PARTNER_ACTION_REQUIRED", "APPROVED", "REJECTED", "DISPUTED"] as const;
    const built = await Promise.all(targets.map((target) => claimIn(t.db, w, target)));
    a = Object.fromEntries(targets.map((target, i) => [target, built[i]])) as typeof a;
    b = await Promise.all((["EDITING", "SUBMITTED", "REJECTED"] as const).map((target) => claimIn(t.db, w, target, { org: "B" })));
  });
  afterAll(async () => {
    await t?.drop();
  });

  /** Every use case a partner or reviewer could aim at one claim, with bodies that would otherwise be valid. */
  function everyUseCase(user: TestUser, claim: BuiltClaim): [string, () => Promise<unknown>][] {
    const now = { now: new Date(claim.at.getTime() + HOUR) };
    const id = claim.claim.id;
    const version = claim.claim.version;
    return [
      ["findVisibleClaim", () => findVisibleClaim(t.db, user.actor, id)],
      ["updateClaim", () => updateClaim(t.db, user.actor, id, version, { commentary: "mine now" }, now)],
      ["recordPoeFile", () => recordPoeFile(t.db, user.actor, id, poeFile(), now)],
      ["addComment", () => addComment(t.db, user.actor, id, { body: "hello" }, now)],
      ["submitClaim", () => submitClaim(t.db, user.actor, id, {}, now)],
      ["withdrawClaim", () => withdrawClaim(t.db, user.actor, id, { comment: "withdraw" }, now)],
      ["resubmitClaim", () => resubmitClaim(t.db, user.actor, id, { comment: "resubmit" }, now)],
      ["openDispute", () => openDispute(t.db, user.actor, id, { details: "dispute" }, now)],
      ["startReview", () => startReview(t.db, user.actor, id, {}, now)],
      ["requestPartnerInfo", () => requestPartnerInfo(t.db, user.actor, id, { reasonCodes: ["MISSING_ALL_POE"], comment: "x" }, now)],
      ["approveClaim", () => approveClaim(t.db, user.actor, id, {}, now)],
      ["rejectClaim", () => rejectClaim(t.db, user.actor, id, { reason: "INSUFFICIENT_POE" }, now)],
      ["takeOverClaim", () => takeOverClaim(t.db, user.actor, id, {}, now)],
      ["addNote", () => addNote(t.db, user.actor, id, { body: "note" }, now)],
      ["listNotes", () => listNotes(t.db, user.actor, id)],
    ];
  }

  async function expectNotFoundEverywhere(user: TestUser, claim: BuiltClaim) {
    const before = await snapshot(t.db, claim.claim.id);
    const missing = await expectClaimError(findVisibleClaim(t.db, user.actor, "does-not-exist"), "NOT_FOUND");
    for (const [name, call] of everyUseCase(user, claim)) {
      const error = await expectClaimError(call(), "NOT_FOUND").catch((e: unknown) => {
        throw new Error(`${name} on a ${claim.claim.status} claim: ${(e as Error).message}`);
      });
      // the same answer as for a claim that does not exist: nothing tells them it exists
      expect(error.message, name).toBe(missing.message);
      expect(error.errors, name).toBeUndefined();
    }
    expect(await snapshot(t.db, claim.claim.id)).toEqual(before);
  }

  it("a user of organization B gets NOT_FOUND for A's claims in every status, from every use case", async () => {
    // Claims are independent and every call is refused, so the checks run side by side.
    for (const user of [w.partnerB, w.billingB]) {
      await Promise.all(Object.values(a).map((claim) => expectNotFoundEverywhere(user, claim)));
    }
  });

  it("internal notes do not exist for partners, even on their own organization's claims, in every status", async () => {
    for (const claim of Object.values(a)) {
      await addNote(t.db, w.reviewer.actor, claim.claim.id, { body: "internal" }).catch(() => undefined); // EDITING: reviewers cannot see it
      for (const user of [w.partnerA, w.billingA]) {
        const missing = await expectClaimError(listNotes(t.db, user.actor, "does-not-exist"), "NOT_FOUND");
        const error = await expectClaimError(listNotes(t.db, user.actor, claim.claim.id), "NOT_FOUND");
        expect(error.message).toBe(missing.message);
        await expectClaimError(addNote(t.db, user.actor, claim.claim.id, { body: "mine" }), "NOT_FOUND");
      }
    }
    expect(await t.db.claimNote.count({ where: { authorId: { in: [w.partnerA.id, w.billingA.id] } } })).toBe(0);
  });

  it("resolving the dispute of another organization's claim is NOT_FOUND for partner B", async () => {
    const dispute = a.DISPUTED.claim.dispute!;
    const before = await snapshot(t.db, a.DISPUTED.claim.id);
    await expectClaimError(resolveDispute(t.db, w.partnerB.actor, dispute.id, { outcome: "OVERTURN", comment: "mine" }), "NOT_FOUND");
    expect(await snapshot(t.db, a.DISPUTED.claim.id)).toEqual(before);
  });

  it("EDITING drafts are private to their organization: reviewers get NOT_FOUND from every use case", async () => {
    await expectNotFoundEverywhere(w.reviewer, a.EDITING);
    await expectNotFoundEverywhere(w.reviewer, b[0]);
    // …while a submitted claim is visible to them
    await expect(findVisibleClaim(t.db, w.reviewer.actor, a.SUBMITTED.claim.id)).resolves.toMatchObject({ id: a.SUBMITTED.claim.id });
  });

  it("customers and the system browse nothing", async () => {
    for (const actor of [{ kind: "customer" as const }, { kind: "system" as const }]) {
      await expect(findVisibleClaim(t.db, actor, a.APPROVED.claim.id)).rejects.toBeInstanceOf(ClaimError);
      expect(await listClaimDetails(t.db, actor, LIST, new Date())).toMatchObject({ items: [], total: 0 });
    }
  });

  it("listClaimDetails and statusCounts for organization B never include A's claims, whatever the filters", async () => {
    const aIds = new Set(Object.values(a).map((c) => c.claim.id));
    const bIds = b.map((c) => c.claim.id).sort();
    const now = new Date("2026-03-02T12:00:00.000Z");
    for (const user of [w.partnerB, w.billingB]) {
      const all = await listClaimDetails(t.db, user.actor, LIST, now);
      expect(all.items.map((c) => c.id).sort()).toEqual(bIds);
      expect(all.total).toBe(3);
      expect(all.items.every((c) => c.organizationId === w.orgB.id)).toBe(true);

      const counts = await statusCounts(t.db, user.actor);
      expect(counts).toEqual({ EDITING: 1, SUBMITTED: 1, UNDER_REVIEW: 0, PARTNER_ACTION_REQUIRED: 0, APPROVED: 0, REJECTED: 1 });
      expect(all.counts).toEqual(counts);

      for (const status of CLAIM_STATUSES) {
        const page = await listClaimDetails(t.db, user.actor, { ...LIST, status }, now);
        expect(page.items.filter((c) => aIds.has(c.id)), status).toEqual([]);
        expect(page.total).toBe(counts[status]);
      }
      // searching for A's claims by their exact number, tenant ID or customer name finds nothing
      const queries = Object.values(a).flatMap((c) => [formatClaimNumber(c.claim.number), c.claim.customerTenantId, c.claim.customerName]);
      const found = await Promise.all(queries.map((q) => listClaimDetails(t.db, user.actor, { ...LIST, q }, now)));
      found.forEach((result, i) => {
        expect(result.items, queries[i]).toEqual([]);
        expect(result.total, queries[i]).toBe(0);
      });
      // …while partner A finds its own claim by the same queries (the searches themselves work)
      if (user === w.partnerB) {
        const own = await Promise.all(queries.map((q) => listClaimDetails(t.db, w.partnerA.actor, { ...LIST, q }, now)));
        own.forEach((result, i) => expect(result.total, queries[i]).toBeGreaterThanOrEqual(1));
      }
      const overdue = await listClaimDetails(t.db, user.actor, { ...LIST, overdue: true }, new Date("2027-01-01T00:00:00.000Z"));
      expect(overdue.items.filter((c) => aIds.has(c.id))).toEqual([]);
    }
  });

  it("in PostgreSQL, every read agrees with the in-memory canViewClaim, for every kind of actor and every claim", async () => {
    const now = new Date("2026-03-02T12:00:00.000Z");
    const all = await t.db.claim.findMany({ select: { id: true, organizationId: true, status: true } });
    const actors: Actor[] = [
      ...[w.partnerA, w.billingA, w.partnerB, w.billingB, w.reviewer, w.reviewer2, w.admin].map((user) => user.actor),
      { kind: "user", userId: "partner-without-organization", role: "PARTNER_ADMIN", organizationId: null },
      { kind: "customer" },
      { kind: "system" },
    ];
    for (const actor of actors) {
      const visible = all.filter((claim) => canViewClaim(actor, claim));
      const listed = await listClaimDetails(t.db, actor, LIST, now);
      expect(listed.items.map((c) => c.id).sort()).toEqual(visible.map((c) => c.id).sort());
      const counts = await statusCounts(t.db, actor);
      for (const status of CLAIM_STATUSES) expect(counts[status]).toBe(visible.filter((c) => c.status === status).length);
      for (const claim of all) {
        const found = await findVisibleClaim(t.db, actor, claim.id).then(
          () => true,
          (error: unknown) => (error instanceof ClaimError && error.code === "NOT_FOUND" ? false : Promise.reject(error)),
        );
        expect(found).toBe(canViewClaim(actor, claim));
      }
    }
  });

  it("partner A sees exactly A's claims; reviewers see every claim but drafts; admins see all", async () => {
    const now = new Date("2026-03-02T12:00:00.000Z");
    const aList = await listClaimDetails(t.db, w.partnerA.actor, LIST, now);
    expect(aList.items.map((c) => c.id).sort()).toEqual(Object.values(a).map((c) => c.claim.id).sort());

    const reviewerList = await listClaimDetails(t.db, w.reviewer.actor, LIST, now);
    expect(reviewerList.items.some((c) => c.status === "EDITING")).toBe(false);
    expect(reviewerList.total).toBe(Object.keys(a).length - 1 + b.length - 1);
    expect(reviewerList.counts.EDITING).toBe(0);
    const reviewerCounts = await statusCounts(t.db, w.reviewer.actor);
    expect(reviewerCounts).toEqual(reviewerList.counts);
    expect(
      (await listClaimDetails(t.db, w.reviewer.actor, { ...LIST, q: formatClaimNumber(a.EDITING.claim.number) }, now)).items,
    ).toEqual([]);

    const adminList = await listClaimDetails(t.db, w.admin.actor, LIST, now);
    expect(adminList.total).toBe(Object.keys(a).length + b.length);
    const expected: Record<ClaimStatus, number> = { EDITING: 2, SUBMITTED: 2, UNDER_REVIEW: 1, PARTNER_ACTION_REQUIRED: 1, APPROVED: 1, REJECTED: 3 };
    expect(await statusCounts(t.db, w.admin.actor)).toEqual(expected);
  });
});
