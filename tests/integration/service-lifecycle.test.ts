// Every use case against real PostgreSQL: the claim row changes AND its history events are written, in one
// transaction (a failure after the update leaves neither); the resubmit guard and the paused review clock;
// customer consent (hashed single-use token, outbox notice, deny within the window) and disputes (once, within
// 30 calendar days, uphold / overturn once).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DAY,
  HOUR,
  MINUTE,
  MONDAY,
  at,
  claimDraft,
  claimIn,
  consentTokenOf,
  createWorld,
  customerContact,
  endOfUtcDay,
  eventsOf,
  expectClaimError,
  expectStatusCountsConsistent,
  poeFile,
  snapshot,
  type World,
} from "../fixtures/claims";
import { formatClaimNumber } from "../../lib/claims/claim-number";
import { claimResource } from "../../lib/claims/resource";
import { openSecret } from "../../lib/mail/secret-box";
import {
  addComment,
  approveClaim,
  createClaim,
  denyConsent,
  hashConsentToken,
  openDispute,
  recordPoeFile,
  rejectClaim,
  requestPartnerInfo,
  resolveDispute,
  resubmitClaim,
  startReview,
  submitClaim,
  updateClaim,
  withdrawClaim,
} from "../../lib/claims/service";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

const THIRTY_DAYS = 30 * DAY;

describe.skipIf(!pgAvailable)("claim lifecycle use cases (PostgreSQL)", () => {
  let t: TestDatabase;
  let w: World;

  beforeAll(async () => {
    t = await createTestDatabase();
    w = await createWorld(t.db);
  });
  afterAll(async () => {
    if (t) await expectStatusCountsConsistent(t.db);
    await t?.drop();
  });

  describe("each use case changes the claim and writes its events", () => {
    it("walks one claim from EDITING to APPROVED with dueAt in business days and version + 1 per change", async () => {
      const { db } = t;
      const partner = w.partnerA;

      // create: EDITING, version 0, CLAIM_CREATED with the values
      const draft = claimDraft(w.orgA.mpnIds[0]);
      let claim = await createClaim(db, partner.actor, draft, { now: MONDAY });
      expect(claim).toMatchObject({ status: "EDITING", version: 0, organizationId: w.orgA.id, createdById: partner.id, dueAt: null });
      expect(claim.createdAt).toEqual(MONDAY);
      expect(claim.products.map((p) => p.name)).toEqual(["TEAMS", "EXCHANGE"]);
      let events = await eventsOf(db, claim.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: "CLAIM_CREATED",
        actorId: partner.id,
        actorRole: "PARTNER_ADMIN",
        actorName: partner.name,
        fromStatus: null,
        toStatus: "EDITING",
        at: MONDAY,
      });
      expect(events[0].data).toMatchObject({ number: formatClaimNumber(claim.number), values: { mpnId: draft.mpnId, products: draft.products } });

      // submit without PoE: VALIDATION listing what is missing, nothing changed
      const before = await snapshot(db, claim.id);
      const missing = await expectClaimError(submitClaim(db, partner.actor, claim.id, {}, { now: at(MONDAY, MINUTE) }), "VALIDATION");
      expect(missing.errors?.map((e) => e.path)).toEqual(["poe"]);
      expect(await snapshot(db, claim.id)).toEqual(before);

      // PoE: version + 1, POE_UPLOADED
      const file = poeFile("sow.pdf");
      const poe = await recordPoeFile(db, partner.actor, claim.id, file, { now: at(MONDAY, 2 * MINUTE) });
      events = await eventsOf(db, claim.id);
      expect(events.at(-1)).toMatchObject({ type: "POE_UPLOADED", actorRole: "PARTNER_ADMIN", actorId: partner.id });
      expect(events.at(-1)!.data).toEqual({ poeId: poe.id, fileName: "sow.pdf", size: file.size, sha256: file.sha256 });
      expect((await db.claim.findUniqueOrThrow({ where: { id: claim.id } })).version).toBe(1);

      // submit (Monday 09:03): due at the end of the 5th business day after Monday = next Monday
      const submittedAt = at(MONDAY, 3 * MINUTE);
      claim = await submitClaim(db, partner.actor, claim.id, { version: 1 }, { now: submittedAt });
      expect(claim).toMatchObject({ status: "SUBMITTED", version: 2, submittedAt, updatedAt: submittedAt, overdue: false });
      expect(claim.dueAt).toEqual(endOfUtcDay("2026-03-09"));
      events = await eventsOf(db, claim.id);
      expect(events).toHaveLength(3);
      expect(events[2]).toMatchObject({
        type: "STATUS_CHANGED",
        actorRole: "PARTNER_ADMIN",
        fromStatus: "EDITING",
        toStatus: "SUBMITTED",
        at: submittedAt,
        data: { action: "submit", fromStatus: "EDITING", toStatus: "SUBMITTED" },
      });

      // start review (Tuesday): assigned to the reviewer, due the following Tuesday
      const reviewAt = new Date("2026-03-03T10:00:00.000Z");
      claim = await startReview(db, w.reviewer.actor, claim.id, {}, { now: reviewAt });
      expect(claim).toMatchObject({ status: "UNDER_REVIEW", version: 3, reviewerId: w.reviewer.id, reviewStartedAt: reviewAt });
      expect(claim.dueAt).toEqual(endOfUtcDay("2026-03-10"));
      events = await eventsOf(db, claim.id);
      expect(events.slice(3).map((e) => [e.type, e.actorRole, e.fromStatus, e.toStatus])).toEqual([
        ["STATUS_CHANGED", "REVIEWER", "SUBMITTED", "UNDER_REVIEW"],
        ["REVIEWER_ASSIGNED", "REVIEWER", null, null],
      ]);
      expect(events[4].data).toEqual({ reviewerId: w.reviewer.id });

      // request info (Thursday): 3 business days left on the review (Fri, Mon, Tue) are kept; the partner
      // has 5 business days (until Thursday next week); the comment is posted to the thread.
      const requestAt = new Date("2026-03-05T10:00:00.000Z");
      claim = await requestPartnerInfo(
        db,
        w.reviewer.actor,
        claim.id,
        { reasonCodes: ["MISSING_ALL_POE", "MISSING_PRODUCTS"], comment: "Upload the signed SOW." },
        { now: requestAt },
      );
      expect(claim).toMatchObject({
        status: "PARTNER_ACTION_REQUIRED",
        version: 4,
        reasonCodes: ["MISSING_ALL_POE", "MISSING_PRODUCTS"],
        infoRequestedAt: requestAt,
        reviewDaysRemaining: 3,
      });
      expect(claim.dueAt).toEqual(endOfUtcDay("2026-03-12"));
      events = await eventsOf(db, claim.id);
      expect(events.slice(5).map((e) => [e.type, e.actorRole])).toEqual([
        ["STATUS_CHANGED", "REVIEWER"],
        ["COMMENT_ADDED", "REVIEWER"],
      ]);
      expect(events[5].data).toMatchObject({
        action: "request-info",
        fromStatus: "UNDER_REVIEW",
        toStatus: "PARTNER_ACTION_REQUIRED",
        reasonCodes: ["MISSING_ALL_POE", "MISSING_PRODUCTS"],
        comment: "Upload the signed SOW.",
      });
      const comments = await db.comment.findMany({ where: { claimId: claim.id } });
      expect(comments).toMatchObject([{ authorId: w.reviewer.id, authorRole: "REVIEWER", body: "Upload the signed SOW." }]);
      expect(events[6].data).toEqual({ commentId: comments[0].id, body: "Upload the signed SOW." });

      // resubmit (next Monday) with a comment: back to review with the 3 days left (Tue, Wed, Thu)
      const resubmitAt = new Date("2026-03-09T10:00:00.000Z");
      claim = await resubmitClaim(db, partner.actor, claim.id, { comment: "Uploaded the SOW." }, { now: resubmitAt });
      expect(claim).toMatchObject({
        status: "UNDER_REVIEW",
        version: 5,
        reasonCodes: [],
        reviewDaysRemaining: null,
        partnerActionSeconds: 4 * 24 * 3600,
      });
      expect(claim.dueAt).toEqual(endOfUtcDay("2026-03-12"));
      events = await eventsOf(db, claim.id);
      const statusChanges = events.filter((e) => e.type === "STATUS_CHANGED");
      expect(statusChanges.at(-1)).toMatchObject({ actorRole: "PARTNER_ADMIN", fromStatus: "PARTNER_ACTION_REQUIRED", toStatus: "UNDER_REVIEW" });
      expect(events.filter((e) => e.type === "COMMENT_ADDED").at(-1)).toMatchObject({ actorRole: "PARTNER_ADMIN", data: { body: "Uploaded the SOW." } });

      // approve (Wednesday 15:00): consent window = 7 calendar days, dueAt = its end
      const approveAt = new Date("2026-03-11T15:00:00.000Z");
      const approved = await approveClaim(db, w.reviewer.actor, claim.id, { version: 5 }, { now: approveAt });
      expect(approved).toMatchObject({ status: "APPROVED", version: 6, approvedAt: approveAt, decidedAt: approveAt, overdue: false });
      expect(approved.consentEndsAt).toEqual(endOfUtcDay("2026-03-18"));
      expect(approved.dueAt).toEqual(endOfUtcDay("2026-03-18"));
      expect(approved).not.toHaveProperty("consentToken");
      const rawToken = await consentTokenOf(db, claim.id);
      expect(rawToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      events = await eventsOf(db, claim.id);
      const last = events.slice(-2);
      expect(last.map((e) => [e.type, e.actorRole, e.fromStatus, e.toStatus])).toEqual([
        ["STATUS_CHANGED", "REVIEWER", "UNDER_REVIEW", "APPROVED"],
        ["CONSENT_REQUESTED", "REVIEWER", null, null],
      ]);
      expect(last[1].data).toEqual({ consentEndsAt: "2026-03-18T23:59:59.999Z" });
      const token = await db.consentToken.findFirstOrThrow({ where: { claimId: claim.id } });
      expect(token.tokenHash).toBe(hashConsentToken(rawToken));
      expect(token.expiresAt).toEqual(endOfUtcDay("2026-03-18"));

      await expectStatusCountsConsistent(db);
    });

    it("reject: REJECTED with the reason, decidedAt/rejectedAt, no deadline; the comment is posted", async () => {
      const { claim } = await claimIn(t.db, w, "UNDER_REVIEW");
      const now = at(MONDAY, 5 * HOUR);
      const rejected = await rejectClaim(t.db, w.reviewer.actor, claim.id, { reason: "MISSING_PRODUCTS", comment: "No licences." }, { now });
      expect(rejected).toMatchObject({
        status: "REJECTED",
        version: claim.version + 1,
        rejectionReason: "MISSING_PRODUCTS",
        rejectionComment: "No licences.",
        rejectedAt: now,
        decidedAt: now,
        dueAt: null,
      });
      const events = (await eventsOf(t.db, claim.id)).slice(-2);
      expect(events.map((e) => [e.type, e.actorRole, e.fromStatus, e.toStatus])).toEqual([
        ["STATUS_CHANGED", "REVIEWER", "UNDER_REVIEW", "REJECTED"],
        ["COMMENT_ADDED", "REVIEWER", null, null],
      ]);
      expect(events[0].data).toEqual({
        action: "reject",
        fromStatus: "UNDER_REVIEW",
        toStatus: "REJECTED",
        rejectionReason: "MISSING_PRODUCTS",
        comment: "No licences.",
      });
    });

    it("reject refuses the reasons only the partner, the customer or the system produce (VALIDATION, nothing changes)", async () => {
      const { claim } = await claimIn(t.db, w, "UNDER_REVIEW");
      const before = await snapshot(t.db, claim.id);
      for (const reason of ["PARTNER_REQUEST", "CUSTOMER_DECLINE", "NO_PARTNER_RESPONSE"]) {
        await expectClaimError(rejectClaim(t.db, w.reviewer.actor, claim.id, { reason }), "VALIDATION");
      }
      expect(await snapshot(t.db, claim.id)).toEqual(before);
    });

    it("withdraw: REJECTED with PARTNER_REQUEST and the partner's reason, by a billing admin too", async () => {
      const { claim } = await claimIn(t.db, w, "SUBMITTED");
      const now = at(MONDAY, 6 * HOUR);
      const withdrawn = await withdrawClaim(t.db, w.billingA.actor, claim.id, { comment: "No longer working with the customer" }, { now });
      expect(withdrawn).toMatchObject({
        status: "REJECTED",
        version: claim.version + 1,
        rejectionReason: "PARTNER_REQUEST",
        rejectionComment: "No longer working with the customer",
        rejectedAt: now,
        dueAt: null,
      });
      const events = (await eventsOf(t.db, claim.id)).slice(-2);
      expect(events.map((e) => [e.type, e.actorRole, e.fromStatus, e.toStatus])).toEqual([
        ["STATUS_CHANGED", "PARTNER_BILLING", "SUBMITTED", "REJECTED"],
        ["COMMENT_ADDED", "PARTNER_BILLING", null, null],
      ]);
      expect(events[0].data).toMatchObject({ action: "withdraw", rejectionReason: "PARTNER_REQUEST" });
    });

    it("withdraw with a reason code: stored on the claim and in the history; the comment stays the partner's own text", async () => {
      const coded = await claimIn(t.db, w, "SUBMITTED");
      const now = at(coded.at, HOUR);
      const withdrawn = await withdrawClaim(
        t.db,
        w.partnerA.actor,
        coded.claim.id,
        { withdrawReason: "WRONG_MPN_ID", comment: "Should have been the branch location." },
        { now },
      );
      expect(withdrawn).toMatchObject({ withdrawReason: "WRONG_MPN_ID", rejectionComment: "Should have been the branch location." });
      expect(claimResource(withdrawn, now)).toMatchObject({ withdrawReason: "WRONG_MPN_ID", rejectionComment: "Should have been the branch location." });
      const [changed] = (await eventsOf(t.db, coded.claim.id)).filter((e) => e.type === "STATUS_CHANGED" && e.toStatus === "REJECTED");
      expect(changed.data).toMatchObject({ action: "withdraw", rejectionReason: "PARTNER_REQUEST", withdrawReason: "WRONG_MPN_ID" });

      // The partner's words stay required beside a code (the contract); an unknown code is refused.
      const other = await claimIn(t.db, w, "SUBMITTED");
      const before = await snapshot(t.db, other.claim.id);
      await expectClaimError(withdrawClaim(t.db, w.partnerA.actor, other.claim.id, { withdrawReason: "WRONG_MPN_ID" }, { now }), "VALIDATION");
      await expectClaimError(withdrawClaim(t.db, w.partnerA.actor, other.claim.id, { withdrawReason: "Wrong MPN", comment: "x" }, { now }), "VALIDATION");
      expect(await snapshot(t.db, other.claim.id)).toEqual(before);
      // A claim rejected otherwise has no withdraw reason.
      expect(claimResource(other.claim, now).withdrawReason).toBeNull();
    });

    it("submit and start-review post their comment to the claim's comments and the status change's history", async () => {
      const { claim, at: t0 } = await claimIn(t.db, w, "EDITING");
      await recordPoeFile(t.db, w.partnerA.actor, claim.id, poeFile(), { now: at(t0, MINUTE) });
      await submitClaim(t.db, w.partnerA.actor, claim.id, { comment: "Ready for review." }, { now: at(t0, 2 * MINUTE) });
      await startReview(t.db, w.reviewer.actor, claim.id, { comment: "Looking at it today." }, { now: at(t0, HOUR) });
      const comments = await t.db.comment.findMany({ where: { claimId: claim.id }, orderBy: { createdAt: "asc" } });
      expect(comments.map((c) => [c.authorId, c.body])).toEqual([
        [w.partnerA.id, "Ready for review."],
        [w.reviewer.id, "Looking at it today."],
      ]);
      const changes = (await eventsOf(t.db, claim.id)).filter((e) => e.type === "STATUS_CHANGED");
      expect(changes.map((e) => (e.data as { comment?: string }).comment)).toEqual(["Ready for review.", "Looking at it today."]);
    });

    it("a comment changes no version, writes COMMENT_ADDED and records the partner's response time", async () => {
      const { claim } = await claimIn(t.db, w, "UNDER_REVIEW");
      const now = at(MONDAY, 7 * HOUR);
      const comment = await addComment(t.db, w.partnerA.actor, claim.id, { body: "<b>not html</b>" }, { now });
      expect(comment).toMatchObject({ authorId: w.partnerA.id, authorRole: "PARTNER_ADMIN", body: "<b>not html</b>" });
      const row = await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } });
      expect(row).toMatchObject({ version: claim.version, updatedAt: now, partnerRespondedAt: now });
      expect((await eventsOf(t.db, claim.id)).at(-1)).toMatchObject({
        type: "COMMENT_ADDED",
        actorRole: "PARTNER_ADMIN",
        data: { commentId: comment.id, body: "<b>not html</b>" },
      });
      // a reviewer's comment is not a partner response
      const later = at(now, HOUR);
      await addComment(t.db, w.reviewer.actor, claim.id, { body: "Thanks" }, { now: later });
      expect((await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } })).partnerRespondedAt).toEqual(now);
    });

    it("refuses every other (status, action) pair with INVALID_TRANSITION, and the wrong role with FORBIDDEN, changing nothing", async () => {
      const submitted = (await claimIn(t.db, w, "SUBMITTED")).claim;
      const approved = (await claimIn(t.db, w, "APPROVED")).claim;
      const before = [await snapshot(t.db, submitted.id), await snapshot(t.db, approved.id)];
      await expectClaimError(approveClaim(t.db, w.reviewer.actor, submitted.id), "INVALID_TRANSITION");
      await expectClaimError(rejectClaim(t.db, w.reviewer.actor, submitted.id, { reason: "INSUFFICIENT_POE" }), "INVALID_TRANSITION");
      await expectClaimError(submitClaim(t.db, w.partnerA.actor, submitted.id), "INVALID_TRANSITION");
      await expectClaimError(resubmitClaim(t.db, w.partnerA.actor, submitted.id, { comment: "hello" }), "INVALID_TRANSITION");
      await expectClaimError(startReview(t.db, w.reviewer.actor, approved.id), "INVALID_TRANSITION");
      await expectClaimError(openDispute(t.db, w.partnerA.actor, approved.id, { details: "x" }), "INVALID_TRANSITION");
      await expectClaimError(approveClaim(t.db, w.admin.actor, submitted.id), "FORBIDDEN");
      await expectClaimError(approveClaim(t.db, w.partnerA.actor, submitted.id), "FORBIDDEN");
      await expectClaimError(startReview(t.db, w.partnerA.actor, submitted.id), "FORBIDDEN");
      await expectClaimError(withdrawClaim(t.db, w.reviewer.actor, submitted.id, { comment: "x" }), "FORBIDDEN");
      // api-v1 order: role (403) before body (422) before version (409) before status (409 INVALID_TRANSITION)
      await expectClaimError(approveClaim(t.db, w.partnerA.actor, submitted.id, { version: -1 }), "FORBIDDEN");
      await expectClaimError(requestPartnerInfo(t.db, w.reviewer.actor, submitted.id, { reasonCodes: [] }), "VALIDATION");
      await expectClaimError(approveClaim(t.db, w.reviewer.actor, submitted.id, { version: 0 }), "CONFLICT");
      expect([await snapshot(t.db, submitted.id), await snapshot(t.db, approved.id)]).toEqual(before);
    });

    it("submit and start-review ignore fields their bodies do not have: stray reason codes are neither stored nor put in the history", async () => {
      const { claim, at: t0 } = await claimIn(t.db, w, "EDITING");
      await recordPoeFile(t.db, w.partnerA.actor, claim.id, poeFile(), { now: at(t0, MINUTE) });
      await submitClaim(t.db, w.partnerA.actor, claim.id, { reasonCodes: ["MISSING_ALL_POE"] }, { now: at(t0, 2 * MINUTE) });
      const reviewing = await startReview(t.db, w.reviewer.actor, claim.id, { reasonCodes: ["MISSING_PRODUCTS"] }, { now: at(t0, HOUR) });
      expect(reviewing.reasonCodes).toEqual([]);
      const events = await eventsOf(t.db, claim.id);
      for (const event of events.filter((e) => e.type === "STATUS_CHANGED")) expect(event.data).not.toHaveProperty("reasonCodes");
      expect(await t.db.comment.count({ where: { claimId: claim.id } })).toBe(0);
    });

    it("computes deadlines from the stored settings: holidays and the weekend are not business days", async () => {
      await t.db.holiday.create({ data: { date: "2026-03-16", name: "Test holiday" } });
      try {
        const friday = new Date("2026-03-13T16:00:00.000Z");
        const { claim } = await claimIn(t.db, w, "SUBMITTED", { start: at(friday, -2 * MINUTE) });
        // Friday's own day never counts; Sat/Sun are skipped; Monday 16th is a holiday: Tue, Wed, Thu, Fri, Mon 23rd
        expect(claim.dueAt).toEqual(endOfUtcDay("2026-03-23"));
      } finally {
        await t.db.holiday.delete({ where: { date: "2026-03-16" } });
      }
    });
  });

  describe("resubmit guard and the paused review clock", () => {
    it("refuses a resubmit with no partner change or comment since the request (VALIDATION, nothing changes)", async () => {
      const { claim, at: requested } = await claimIn(t.db, w, "PARTNER_ACTION_REQUIRED");
      // a reviewer's comment after the request is not a partner response
      await addComment(t.db, w.reviewer.actor, claim.id, { body: "Reminder: the SOW please." }, { now: at(requested, MINUTE) });
      const before = await snapshot(t.db, claim.id);
      const error = await expectClaimError(resubmitClaim(t.db, w.partnerA.actor, claim.id, {}, { now: at(requested, HOUR) }), "VALIDATION");
      expect(error.errors?.map((e) => e.path)).toEqual(["comment"]);
      // a blank comment is no comment
      await expectClaimError(resubmitClaim(t.db, w.partnerA.actor, claim.id, { comment: "   " }, { now: at(requested, HOUR) }), "VALIDATION");
      expect(await snapshot(t.db, claim.id)).toEqual(before);
    });

    it("a partner comment made before the request does not count", async () => {
      const { claim, at: reviewing } = await claimIn(t.db, w, "UNDER_REVIEW");
      await addComment(t.db, w.partnerA.actor, claim.id, { body: "FYI" }, { now: at(reviewing, MINUTE) });
      await requestPartnerInfo(t.db, w.reviewer.actor, claim.id, { reasonCodes: ["MISSING_OR_OLD_DATES"], comment: "Dates?" }, { now: at(reviewing, HOUR) });
      await expectClaimError(resubmitClaim(t.db, w.partnerA.actor, claim.id, {}, { now: at(reviewing, 2 * HOUR) }), "VALIDATION");
    });

    it("accepts the resubmit's own comment, posts it once, and resumes the review with the days that were left", async () => {
      // review starts Monday 10:00 (due Monday 9th); info requested Wednesday 4th: Thu, Fri, Mon left = 3
      const { claim } = await claimIn(t.db, w, "UNDER_REVIEW");
      expect(claim.dueAt).toEqual(endOfUtcDay("2026-03-09"));
      const paused = await requestPartnerInfo(
        t.db,
        w.reviewer.actor,
        claim.id,
        { reasonCodes: ["MISSING_PARTNER_SOLUTION"], comment: "Describe the solution." },
        { now: new Date("2026-03-04T12:00:00.000Z") },
      );
      expect(paused.reviewDaysRemaining).toBe(3);
      const resubmitAt = new Date("2026-03-10T08:00:00.000Z"); // Tuesday
      const resumed = await resubmitClaim(t.db, w.partnerA.actor, claim.id, { comment: "We deployed Intune.", version: paused.version }, { now: resubmitAt });
      expect(resumed).toMatchObject({ status: "UNDER_REVIEW", version: paused.version + 1, reviewDaysRemaining: null, reasonCodes: [] });
      expect(resumed.dueAt).toEqual(endOfUtcDay("2026-03-13")); // Wed, Thu, Fri
      const comments = await t.db.comment.findMany({ where: { claimId: claim.id, authorRole: "PARTNER_ADMIN" } });
      expect(comments.map((c) => c.body)).toEqual(["We deployed Intune."]);
      const partnerEvents = (await eventsOf(t.db, claim.id)).filter((e) => e.at.getTime() === resubmitAt.getTime());
      expect(partnerEvents.map((e) => e.type).sort()).toEqual(["COMMENT_ADDED", "STATUS_CHANGED"]);
    });

    it("accepts a resubmit after a field edit or a PoE upload since the request", async () => {
      const edited = await claimIn(t.db, w, "PARTNER_ACTION_REQUIRED");
      await updateClaim(t.db, w.partnerA.actor, edited.claim.id, edited.claim.version, { commentary: "More detail." }, { now: at(edited.at, MINUTE) });
      expect((await resubmitClaim(t.db, w.partnerA.actor, edited.claim.id, {}, { now: at(edited.at, HOUR) })).status).toBe("UNDER_REVIEW");

      const uploaded = await claimIn(t.db, w, "PARTNER_ACTION_REQUIRED");
      await recordPoeFile(t.db, w.billingA.actor, uploaded.claim.id, poeFile("acknowledgment.pdf"), { now: at(uploaded.at, MINUTE) });
      expect((await resubmitClaim(t.db, w.billingA.actor, uploaded.claim.id, {}, { now: at(uploaded.at, HOUR) })).status).toBe("UNDER_REVIEW");
    });

    it("a refused resubmit posts no comment (stale version, wrong role, wrong status)", async () => {
      const { claim, at: requested } = await claimIn(t.db, w, "PARTNER_ACTION_REQUIRED");
      const before = await snapshot(t.db, claim.id);
      await expectClaimError(resubmitClaim(t.db, w.partnerA.actor, claim.id, { comment: "x", version: claim.version - 1 }, { now: at(requested, HOUR) }), "CONFLICT");
      await expectClaimError(resubmitClaim(t.db, w.reviewer.actor, claim.id, { comment: "x" }, { now: at(requested, HOUR) }), "FORBIDDEN");
      expect(await snapshot(t.db, claim.id)).toEqual(before);
      const reviewing = await claimIn(t.db, w, "UNDER_REVIEW");
      const beforeReview = await snapshot(t.db, reviewing.claim.id);
      await expectClaimError(resubmitClaim(t.db, w.partnerA.actor, reviewing.claim.id, { comment: "x" }, { now: at(reviewing.at, HOUR) }), "INVALID_TRANSITION");
      expect(await snapshot(t.db, reviewing.claim.id)).toEqual(beforeReview);
    });

    it("gives the review at least one business day back when info was requested on its last day", async () => {
      const { claim } = await claimIn(t.db, w, "UNDER_REVIEW"); // due Monday 9th
      const paused = await requestPartnerInfo(t.db, w.reviewer.actor, claim.id, { reasonCodes: ["MISSING_ALL_POE"], comment: "PoE?" }, { now: new Date("2026-03-09T20:00:00.000Z") });
      expect(paused.reviewDaysRemaining).toBe(1);
      const resumed = await resubmitClaim(t.db, w.partnerA.actor, claim.id, { comment: "Done" }, { now: new Date("2026-03-10T09:00:00.000Z") });
      expect(resumed.dueAt).toEqual(endOfUtcDay("2026-03-11"));
    });
  });

  describe("consent", () => {
    it("approve stores only the token's hash and queues one notice to the customer contact with the link", async () => {
      const { claim, at: t0 } = await claimIn(t.db, w, "UNDER_REVIEW");
      const approved = await approveClaim(t.db, w.reviewer.actor, claim.id, {}, { now: at(t0, HOUR) });
      expect(approved).not.toHaveProperty("consentToken");
      const raw = await consentTokenOf(t.db, claim.id);
      expect(raw.length).toBeGreaterThanOrEqual(40);

      const tokens = await t.db.consentToken.findMany({ where: { claimId: claim.id } });
      expect(tokens).toHaveLength(1);
      expect(tokens[0].tokenHash).toBe(hashConsentToken(raw));
      expect(tokens[0].tokenHash).not.toBe(raw);
      expect(JSON.stringify(tokens[0])).not.toContain(raw);
      expect(tokens[0]).toMatchObject({ usedAt: null, expiresAt: approved.consentEndsAt });
      // nothing else in the database's token table holds the raw value either
      const rawHits = await t.db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "ConsentToken" c WHERE strpos(row_to_json(c)::text, ${raw}) > 0`;
      expect(rawHits[0].n).toBe(0);

      // one notice to the customer; the link exists only sealed in the row (opened at delivery, then wiped)
      const outbox = await t.db.outboxMessage.findMany({ where: { claimId: claim.id, kind: "CUSTOMER_CONSENT_NOTICE" } });
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({ recipient: customerContact.email, sentAt: null, status: "QUEUED" });
      expect(openSecret(outbox[0].secret!)).toBe(raw);
      const outboxHits = await t.db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "OutboxMessage" o WHERE strpos(row_to_json(o)::text, ${raw}) > 0`;
      expect(outboxHits[0].n).toBe(0);
      expect(outbox[0].data).toMatchObject({ claim: { claimNumber: formatClaimNumber(claim.number) } });
    });

    it("denyConsent with the token: REJECTED / CUSTOMER_DECLINE by the customer; a second use is GONE", async () => {
      const { claim, consentToken, at: t0 } = await claimIn(t.db, w, "APPROVED");
      const now = at(t0, 2 * DAY);
      const result = await denyConsent(t.db, consentToken!, { reason: "We never worked with them." }, { now });
      expect(result).toEqual({ claimNumber: formatClaimNumber(claim.number) });

      const row = await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } });
      expect(row).toMatchObject({
        status: "REJECTED",
        rejectionReason: "CUSTOMER_DECLINE",
        rejectionComment: "We never worked with them.",
        rejectedAt: now,
        decidedAt: now,
        dueAt: null,
        version: claim.version + 1,
      });
      const events = (await eventsOf(t.db, claim.id)).slice(-2);
      expect(events.map((e) => [e.type, e.actorRole, e.actorId, e.actorName, e.fromStatus, e.toStatus])).toEqual([
        ["STATUS_CHANGED", "CUSTOMER", null, "Customer", "APPROVED", "REJECTED"],
        ["CONSENT_DENIED", "CUSTOMER", null, "Customer", null, null],
      ]);
      expect(events[0].data).toMatchObject({ action: "deny-consent", rejectionReason: "CUSTOMER_DECLINE" });
      expect(events[1].data).toEqual({ reason: "We never worked with them." });
      expect((await t.db.consentToken.findFirstOrThrow({ where: { claimId: claim.id } })).usedAt).toEqual(now);

      const before = await snapshot(t.db, claim.id);
      await expectClaimError(denyConsent(t.db, consentToken!, {}, { now: at(now, MINUTE) }), "GONE");
      expect(await snapshot(t.db, claim.id)).toEqual(before);
    });

    it("denyConsent at or after consentEndsAt is GONE; one millisecond before it still works", async () => {
      const { claim, consentToken } = await claimIn(t.db, w, "APPROVED");
      const ends = claim.consentEndsAt!;
      expect(ends).toEqual(endOfUtcDay("2026-03-09"));
      const before = await snapshot(t.db, claim.id);
      await expectClaimError(denyConsent(t.db, consentToken!, {}, { now: ends }), "GONE");
      await expectClaimError(denyConsent(t.db, consentToken!, {}, { now: at(ends, DAY) }), "GONE");
      expect(await snapshot(t.db, claim.id)).toEqual(before);
      await denyConsent(t.db, consentToken!, {}, { now: at(ends, -1) });
      expect((await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("REJECTED");
    });

    it("an unknown token is NOT_FOUND; a token of a claim the partner withdrew is GONE", async () => {
      await expectClaimError(denyConsent(t.db, "no-such-token", {}), "NOT_FOUND");
      // the token is the credential: checked before the body
      await expectClaimError(denyConsent(t.db, "no-such-token", { reason: "x".repeat(5000) }), "NOT_FOUND");
      const { claim, consentToken, at: t0 } = await claimIn(t.db, w, "APPROVED");
      await withdrawClaim(t.db, w.partnerA.actor, claim.id, { comment: "No longer working with the customer" }, { now: at(t0, HOUR) });
      const before = await snapshot(t.db, claim.id);
      await expectClaimError(denyConsent(t.db, consentToken!, {}, { now: at(t0, 2 * HOUR) }), "GONE");
      expect(await snapshot(t.db, claim.id)).toEqual(before);
    });

    it("a new approval (after an overturned dispute) issues a new token; the old one stays spent", async () => {
      const { claim, consentToken, at: t0 } = await claimIn(t.db, w, "APPROVED");
      await denyConsent(t.db, consentToken!, {}, { now: at(t0, HOUR) });
      const dispute = await openDispute(t.db, w.partnerA.actor, claim.id, { details: "The customer confirmed by mail." }, { now: at(t0, DAY) });
      await resolveDispute(t.db, w.reviewer.actor, dispute.id, { outcome: "OVERTURN", comment: "Confirmed." }, { now: at(t0, 2 * DAY) });
      await approveClaim(t.db, w.reviewer.actor, claim.id, {}, { now: at(t0, 3 * DAY) });
      expect(await consentTokenOf(t.db, claim.id)).not.toBe(consentToken);
      await expectClaimError(denyConsent(t.db, consentToken!, {}, { now: at(t0, 3 * DAY + HOUR) }), "GONE");
      expect(await t.db.consentToken.count({ where: { claimId: claim.id } })).toBe(2);
      expect(await t.db.outboxMessage.count({ where: { claimId: claim.id, kind: "CUSTOMER_CONSENT_NOTICE" } })).toBe(2);
    });
  });

  describe("disputes", () => {
    it("opens a dispute within 30 days: the claim stays REJECTED, DISPUTE_OPENED is written, PoE may be added while open", async () => {
      const { claim, at: rejectedAt } = await claimIn(t.db, w, "REJECTED");
      const now = at(rejectedAt, THIRTY_DAYS); // the last instant of the window
      const dispute = await openDispute(t.db, w.billingA.actor, claim.id, { details: "The PoE is signed on page 2." }, { now });
      expect(dispute).toMatchObject({
        claimId: claim.id,
        status: "OPEN",
        details: "The PoE is signed on page 2.",
        openedById: w.billingA.id,
        createdAt: now,
        products: [
          { kind: "WORKLOAD", name: "TEAMS" },
          { kind: "WORKLOAD", name: "EXCHANGE" },
        ],
      });
      const row = await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } });
      expect(row).toMatchObject({ status: "REJECTED", rejectionReason: "INSUFFICIENT_POE", version: claim.version + 1 });
      const events = await eventsOf(t.db, claim.id);
      expect(events.at(-1)).toMatchObject({ type: "DISPUTE_OPENED", actorRole: "PARTNER_BILLING", data: { disputeId: dispute.id, details: "The PoE is signed on page 2." } });

      await recordPoeFile(t.db, w.partnerA.actor, claim.id, poeFile("signed-sow.pdf"), { now: at(now, MINUTE) });
      expect(await t.db.poeFile.count({ where: { claimId: claim.id } })).toBe(2);
    });

    it("refuses a dispute after 30 days, a second dispute, and a dispute of the partner's own withdrawal (INVALID_TRANSITION)", async () => {
      const late = await claimIn(t.db, w, "REJECTED");
      const lateBefore = await snapshot(t.db, late.claim.id);
      await expectClaimError(openDispute(t.db, w.partnerA.actor, late.claim.id, { details: "x" }, { now: at(late.at, THIRTY_DAYS + 1) }), "INVALID_TRANSITION");
      expect(await snapshot(t.db, late.claim.id)).toEqual(lateBefore);

      const twice = await claimIn(t.db, w, "DISPUTED");
      const before = await snapshot(t.db, twice.claim.id);
      await expectClaimError(openDispute(t.db, w.partnerA.actor, twice.claim.id, { details: "again" }, { now: at(twice.at, HOUR) }), "INVALID_TRANSITION");
      expect(await snapshot(t.db, twice.claim.id)).toEqual(before);
      const resolved = await resolveDispute(t.db, w.reviewer.actor, twice.claim.dispute!.id, { outcome: "UPHOLD", comment: "Stands." }, { now: at(twice.at, 2 * HOUR) });
      expect(resolved.status).toBe("UPHELD");
      await expectClaimError(openDispute(t.db, w.partnerA.actor, twice.claim.id, { details: "third" }, { now: at(twice.at, 3 * HOUR) }), "INVALID_TRANSITION");

      const withdrawn = await claimIn(t.db, w, "WITHDRAWN");
      const withdrawnBefore = await snapshot(t.db, withdrawn.claim.id);
      await expectClaimError(openDispute(t.db, w.partnerA.actor, withdrawn.claim.id, { details: "x" }, { now: at(withdrawn.at, HOUR) }), "INVALID_TRANSITION");
      expect(await snapshot(t.db, withdrawn.claim.id)).toEqual(withdrawnBefore);
    });

    it("refuses disputed products of the wrong kind for the claim's solution area (VALIDATION, nothing opened)", async () => {
      const { claim, at: t0 } = await claimIn(t.db, w, "REJECTED");
      const before = await snapshot(t.db, claim.id);
      await expectClaimError(
        openDispute(
          t.db,
          w.partnerA.actor,
          claim.id,
          { details: "x", products: [{ kind: "DYNAMICS", name: "Dynamics 365 Sales", subscriptionId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301" }] },
          { now: at(t0, HOUR) },
        ),
        "VALIDATION",
      );
      expect(await snapshot(t.db, claim.id)).toEqual(before);
      const dispute = await openDispute(t.db, w.partnerA.actor, claim.id, { details: "Only Teams", products: [{ kind: "WORKLOAD", name: "TEAMS" }] }, { now: at(t0, HOUR) });
      expect(dispute.products).toEqual([{ kind: "WORKLOAD", name: "TEAMS" }]);
    });

    it("OVERTURN: back to UNDER_REVIEW with a new review deadline, the rejection cleared, the dispute closed", async () => {
      const { claim } = await claimIn(t.db, w, "DISPUTED");
      const resolvedAt = new Date("2026-03-04T14:00:00.000Z"); // Wednesday → due Wednesday next week
      const dispute = await resolveDispute(t.db, w.reviewer2.actor, claim.dispute!.id, { outcome: "OVERTURN", comment: "The PoE is fine." }, { now: resolvedAt });
      expect(dispute).toMatchObject({ status: "OVERTURNED", resolvedAt, resolvedById: w.reviewer2.id, comment: "The PoE is fine." });
      const row = await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } });
      expect(row).toMatchObject({
        status: "UNDER_REVIEW",
        version: claim.version + 1,
        reviewerId: w.reviewer2.id,
        reviewStartedAt: resolvedAt,
        rejectionReason: null,
        rejectedAt: null,
        decidedAt: null,
        overdue: false,
      });
      expect(row.dueAt).toEqual(endOfUtcDay("2026-03-11"));
      const events = (await eventsOf(t.db, claim.id)).slice(-3);
      expect(events.map((e) => [e.type, e.actorRole, e.fromStatus, e.toStatus])).toEqual([
        ["STATUS_CHANGED", "REVIEWER", "REJECTED", "UNDER_REVIEW"],
        ["DISPUTE_RESOLVED", "REVIEWER", null, null],
        ["COMMENT_ADDED", "REVIEWER", null, null],
      ]);
      expect(events[0].data).toMatchObject({ action: "overturn-dispute" });
      expect(events[1].data).toEqual({ disputeId: dispute.id, outcome: "OVERTURN", comment: "The PoE is fine." });

      const before = await snapshot(t.db, claim.id);
      await expectClaimError(resolveDispute(t.db, w.reviewer.actor, dispute.id, { outcome: "UPHOLD", comment: "again" }), "INVALID_TRANSITION");
      expect(await snapshot(t.db, claim.id)).toEqual(before);
    });

    it("UPHOLD keeps the claim REJECTED with its reason; resolving twice is INVALID_TRANSITION; the claim is then final", async () => {
      const { claim, at: t0 } = await claimIn(t.db, w, "DISPUTED");
      await addComment(t.db, w.partnerA.actor, claim.id, { body: "Any news?" }, { now: at(t0, MINUTE) });
      const dispute = await resolveDispute(t.db, w.reviewer.actor, claim.dispute!.id, { outcome: "UPHOLD", comment: "The rejection stands." }, { now: at(t0, HOUR) });
      expect(dispute).toMatchObject({ status: "UPHELD", resolvedById: w.reviewer.id });
      const row = await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } });
      expect(row).toMatchObject({ status: "REJECTED", rejectionReason: "INSUFFICIENT_POE", version: claim.version + 1 });
      expect((await eventsOf(t.db, claim.id)).filter((e) => e.type === "DISPUTE_RESOLVED")).toHaveLength(1);

      const before = await snapshot(t.db, claim.id);
      await expectClaimError(resolveDispute(t.db, w.reviewer.actor, dispute.id, { outcome: "OVERTURN", comment: "changed my mind" }, { now: at(t0, 2 * HOUR) }), "INVALID_TRANSITION");
      // rejected, dispute used and closed: final, so no more comments or PoE
      await expectClaimError(addComment(t.db, w.partnerA.actor, claim.id, { body: "Really?" }, { now: at(t0, 2 * HOUR) }), "INVALID_TRANSITION");
      await expectClaimError(recordPoeFile(t.db, w.partnerA.actor, claim.id, poeFile(), { now: at(t0, 2 * HOUR) }), "INVALID_TRANSITION");
      expect(await snapshot(t.db, claim.id)).toEqual(before);
    });

    it("only reviewers resolve; only the claim's partners dispute; an unknown dispute is NOT_FOUND", async () => {
      const { claim, at: t0 } = await claimIn(t.db, w, "DISPUTED");
      const before = await snapshot(t.db, claim.id);
      await expectClaimError(resolveDispute(t.db, w.partnerA.actor, claim.dispute!.id, { outcome: "OVERTURN", comment: "please" }), "FORBIDDEN");
      await expectClaimError(resolveDispute(t.db, w.admin.actor, claim.dispute!.id, { outcome: "OVERTURN", comment: "please" }), "FORBIDDEN");
      await expectClaimError(resolveDispute(t.db, w.reviewer.actor, "no-such-dispute", { outcome: "UPHOLD", comment: "x" }), "NOT_FOUND");
      await expectClaimError(resolveDispute(t.db, w.reviewer.actor, claim.dispute!.id, { outcome: "MAYBE", comment: "x" }), "VALIDATION");
      const rejected = await claimIn(t.db, w, "REJECTED");
      await expectClaimError(openDispute(t.db, w.reviewer.actor, rejected.claim.id, { details: "x" }, { now: at(t0, HOUR) }), "FORBIDDEN");
      expect(await snapshot(t.db, claim.id)).toEqual(before);
    });

    it("a rejection past its 30-day window is final: no dispute, no comments", async () => {
      const { claim, at: t0 } = await claimIn(t.db, w, "REJECTED");
      await addComment(t.db, w.partnerA.actor, claim.id, { body: "Within the window" }, { now: at(t0, THIRTY_DAYS) });
      await expectClaimError(addComment(t.db, w.partnerA.actor, claim.id, { body: "Too late" }, { now: at(t0, THIRTY_DAYS + 1) }), "INVALID_TRANSITION");
      // api-v1 order: an invalid body is reported before the closed status
      await expectClaimError(addComment(t.db, w.partnerA.actor, claim.id, { body: "  " }, { now: at(t0, THIRTY_DAYS + 1) }), "VALIDATION");
      // and a reviewer is told the claim is final, not that they may not comment
      await expectClaimError(addComment(t.db, w.reviewer.actor, claim.id, { body: "Closing" }, { now: at(t0, THIRTY_DAYS + 1) }), "INVALID_TRANSITION");
    });
  });

  describe("atomicity: a failure after the claim update leaves neither the change nor its events", () => {
    // A trigger in this test database refuses ClaimEvent rows of the types listed in test_refused_event_type,
    // so the INSERT of the history row fails after the service's guarded UPDATE already ran in the same
    // transaction. If the service wrote them in separate transactions, the claim change would survive.
    beforeAll(async () => {
      await t.db.$executeRawUnsafe(`CREATE TABLE test_refused_event_type (type text PRIMARY KEY)`);
      await t.db.$executeRawUnsafe(`
        CREATE FUNCTION test_refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM test_refused_event_type WHERE type = NEW.type) THEN
            RAISE EXCEPTION 'test: % events are refused', NEW.type;
          END IF;
          RETURN NEW;
        END $$`);
      await t.db.$executeRawUnsafe(
        `CREATE TRIGGER test_refuse_event BEFORE INSERT ON "ClaimEvent" FOR EACH ROW EXECUTE FUNCTION test_refuse_event()`,
      );
    });
    afterEach(async () => {
      await t.db.$executeRawUnsafe(`DELETE FROM test_refused_event_type`);
    });
    afterAll(async () => {
      await t.db.$executeRawUnsafe(`DROP TRIGGER test_refuse_event ON "ClaimEvent"`);
    });

    async function refuse(type: string) {
      await t.db.$executeRawUnsafe(`INSERT INTO test_refused_event_type (type) VALUES ($1)`, type);
    }
    async function allow() {
      await t.db.$executeRawUnsafe(`DELETE FROM test_refused_event_type`);
    }

    /** Refuses `eventType`, runs `call` (must fail, leaving the claim exactly as it was), then allows it and runs `call` again (must succeed). */
    async function expectAtomic(claimId: string, eventType: string, call: () => Promise<unknown>) {
      const before = await snapshot(t.db, claimId);
      await refuse(eventType);
      await expect(call()).rejects.toThrow(new RegExp(`${eventType} events are refused`));
      expect(await snapshot(t.db, claimId)).toEqual(before);
      await allow();
      await call();
      expect(await snapshot(t.db, claimId)).not.toEqual(before);
    }

    it("createClaim: no claim, no count change", async () => {
      const claimsBefore = await t.db.claim.count();
      const countsBefore = await t.db.claimStatusCount.findMany({ orderBy: [{ organizationId: "asc" }, { status: "asc" }] });
      await refuse("CLAIM_CREATED");
      await expect(createClaim(t.db, w.partnerA.actor, claimDraft(w.orgA.mpnIds[0]), { now: MONDAY })).rejects.toThrow(/refused/);
      expect(await t.db.claim.count()).toBe(claimsBefore);
      expect(await t.db.claimStatusCount.findMany({ orderBy: [{ organizationId: "asc" }, { status: "asc" }] })).toEqual(countsBefore);
    });

    it("updateClaim, recordPoeFile, addComment", async () => {
      const { claim, at: t0 } = await claimIn(t.db, w, "EDITING");
      await expectAtomic(claim.id, "FIELDS_UPDATED", () =>
        updateClaim(t.db, w.partnerA.actor, claim.id, 0, { commentary: "changed", products: [{ kind: "WORKLOAD", name: "INTUNE" }] }, { now: at(t0, MINUTE) }),
      );
      await expectAtomic(claim.id, "POE_UPLOADED", () => recordPoeFile(t.db, w.partnerA.actor, claim.id, poeFile(), { now: at(t0, 2 * MINUTE) }));
      await expectAtomic(claim.id, "COMMENT_ADDED", () => addComment(t.db, w.partnerA.actor, claim.id, { body: "hi" }, { now: at(t0, 3 * MINUTE) }));
    });

    it("submit, start review (second event of the batch), request info (the posted comment)", async () => {
      const { claim, at: t0 } = await claimIn(t.db, w, "EDITING");
      await recordPoeFile(t.db, w.partnerA.actor, claim.id, poeFile(), { now: at(t0, MINUTE) });
      await expectAtomic(claim.id, "STATUS_CHANGED", () => submitClaim(t.db, w.partnerA.actor, claim.id, {}, { now: at(t0, 2 * MINUTE) }));
      await expectAtomic(claim.id, "REVIEWER_ASSIGNED", () => startReview(t.db, w.reviewer.actor, claim.id, {}, { now: at(t0, HOUR) }));
      await expectAtomic(claim.id, "COMMENT_ADDED", () =>
        requestPartnerInfo(t.db, w.reviewer.actor, claim.id, { reasonCodes: ["MISSING_ALL_POE"], comment: "PoE?" }, { now: at(t0, 2 * HOUR) }),
      );
    });

    it("submit and start-review with a comment: a failed comment rolls the status change back", async () => {
      const { claim, at: t0 } = await claimIn(t.db, w, "EDITING");
      await recordPoeFile(t.db, w.partnerA.actor, claim.id, poeFile(), { now: at(t0, MINUTE) });
      await expectAtomic(claim.id, "COMMENT_ADDED", () =>
        submitClaim(t.db, w.partnerA.actor, claim.id, { comment: "Ready." }, { now: at(t0, 2 * MINUTE) }),
      );
      await expectAtomic(claim.id, "COMMENT_ADDED", () =>
        startReview(t.db, w.reviewer.actor, claim.id, { comment: "On it." }, { now: at(t0, HOUR) }),
      );
      expect((await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("UNDER_REVIEW");
    });

    it("resubmit with a comment: a failed transition leaves no comment behind", async () => {
      const { claim, at: t0 } = await claimIn(t.db, w, "PARTNER_ACTION_REQUIRED");
      await expectAtomic(claim.id, "STATUS_CHANGED", () =>
        resubmitClaim(t.db, w.partnerA.actor, claim.id, { comment: "Uploaded it." }, { now: at(t0, HOUR) }),
      );
      expect(await t.db.comment.count({ where: { claimId: claim.id, body: "Uploaded it." } })).toBe(1);
    });

    it("approve: no status change, no consent token, no outbox message", async () => {
      const { claim, at: t0 } = await claimIn(t.db, w, "UNDER_REVIEW");
      await expectAtomic(claim.id, "CONSENT_REQUESTED", () => approveClaim(t.db, w.reviewer.actor, claim.id, {}, { now: at(t0, HOUR) }));
      expect(await t.db.consentToken.count({ where: { claimId: claim.id } })).toBe(1);
      expect(await t.db.outboxMessage.count({ where: { claimId: claim.id, kind: "CUSTOMER_CONSENT_NOTICE" } })).toBe(1);
    });

    it("approve whose outbox insert fails (dedupeKey taken): the status change and its events roll back", async () => {
      const { claim, at: t0 } = await claimIn(t.db, w, "UNDER_REVIEW");
      const now = at(t0, HOUR);
      await t.db.outboxMessage.create({
        data: { kind: "TEST", dedupeKey: `consent:${claim.id}:${now.toISOString()}:${customerContact.email}`, recipient: "x@test.example", subject: "s", body: "b", sentAt: now },
      });
      const before = await snapshot(t.db, claim.id);
      await expect(approveClaim(t.db, w.reviewer.actor, claim.id, {}, { now })).rejects.toThrow();
      expect(await snapshot(t.db, claim.id)).toEqual(before);
      expect(before.claim!.status).toBe("UNDER_REVIEW");
      expect(before.tokens).toEqual([]);
    });

    it("reject (its posted comment) and withdraw", async () => {
      const reviewing = await claimIn(t.db, w, "UNDER_REVIEW");
      await expectAtomic(reviewing.claim.id, "COMMENT_ADDED", () =>
        rejectClaim(t.db, w.reviewer.actor, reviewing.claim.id, { reason: "POE_UNAVAILABLE", comment: "Link broken" }, { now: at(reviewing.at, HOUR) }),
      );
      const submitted = await claimIn(t.db, w, "SUBMITTED");
      await expectAtomic(submitted.claim.id, "STATUS_CHANGED", () =>
        withdrawClaim(t.db, w.partnerA.actor, submitted.claim.id, { comment: "Wrong activity" }, { now: at(submitted.at, HOUR) }),
      );
    });

    it("denyConsent: the token stays unused and the claim APPROVED", async () => {
      const { claim, consentToken, at: t0 } = await claimIn(t.db, w, "APPROVED");
      await expectAtomic(claim.id, "CONSENT_DENIED", () => denyConsent(t.db, consentToken!, { reason: "Not our partner" }, { now: at(t0, DAY) }));
      expect((await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("REJECTED");
    });

    it("openDispute and resolveDispute", async () => {
      const { claim, at: t0 } = await claimIn(t.db, w, "REJECTED");
      await expectAtomic(claim.id, "DISPUTE_OPENED", () => openDispute(t.db, w.partnerA.actor, claim.id, { details: "Please look again." }, { now: at(t0, DAY) }));
      const dispute = await t.db.dispute.findUniqueOrThrow({ where: { claimId: claim.id } });
      await expectAtomic(claim.id, "DISPUTE_RESOLVED", () =>
        resolveDispute(t.db, w.reviewer.actor, dispute.id, { outcome: "OVERTURN", comment: "Fair point." }, { now: at(t0, 2 * DAY) }),
      );
      expect((await t.db.dispute.findUniqueOrThrow({ where: { id: dispute.id } })).status).toBe("OVERTURNED");
      await expectStatusCountsConsistent(t.db);
    });
  });
});
