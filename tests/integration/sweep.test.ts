// The SLA sweep against real PostgreSQL: what is due changes once with one event, what is not due is untouched,
// a second run changes nothing, and several sweeps at once (separate connections) do the work exactly once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DAY,
  HOUR,
  MINUTE,
  MONDAY,
  at,
  claimIn,
  createWorld,
  endOfUtcDay,
  eventsOf,
  expectClaimError,
  expectStatusCountsConsistent,
  partnerContact,
  snapshot,
  type Target,
  type World,
} from "../fixtures/claims";
import type { Db } from "../../lib/db";
import { ClaimError } from "../../lib/claims/errors";
import { decide } from "../../lib/claims/lifecycle";
import { addComment, claimDetailInclude, claimStateOf, denyConsent, resubmitClaim } from "../../lib/claims/service";
import { partnerActionSeconds } from "../../lib/claims/sla";
import { runSweep as runSweepWith, type SweepSummary } from "../../lib/claims/sweep";
import { deliverOutbox, type MailTransport } from "../../lib/mail/deliver";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

/** Friday 20 March 2026, 12:00 UTC: when the scenario below is swept. */
const T = new Date("2026-03-20T12:00:00.000Z");
const THURSDAY_19 = new Date("2026-03-19T09:00:00.000Z");
const FRIDAY_13 = new Date("2026-03-13T09:00:00.000Z");

const NOTHING: SweepSummary = {
  autoRejected: 0,
  consentCompleted: 0,
  flaggedOverdue: 0,
  remindersQueued: 0,
  reviewersAlerted: 0,
  messagesDelivered: 0,
  filesRemoved: 0,
  webhooksDelivered: 0,
  sessionsPurged: 0,
};

/** What the scenario's sweep does, apart from delivering. */
const SWEPT = { autoRejected: 1, consentCompleted: 1, flaggedOverdue: 2, remindersQueued: 1, reviewersAlerted: 1, filesRemoved: 0, webhooksDelivered: 0, sessionsPurged: 0 };

describe.skipIf(!pgAvailable)("SLA sweep (PostgreSQL)", () => {
  let t: TestDatabase;
  let w: World;
  /** Outbox ids in the order the sweeps handed them to the transport, one entry per delivery. */
  const delivered: string[] = [];
  const recorder: MailTransport = {
    async send(mail) {
      delivered.push(mail.id);
    },
  };
  const runSweep = (db: Db, now: Date) => runSweepWith(db, now, { transport: recorder });

  beforeAll(async () => {
    t = await createTestDatabase();
    w = await createWorld(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  function deliveredIds(): string[] {
    return [...delivered];
  }

  /**
   * One claim per case. As of T: s1, u1 are past their review deadlines; p1's partner deadline passed; p3's ends
   * within the day (reminder); a1's consent window ended; s2, u2, p2, a2 are not due; e1, r1 have no deadline.
   */
  async function scenario() {
    const build = async (target: Target, start: Date) => (await claimIn(t.db, w, target, { start })).claim;
    // Built in parallel (independent claims) to keep the suite fast.
    const [s1, s2, u1, u2, p1, p2, p3, a1, a2, e1, r1] = await Promise.all([
      build("SUBMITTED", MONDAY),
      build("SUBMITTED", THURSDAY_19),
      build("UNDER_REVIEW", MONDAY),
      build("UNDER_REVIEW", THURSDAY_19),
      build("PARTNER_ACTION_REQUIRED", MONDAY),
      build("PARTNER_ACTION_REQUIRED", THURSDAY_19),
      build("PARTNER_ACTION_REQUIRED", FRIDAY_13),
      build("APPROVED", MONDAY),
      build("APPROVED", THURSDAY_19),
      build("EDITING", MONDAY),
      build("REJECTED", MONDAY),
    ]);
    const claims = { s1, s2, u1, u2, p1, p2, p3, a1, a2, e1, r1 };
    expect(claims.s1.dueAt).toEqual(endOfUtcDay("2026-03-09"));
    expect(claims.u1.dueAt).toEqual(endOfUtcDay("2026-03-09"));
    expect(claims.p1.dueAt).toEqual(endOfUtcDay("2026-03-09"));
    expect(claims.p3.dueAt).toEqual(endOfUtcDay("2026-03-20"));
    expect(claims.a1.consentEndsAt).toEqual(endOfUtcDay("2026-03-09"));
    for (const key of ["s2", "u2", "p2", "a2"] as const) expect(claims[key].dueAt).toEqual(endOfUtcDay("2026-03-26"));
    return claims;
  }
  type Scenario = Awaited<ReturnType<typeof scenario>>;

  /** Everything the sweep could change, over the whole database, in a comparable form. */
  async function databaseState(db: Db) {
    const [claims, events, outbox, counts] = await Promise.all([
      db.claim.findMany({ orderBy: { id: "asc" } }),
      db.$queryRaw`SELECT "claimId", "type", count(*)::int AS n FROM "ClaimEvent" GROUP BY 1, 2 ORDER BY 1, 2`,
      db.outboxMessage.findMany({ orderBy: { id: "asc" } }),
      db.claimStatusCount.findMany({ orderBy: [{ organizationId: "asc" }, { status: "asc" }] }),
    ]);
    return { claims, events, outbox, counts };
  }

  async function expectSweptOnce(c: Scenario) {
    // p1: rejected for no partner response, by the system, once
    const p1 = await t.db.claim.findUniqueOrThrow({ where: { id: c.p1.id } });
    expect(p1).toMatchObject({
      status: "REJECTED",
      rejectionReason: "NO_PARTNER_RESPONSE",
      rejectedAt: T,
      decidedAt: T,
      dueAt: null,
      version: c.p1.version + 1,
      updatedAt: T,
      partnerActionSeconds: Math.round((T.getTime() - c.p1.infoRequestedAt!.getTime()) / 1000),
    });
    const p1Events = (await eventsOf(t.db, c.p1.id)).filter((e) => e.at.getTime() === T.getTime());
    expect(p1Events).toHaveLength(1);
    expect(p1Events[0]).toMatchObject({
      type: "STATUS_CHANGED",
      actorId: null,
      actorRole: "SYSTEM",
      actorName: "System",
      fromStatus: "PARTNER_ACTION_REQUIRED",
      toStatus: "REJECTED",
      data: { action: "expire-partner-action", fromStatus: "PARTNER_ACTION_REQUIRED", toStatus: "REJECTED", rejectionReason: "NO_PARTNER_RESPONSE" },
    });

    // a1: sent for incentive assessment, still APPROVED
    const a1 = await t.db.claim.findUniqueOrThrow({ where: { id: c.a1.id } });
    expect(a1).toMatchObject({ status: "APPROVED", sentForIncentiveAssessmentAt: T, dueAt: null, version: c.a1.version + 1 });
    const a1Events = (await eventsOf(t.db, c.a1.id)).filter((e) => e.at.getTime() === T.getTime());
    expect(a1Events.map((e) => [e.type, e.actorRole, e.fromStatus, e.toStatus, e.data])).toEqual([
      ["SENT_FOR_INCENTIVE_ASSESSMENT", "SYSTEM", "APPROVED", "APPROVED", { at: T.toISOString() }],
    ]);

    // s1, u1: overdue flag and one SLA_OVERDUE event each; the flag does not bump the version
    for (const [claim, stage] of [
      [c.s1, "SUBMITTED"],
      [c.u1, "UNDER_REVIEW"],
    ] as const) {
      const row = await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } });
      expect(row).toMatchObject({ status: stage, overdue: true, version: claim.version, dueAt: claim.dueAt });
      const events = (await eventsOf(t.db, claim.id)).filter((e) => e.at.getTime() === T.getTime());
      expect(events.map((e) => [e.type, e.actorRole, e.data])).toEqual([
        ["SLA_OVERDUE", "SYSTEM", { stage, dueAt: claim.dueAt!.toISOString() }],
      ]);
    }

    // p3: its deadline's own day has come: the 1-business-day reminder, once, to the partner users and the
    // partner contact, with its event; the claim itself is unchanged
    const reminders = await t.db.outboxMessage.findMany({ where: { claimId: c.p3.id, kind: "DEADLINE_REMINDER", createdAt: T } });
    expect(reminders.map((m) => m.recipient).sort()).toEqual([w.partnerA.email, w.billingA.email, partnerContact.email].sort());
    expect(reminders.every((m) => (m.data as { businessDaysLeft?: number }).businessDaysLeft === 1)).toBe(true);
    expect(await t.db.notification.count({ where: { claimId: c.p3.id, type: "DEADLINE_REMINDER" } })).toBe(2);
    const p3Events = (await eventsOf(t.db, c.p3.id)).filter((e) => e.at.getTime() === T.getTime());
    expect(p3Events.map((e) => [e.type, e.data])).toEqual([
      ["REMINDER_QUEUED", { stage: "PARTNER_ACTION_REQUIRED", dueAt: "2026-03-20T23:59:59.999Z" }],
    ]);
    expect(await t.db.claim.findUniqueOrThrow({ where: { id: c.p3.id } })).toMatchObject({ status: "PARTNER_ACTION_REQUIRED", version: c.p3.version });

    // nobody else got a reminder (p2's deadline is days away; p1 was rejected first)
    expect(await t.db.outboxMessage.count({ where: { kind: "DEADLINE_REMINDER", claimId: { in: [c.p1.id, c.p2.id] } } })).toBe(0);

    // the decisions the sweep made told the partner users; s1 (SUBMITTED, never picked up) alerted every reviewer once
    for (const [claim, outcome] of [
      [c.p1, "REJECTED"],
      [c.a1, "SENT_FOR_INCENTIVE_ASSESSMENT"],
    ] as const) {
      const decided = await t.db.outboxMessage.findMany({ where: { claimId: claim.id, kind: "CLAIM_DECIDED", createdAt: T } });
      expect(decided.map((m) => m.recipient).sort()).toEqual([w.partnerA.email, w.billingA.email].sort());
      expect(decided.every((m) => (m.data as { decision: { outcome: string } }).decision.outcome === outcome)).toBe(true);
    }
    // the reviewers' digest (one per reviewer and batch) names s1, marked announced; u1 (under review) is in none
    type Digest = { claims: { claimId: string; claimNumber: string }[]; total: number };
    const digests = (await t.db.outboxMessage.findMany({ where: { kind: "REVIEW_OVERDUE", createdAt: T } })).filter((m) =>
      (m.data as unknown as Digest).claims.some((claim) => claim.claimId === c.s1.id),
    );
    expect(digests.map((m) => m.recipientUserId).sort()).toEqual([w.reviewer.id, w.reviewer2.id].sort());
    expect(digests.map((m) => (m.data as unknown as Digest).total)).toEqual([1, 1]);
    const s1 = await t.db.claim.findUniqueOrThrow({ where: { id: c.s1.id } });
    expect(s1.overdueAlertedAt).toEqual(T);
    expect((await t.db.claim.findUniqueOrThrow({ where: { id: c.u1.id } })).overdueAlertedAt).toBeNull();
    const claimNumber = (digests[0].data as unknown as Digest).claims[0].claimNumber;
    const bell = await t.db.notification.findMany({ where: { type: "REVIEW_OVERDUE", createdAt: T, body: { contains: claimNumber } } });
    expect(bell.map((n) => [n.userId, n.claimId]).sort()).toEqual([[w.reviewer.id, null], [w.reviewer2.id, null]].sort());
    const everyDigest = await t.db.outboxMessage.findMany({ where: { kind: "REVIEW_OVERDUE" } });
    expect(everyDigest.some((m) => (m.data as unknown as Digest).claims.some((claim) => claim.claimId === c.u1.id))).toBe(false);
    await expectStatusCountsConsistent(t.db);
  }

  const untouched = ["s2", "u2", "p2", "a2", "e1", "r1"] as const;

  it("one sweep: auto-rejects, completes consent, flags overdue, queues one reminder, delivers the outbox; leaves the rest alone", async () => {
    const c = await scenario();
    const before = Object.fromEntries(await Promise.all(untouched.map(async (k) => [k, await snapshot(t.db, c[k].id)] as const)));
    const pending = await t.db.outboxMessage.count({ where: { sentAt: null } });
    expect(await t.db.outboxMessage.count({ where: { sentAt: null, kind: "CUSTOMER_CONSENT_NOTICE" } })).toBe(2);

    const summary = await runSweep(t.db, T);
    // new messages: 2 + 2 partner users for the two decisions, 3 for the reminder, 2 reviewers for the alert
    expect(summary).toEqual({ ...SWEPT, messagesDelivered: pending + 9 });
    await expectSweptOnce(c);
    for (const k of untouched) expect(await snapshot(t.db, c[k].id), k).toEqual(before[k]);

    // delivered once each, consent secrets wiped
    const outbox = await t.db.outboxMessage.findMany();
    expect(outbox.every((m) => m.status === "SENT" && m.sentAt?.getTime() === T.getTime() && m.attempts === 1 && m.secret === null)).toBe(true);
    expect(deliveredIds().sort()).toEqual(outbox.map((m) => m.id).sort());
  });

  it("a second sweep, at the same instant or an hour later, changes nothing", async () => {
    const once = await databaseState(t.db);
    const mailOnce = deliveredIds();
    expect(await runSweep(t.db, T)).toEqual(NOTHING);
    expect(await runSweep(t.db, at(T, HOUR))).toEqual(NOTHING);
    expect(await databaseState(t.db)).toEqual(once);
    expect(deliveredIds()).toEqual(mailOnce);
  });

  it("three sweeps at once on separate connections: each due claim changes once, with one event", async () => {
    const c = await scenario();
    const before = Object.fromEntries(await Promise.all(untouched.map(async (k) => [k, await snapshot(t.db, c[k].id)] as const)));
    const mailBefore = deliveredIds();
    const pending = await t.db.outboxMessage.count({ where: { sentAt: null } });
    const nodes = [t.connect(), t.connect(), t.connect()];
    await Promise.all(nodes.map((db) => db.$queryRaw`SELECT 1 AS one`));
    const summaries = await Promise.all(nodes.map((db) => runSweep(db, T)));
    const total = summaries.reduce(
      (sum, s) => ({
        autoRejected: sum.autoRejected + s.autoRejected,
        consentCompleted: sum.consentCompleted + s.consentCompleted,
        flaggedOverdue: sum.flaggedOverdue + s.flaggedOverdue,
        remindersQueued: sum.remindersQueued + s.remindersQueued,
        reviewersAlerted: sum.reviewersAlerted + s.reviewersAlerted,
        messagesDelivered: sum.messagesDelivered + s.messagesDelivered,
        filesRemoved: sum.filesRemoved + s.filesRemoved,
        webhooksDelivered: sum.webhooksDelivered + s.webhooksDelivered,
        sessionsPurged: sum.sessionsPurged + s.sessionsPurged,
      }),
      NOTHING,
    );
    expect(total).toEqual({ ...SWEPT, messagesDelivered: pending + 9 });
    await expectSweptOnce(c);
    for (const k of untouched) expect(await snapshot(t.db, c[k].id), k).toEqual(before[k]);
    const newlyDelivered = deliveredIds().slice(mailBefore.length);
    expect(newlyDelivered).toHaveLength(pending + 9);
    expect(new Set(newlyDelivered).size).toBe(pending + 9);
    expect(await t.db.outboxMessage.count({ where: { sentAt: null } })).toBe(0);
  });

  it("deadlines are inclusive: nothing happens at dueAt itself, everything one millisecond later", async () => {
    const start = new Date("2026-04-06T09:00:00.000Z"); // Monday
    const par = (await claimIn(t.db, w, "PARTNER_ACTION_REQUIRED", { start })).claim;
    const review = (await claimIn(t.db, w, "UNDER_REVIEW", { start })).claim;
    const approved = await claimIn(t.db, w, "APPROVED", { start });
    expect(par.dueAt).toEqual(endOfUtcDay("2026-04-13"));
    expect(approved.claim.consentEndsAt).toEqual(endOfUtcDay("2026-04-13"));

    await runSweep(t.db, at(par.dueAt!, -1));
    expect((await t.db.claim.findUniqueOrThrow({ where: { id: par.id } })).status).toBe("PARTNER_ACTION_REQUIRED");
    expect((await t.db.claim.findUniqueOrThrow({ where: { id: review.id } })).overdue).toBe(false);
    expect((await t.db.claim.findUniqueOrThrow({ where: { id: approved.claim.id } })).sentForIncentiveAssessmentAt).toBeNull();

    // the consent window ends AT consentEndsAt: the sweep completes it and the customer can no longer deny
    await runSweep(t.db, par.dueAt!);
    expect((await t.db.claim.findUniqueOrThrow({ where: { id: par.id } })).status).toBe("PARTNER_ACTION_REQUIRED");
    expect((await t.db.claim.findUniqueOrThrow({ where: { id: review.id } })).overdue).toBe(false);
    expect((await t.db.claim.findUniqueOrThrow({ where: { id: approved.claim.id } })).sentForIncentiveAssessmentAt).toEqual(par.dueAt);
    await expectClaimError(denyConsent(t.db, approved.consentToken!, {}, { now: at(par.dueAt!, -1) }), "GONE");

    await runSweep(t.db, at(par.dueAt!, 1));
    expect(await t.db.claim.findUniqueOrThrow({ where: { id: par.id } })).toMatchObject({ status: "REJECTED", rejectionReason: "NO_PARTNER_RESPONSE" });
    expect((await t.db.claim.findUniqueOrThrow({ where: { id: review.id } })).overdue).toBe(true);
    // an approved claim sent for assessment is final: comments are closed
    await expectClaimError(addComment(t.db, w.partnerA.actor, approved.claim.id, { body: "thanks" }, { now: at(par.dueAt!, HOUR) }), "INVALID_TRANSITION");
    await expectStatusCountsConsistent(t.db);
  });

  it("a partner resubmitting while the sweep auto-rejects: exactly one of them changes the claim", async () => {
    const start = new Date("2026-05-04T09:00:00.000Z"); // Monday
    const { claim } = await claimIn(t.db, w, "PARTNER_ACTION_REQUIRED", { start });
    const late = at(claim.dueAt!, MINUTE);
    const [sweepDb, partnerDb] = [t.connect(), t.connect()];
    const [swept, resubmitted] = await Promise.allSettled([
      runSweep(sweepDb, late),
      resubmitClaim(partnerDb, w.partnerA.actor, claim.id, { comment: "Sorry, here it is." }, { now: late }),
    ]);
    expect(swept.status).toBe("fulfilled");
    const row = await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } });
    const fromPar = await t.db.claimEvent.findMany({ where: { claimId: claim.id, type: "STATUS_CHANGED", fromStatus: "PARTNER_ACTION_REQUIRED" } });
    expect(fromPar).toHaveLength(1);
    expect(fromPar[0].toStatus).toBe(row.status);
    expect(row.version).toBe(claim.version + 1);
    if (resubmitted.status === "fulfilled") {
      expect(row.status).toBe("UNDER_REVIEW");
    } else {
      expect(resubmitted.reason).toBeInstanceOf(ClaimError);
      expect(["CONFLICT", "INVALID_TRANSITION"]).toContain((resubmitted.reason as ClaimError).code);
      expect(row).toMatchObject({ status: "REJECTED", rejectionReason: "NO_PARTNER_RESPONSE" });
      // the refused resubmit's comment did not survive either
      expect(await t.db.comment.count({ where: { claimId: claim.id, body: "Sorry, here it is." } })).toBe(0);
    }
    await expectStatusCountsConsistent(t.db);
  });

  it("auto-rejects exactly the claims decide() allows to expire, adding sla.partnerActionSeconds", async () => {
    const now = new Date("2026-08-14T12:00:00.000Z");
    const start = new Date("2026-08-03T09:00:00.000Z"); // Monday
    // Deadlines around `now` (and none at all); information requested 100.5 s before `now` for the rounding.
    const offsets = [-DAY, -1, 0, 1, null];
    const claims = await Promise.all(offsets.map(async () => (await claimIn(t.db, w, "PARTNER_ACTION_REQUIRED", { start })).claim));
    const infoRequestedAt = at(now, -100_500);
    await Promise.all(
      claims.map((claim, i) =>
        t.db.claim.update({
          where: { id: claim.id },
          data: { dueAt: offsets[i] === null ? null : at(now, offsets[i]!), infoRequestedAt },
        }),
      ),
    );
    const before = await Promise.all(
      claims.map((claim) => t.db.claim.findUniqueOrThrow({ where: { id: claim.id }, include: claimDetailInclude })),
    );
    await runSweep(t.db, now);
    const rejected: boolean[] = [];
    for (const row of before) {
      const after = await t.db.claim.findUniqueOrThrow({ where: { id: row.id } });
      const allowed = decide(claimStateOf(row), "expire-partner-action", { kind: "system" }, now).ok;
      expect(after.status === "REJECTED", `dueAt ${row.dueAt?.toISOString()}`).toBe(allowed);
      if (allowed) expect(after.partnerActionSeconds).toBe(row.partnerActionSeconds + partnerActionSeconds(infoRequestedAt, now));
      rejected.push(allowed);
    }
    // The rule itself, so the test cannot pass with both sides wrong: strictly past the deadline, never without one.
    expect(rejected).toEqual([true, true, false, false, false]);
    await expectStatusCountsConsistent(t.db);
  });

  it("a failed delivery stays queued with its error and is retried later, with a growing delay, until delivered once", async () => {
    const now = new Date("2026-07-01T10:00:00.000Z");
    const message = await t.db.outboxMessage.create({
      data: { kind: "TEST", dedupeKey: "test:retry", recipient: "ops@test.example", subject: "s", body: "b", createdAt: now, availableAt: now },
    });
    const failing: MailTransport = {
      async send() {
        throw new Error("SMTP is down");
      },
    };
    const sent: string[] = [];
    const working: MailTransport = {
      async send(m) {
        sent.push(m.id);
      },
    };

    expect(await deliverOutbox(t.db, now, failing)).toBe(0);
    const first = await t.db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(first).toMatchObject({ sentAt: null, attempts: 1, body: "b" });
    expect(first.lastError).toContain("SMTP is down");
    const firstDelay = first.availableAt.getTime() - now.getTime();
    expect(firstDelay).toBeGreaterThan(0);

    // not retried before it is due again
    await deliverOutbox(t.db, at(first.availableAt, -1), working);
    expect(sent).not.toContain(message.id);

    await deliverOutbox(t.db, first.availableAt, failing);
    const second = await t.db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(second.attempts).toBe(2);
    expect(second.availableAt.getTime() - first.availableAt.getTime()).toBeGreaterThan(firstDelay);

    await deliverOutbox(t.db, second.availableAt, working);
    await deliverOutbox(t.db, at(second.availableAt, DAY), working);
    expect(sent.filter((id) => id === message.id)).toHaveLength(1);
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      sentAt: second.availableAt,
      attempts: 3,
      lastError: null,
      body: "[delivered; body removed]",
    });
  });

  describe("atomicity", () => {
    afterEach(async () => {
      await t.db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_refuse_overdue ON "ClaimEvent"`);
    });

    it("when the SLA_OVERDUE event cannot be written, no overdue flag is set either", async () => {
      const start = new Date("2026-06-01T09:00:00.000Z"); // Monday
      const { claim } = await claimIn(t.db, w, "SUBMITTED", { start });
      await t.db.$executeRawUnsafe(`
        CREATE OR REPLACE FUNCTION test_refuse_overdue() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.type = 'SLA_OVERDUE' THEN RAISE EXCEPTION 'test: SLA_OVERDUE events are refused'; END IF;
          RETURN NEW;
        END $$`);
      await t.db.$executeRawUnsafe(
        `CREATE TRIGGER test_refuse_overdue BEFORE INSERT ON "ClaimEvent" FOR EACH ROW EXECUTE FUNCTION test_refuse_overdue()`,
      );
      const before = await snapshot(t.db, claim.id);
      await expect(runSweep(t.db, at(claim.dueAt!, DAY))).rejects.toThrow(/SLA_OVERDUE events are refused/);
      expect(await snapshot(t.db, claim.id)).toEqual(before);
      await t.db.$executeRawUnsafe(`DROP TRIGGER test_refuse_overdue ON "ClaimEvent"`);
      await runSweep(t.db, at(claim.dueAt!, DAY));
      expect((await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } })).overdue).toBe(true);
    });
  });
});
