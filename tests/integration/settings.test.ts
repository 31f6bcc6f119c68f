import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addHoliday, getSlaSettings, removeHoliday, updateSlaSettings } from "../../lib/claims/settings";
import { DEFAULT_SLA_SETTINGS } from "../../lib/claims/sla";
import { claimIn, createWorld, endOfUtcDay, MONDAY, type World } from "../fixtures/claims";
import { createTestDatabase, pgAvailable, type TestDatabase } from "./test-db";

// Settings live in the database (no deploy to change them) and apply to stages that START after the
// change: deadlines already stored on claims stay as they were.
describe.skipIf(!pgAvailable)("SLA settings", () => {
  let t: TestDatabase;
  let world: World;

  beforeAll(async () => {
    t = await createTestDatabase();
    world = await createWorld(t.db);
  });
  afterAll(() => t?.drop());

  it("reads the seed's defaults when nothing is stored", async () => {
    expect(await getSlaSettings(t.db)).toEqual({ ...DEFAULT_SLA_SETTINGS, holidays: [] });
  });

  it("a longer Submitted SLA applies to claims submitted after the change, not before", async () => {
    // Monday 2 March 2026: 5 business days → Monday 9 March, end of day.
    const before = await claimIn(t.db, world, "SUBMITTED", { start: MONDAY });
    expect(before.claim.dueAt).toEqual(endOfUtcDay("2026-03-09"));

    await updateSlaSettings(t.db, world.admin.actor, { submittedBusinessDays: 10 });
    expect((await getSlaSettings(t.db)).submittedBusinessDays).toBe(10);

    const after = await claimIn(t.db, world, "SUBMITTED", { start: MONDAY });
    expect(after.claim.dueAt).toEqual(endOfUtcDay("2026-03-16"));
    const unchanged = await t.db.claim.findUniqueOrThrow({ where: { id: before.claim.id } });
    expect(unchanged.dueAt).toEqual(endOfUtcDay("2026-03-09"));
    await updateSlaSettings(t.db, world.admin.actor, { submittedBusinessDays: 5 });
  });

  it("a holiday moves deadlines of stages that start after it is added; removing it restores them", async () => {
    await addHoliday(t.db, world.admin.actor, "2026-03-04", "Test holiday");
    // Wednesday 4 March no longer counts: Monday 2 March + 5 business days = Tuesday 10 March.
    const claim = await claimIn(t.db, world, "SUBMITTED", { start: MONDAY });
    expect(claim.claim.dueAt).toEqual(endOfUtcDay("2026-03-10"));

    await removeHoliday(t.db, world.admin.actor, "2026-03-04");
    const again = await claimIn(t.db, world, "SUBMITTED", { start: MONDAY });
    expect(again.claim.dueAt).toEqual(endOfUtcDay("2026-03-09"));
  });

  it("the time zone decides which local day a stage starts on", async () => {
    // 23:30 UTC on Friday 6 March is already Saturday 7 March in Asia/Tokyo, so the deadline is the end of
    // Friday 13 March in Tokyo — nine hours before the end of the same date in UTC.
    await updateSlaSettings(t.db, world.admin.actor, { timeZone: "Asia/Tokyo" });
    const late = new Date("2026-03-06T23:30:00.000Z");
    const tokyo = await claimIn(t.db, world, "SUBMITTED", { start: late });
    // Start day Sat 7 Mar (Tokyo) → Mon 9 … Fri 13 → ends 23:59:59.999 Tokyo = 14:59:59.999 UTC.
    expect(tokyo.claim.dueAt).toEqual(new Date("2026-03-13T14:59:59.999Z"));
    await updateSlaSettings(t.db, world.admin.actor, { timeZone: "UTC" });
    const utc = await claimIn(t.db, world, "SUBMITTED", { start: late });
    // Start day Fri 6 Mar (UTC) → Mon 9 … Fri 13.
    expect(utc.claim.dueAt).toEqual(endOfUtcDay("2026-03-13"));
  });

  it("refuses an unknown time zone and out-of-range durations without storing anything", async () => {
    await expect(updateSlaSettings(t.db, world.admin.actor, { timeZone: "Mars/Olympus" })).rejects.toThrow();
    await expect(updateSlaSettings(t.db, world.admin.actor, { partnerActionBusinessDays: 0 })).rejects.toThrow();
    expect((await getSlaSettings(t.db)).timeZone).toBe("UTC");
    expect((await getSlaSettings(t.db)).partnerActionBusinessDays).toBe(5);
  });

  it("a change writes SETTINGS_CHANGED with the stored value before and after, by its admin; a refused one writes nothing", async () => {
    const audit = () => t.db.auditEvent.findMany({ where: { type: "SETTINGS_CHANGED" }, orderBy: { id: "asc" } });
    const before = (await audit()).length;
    const stored = (await t.db.setting.findUniqueOrThrow({ where: { key: "sla" } })).value;
    await updateSlaSettings(t.db, world.admin.actor, { consentCalendarDays: 9 });
    const rows = await audit();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      actorId: world.admin.id,
      actorRole: "ADMIN",
      data: { key: "sla", from: stored, to: { ...(stored as object), consentCalendarDays: 9 } },
    });
    expect((await t.db.setting.findUniqueOrThrow({ where: { key: "sla" } })).updatedById).toBe(world.admin.id);

    // The same value again changes nothing, so it records nothing; refusals store nothing either.
    await updateSlaSettings(t.db, world.admin.actor, { consentCalendarDays: 9 });
    await expect(updateSlaSettings(t.db, world.admin.actor, { consentCalendarDays: 0 })).rejects.toThrow();
    await expect(updateSlaSettings(t.db, world.reviewer.actor, { consentCalendarDays: 8 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await audit()).toHaveLength(before + 1);
    expect((await getSlaSettings(t.db)).consentCalendarDays).toBe(9);
    await updateSlaSettings(t.db, world.admin.actor, { consentCalendarDays: 7 });
  });

  it("adding, renaming and removing a holiday are audited with its name before and after; a no-op is not", async () => {
    const holidayEvents = () =>
      t.db.auditEvent.findMany({ where: { type: "SETTINGS_CHANGED", data: { path: ["key"], equals: "holidays.2026-12-24" } }, orderBy: { id: "asc" } });
    await addHoliday(t.db, world.admin.actor, "2026-12-24", "Christmas Eve");
    await addHoliday(t.db, world.admin.actor, "2026-12-24", "Christmas Eve");
    await addHoliday(t.db, world.admin.actor, "2026-12-24", "Réveillon");
    await removeHoliday(t.db, world.admin.actor, "2026-12-24");
    await removeHoliday(t.db, world.admin.actor, "2026-12-24");
    await expect(addHoliday(t.db, world.partnerA.actor, "2026-12-24", "Mine")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await holidayEvents()).map((e) => [e.actorId, e.data])).toEqual([
      [world.admin.id, { key: "holidays.2026-12-24", from: null, to: "Christmas Eve" }],
      [world.admin.id, { key: "holidays.2026-12-24", from: "Christmas Eve", to: "Réveillon" }],
      [world.admin.id, { key: "holidays.2026-12-24", from: "Réveillon", to: null }],
    ]);
    expect(await t.db.holiday.count({ where: { date: "2026-12-24" } })).toBe(0);
  });
});
