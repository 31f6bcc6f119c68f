// The partner-action reminders as the sweep finds them: each stage stores when the sweep next has to look at it
// (nextReminderAt), so a sweep before that time reads nothing; each look sends what is due and moves the time on;
// a new holiday brings every open stage back to "now" and the next sweep works out the new times.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimIn, createWorld, endOfUtcDay, type World } from "../fixtures/claims";
import { addHoliday } from "../../lib/claims/settings";
import { runSweep } from "../../lib/claims/sweep";
import type { MailTransport } from "../../lib/mail/deliver";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

const FRIDAY_13 = new Date("2026-03-13T09:00:00.000Z");
const transport: MailTransport = { send: async () => undefined }; // delivered nowhere: the test reads the history

describe.skipIf(!pgAvailable)("sweep: partner-action reminders by their stored time (PostgreSQL)", () => {
  let t: TestDatabase;
  let w: World;

  beforeAll(async () => {
    t = await createTestDatabase();
    w = await createWorld(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const nextOf = async (id: string) => (await t.db.claim.findUniqueOrThrow({ where: { id } })).nextReminderAt;
  const remindersOf = (id: string) =>
    t.db.claimEvent.findMany({ where: { claimId: id, type: "REMINDER_QUEUED" }, select: { at: true }, orderBy: { at: "asc" } });
  const sweepAt = async (iso: string) => (await runSweep(t.db, new Date(iso), { transport })).remindersQueued;

  it("looks at a stage only from its next reminder time: Thursday's 2-day reminder, Friday's 1-day, then none", async () => {
    const { claim } = await claimIn(t.db, w, "PARTNER_ACTION_REQUIRED", { start: FRIDAY_13 });
    expect(claim.dueAt).toEqual(endOfUtcDay("2026-03-20"));
    // request-info set the first reminder's time: Thursday 19 March 00:00 (2 business days left, Friday included)
    expect(await nextOf(claim.id)).toEqual(new Date("2026-03-19T00:00:00.000Z"));

    expect(await sweepAt("2026-03-18T23:59:59.999Z")).toBe(0);
    expect(await nextOf(claim.id)).toEqual(new Date("2026-03-19T00:00:00.000Z"));

    expect(await sweepAt("2026-03-19T08:00:00.000Z")).toBe(1);
    expect(await nextOf(claim.id)).toEqual(new Date("2026-03-20T00:00:00.000Z"));
    expect(await sweepAt("2026-03-19T20:00:00.000Z")).toBe(0);

    expect(await sweepAt("2026-03-20T06:00:00.000Z")).toBe(1);
    expect(await nextOf(claim.id)).toBeNull();
    expect(await sweepAt("2026-03-20T18:00:00.000Z")).toBe(0);
    expect((await remindersOf(claim.id)).map((e) => e.at.toISOString())).toEqual(["2026-03-19T08:00:00.000Z", "2026-03-20T06:00:00.000Z"]);
  });

  it("a holiday added while the partner works moves the reminder: the next sweep works out the new time", async () => {
    const { claim } = await claimIn(t.db, w, "PARTNER_ACTION_REQUIRED", { start: new Date("2026-03-27T09:00:00.000Z") });
    expect(claim.dueAt).toEqual(endOfUtcDay("2026-04-03"));
    expect(await nextOf(claim.id)).toEqual(new Date("2026-04-02T00:00:00.000Z"));

    // Thursday 2 April becomes a holiday: 2 business days before Friday's deadline is now Wednesday 1 April.
    const changedAt = new Date("2026-03-31T10:00:00.000Z");
    await addHoliday(t.db, w.admin.actor, "2026-04-02", "Test holiday", { now: changedAt });
    expect(await nextOf(claim.id)).toEqual(changedAt);

    expect(await sweepAt("2026-03-31T10:00:00.000Z")).toBe(0);
    expect(await nextOf(claim.id)).toEqual(new Date("2026-04-01T00:00:00.000Z"));
    expect(await sweepAt("2026-04-01T07:00:00.000Z")).toBe(1);
    expect(await nextOf(claim.id)).toEqual(new Date("2026-04-03T00:00:00.000Z"));
  });
});
