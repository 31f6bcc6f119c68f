import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLAIM_STATUSES } from "../../lib/claims/catalogue";
import {
  DEFAULT_SLA_SETTINGS,
  SLA_STAGES,
  addBusinessDays,
  addCalendarDays,
  businessDaysBetween,
  calendarOf,
  describeDeadline,
  endOfLocalDate,
  isBusinessDay,
  isOverdue,
  isPastDeadline,
  isValidTimeZone,
  localDateOf,
  partnerActionSeconds,
  pauseReviewClock,
  resumeReviewClock,
  stageDueAt,
  type BusinessCalendar,
  type SlaSettings,
} from "../../lib/claims/sla";

const UTC: BusinessCalendar = { timeZone: "UTC", holidays: [] };
const cal = (timeZone: string, holidays: string[] = []): BusinessCalendar => ({ timeZone, holidays });
const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

// The oracle for local wall-clock readings is date-fns + @date-fns/tz's `tz`, not the module under test.
const wall = (date: Date, timeZone: string, pattern = "yyyy-MM-dd HH:mm:ss.SSS") =>
  format(date, pattern, { in: tz(timeZone) });

describe("DEFAULT_SLA_SETTINGS", () => {
  it("holds the seed's durations, UTC and no holidays", () => {
    expect(DEFAULT_SLA_SETTINGS).toEqual({
      submittedBusinessDays: 5,
      underReviewBusinessDays: 5,
      partnerActionBusinessDays: 5,
      consentCalendarDays: 7,
      decisionTargetBusinessDays: 10,
      poeMaxBytes: 25 * 1024 * 1024,
      timeZone: "UTC",
      holidays: [],
    });
  });

  it("cannot be changed by accident", () => {
    expect(Object.isFrozen(DEFAULT_SLA_SETTINGS)).toBe(true);
    expect(() => DEFAULT_SLA_SETTINGS.holidays.push("2026-01-01")).toThrow(TypeError);
  });
});

describe("addBusinessDays: weekends", () => {
  it("Friday + 5 business days = the end of next Friday", () => {
    expect(iso(addBusinessDays(at("2025-01-03T10:00:00Z"), 5, UTC))).toBe("2025-01-10T23:59:59.999Z");
  });

  it("the start's own day never counts, even at its first or last millisecond", () => {
    expect(iso(addBusinessDays(at("2025-01-06T00:00:00.000Z"), 1, UTC))).toBe("2025-01-07T23:59:59.999Z");
    expect(iso(addBusinessDays(at("2025-01-06T23:59:59.999Z"), 1, UTC))).toBe("2025-01-07T23:59:59.999Z");
  });

  it("Friday + 1 skips the weekend; a weekend start counts from Monday", () => {
    expect(iso(addBusinessDays(at("2025-01-03T12:00:00Z"), 1, UTC))).toBe("2025-01-06T23:59:59.999Z");
    expect(iso(addBusinessDays(at("2025-01-04T12:00:00Z"), 1, UTC))).toBe("2025-01-06T23:59:59.999Z");
    expect(iso(addBusinessDays(at("2025-01-05T12:00:00Z"), 1, UTC))).toBe("2025-01-06T23:59:59.999Z");
    expect(iso(addBusinessDays(at("2025-01-04T12:00:00Z"), 5, UTC))).toBe("2025-01-10T23:59:59.999Z");
  });

  it("14 business days (the program's later setting) span two weekends", () => {
    expect(iso(addBusinessDays(at("2025-01-06T09:00:00Z"), 14, UTC))).toBe("2025-01-24T23:59:59.999Z");
  });
});

describe("addBusinessDays: holidays", () => {
  it("a weekday holiday is skipped", () => {
    const withWednesday = cal("UTC", ["2025-01-08"]);
    expect(iso(addBusinessDays(at("2025-01-03T10:00:00Z"), 5, withWednesday))).toBe("2025-01-13T23:59:59.999Z");
  });

  it("a holiday that falls on a weekend changes nothing (the calendar lists the day actually off)", () => {
    const withSaturday = cal("UTC", ["2025-01-04"]);
    expect(iso(addBusinessDays(at("2025-01-03T10:00:00Z"), 5, withSaturday))).toBe("2025-01-10T23:59:59.999Z");
    expect(businessDaysBetween(at("2025-01-03T10:00:00Z"), at("2025-01-10T10:00:00Z"), withSaturday)).toBe(5);
  });

  it("consecutive holidays after a weekend (a holiday week) are all skipped", () => {
    const week = cal("UTC", ["2025-12-22", "2025-12-23", "2025-12-24", "2025-12-25", "2025-12-26"]);
    expect(iso(addBusinessDays(at("2025-12-19T16:00:00Z"), 1, week))).toBe("2025-12-29T23:59:59.999Z");
  });

  it("the start day being a holiday does not matter: it never counts anyway", () => {
    const startIsHoliday = cal("UTC", ["2025-01-06"]);
    expect(iso(addBusinessDays(at("2025-01-06T10:00:00Z"), 1, startIsHoliday))).toBe("2025-01-07T23:59:59.999Z");
  });
});

describe("addBusinessDays: time zones", () => {
  // 05:00 UTC on Monday 6 January 2025 is 21:00 on Sunday 5 January in Los Angeles (UTC-8).
  const mondayUtcSundayLa = at("2025-01-06T05:00:00Z");

  it("counts from the local day of the start, not the UTC day", () => {
    expect(localDateOf(mondayUtcSundayLa, UTC)).toBe("2025-01-06");
    expect(localDateOf(mondayUtcSundayLa, cal("America/Los_Angeles"))).toBe("2025-01-05");
    // UTC: Monday does not count → Tuesday. Los Angeles: Sunday does not count → Monday.
    expect(iso(addBusinessDays(mondayUtcSundayLa, 1, UTC))).toBe("2025-01-07T23:59:59.999Z");
    expect(iso(addBusinessDays(mondayUtcSundayLa, 1, cal("America/Los_Angeles")))).toBe("2025-01-07T07:59:59.999Z");
  });

  it("ends the day at local 23:59:59.999 east of UTC as well (Asia/Kolkata, +05:30)", () => {
    expect(iso(addBusinessDays(at("2025-01-03T20:00:00Z"), 1, cal("Asia/Kolkata")))).toBe("2025-01-06T18:29:59.999Z");
  });

  it("reads holidays as local dates of the calendar's zone", () => {
    const la = cal("America/Los_Angeles", ["2025-01-06"]);
    expect(iso(addBusinessDays(mondayUtcSundayLa, 1, la))).toBe("2025-01-08T07:59:59.999Z");
  });
});

describe("addBusinessDays and addCalendarDays: DST changes", () => {
  const paris = cal("Europe/Paris");
  const newYork = cal("America/New_York");

  it("Europe/Paris, end of March (Sunday 30 March 2025, 02:00 → 03:00)", () => {
    const thursday = at("2025-03-27T11:00:00Z");
    expect(iso(addBusinessDays(thursday, 1, paris))).toBe("2025-03-28T22:59:59.999Z"); // CET, +01:00
    expect(iso(addBusinessDays(thursday, 2, paris))).toBe("2025-03-31T21:59:59.999Z"); // CEST, +02:00
    expect(wall(addBusinessDays(thursday, 2, paris), "Europe/Paris")).toBe("2025-03-31 23:59:59.999");
    expect(iso(addBusinessDays(at("2025-03-28T08:00:00Z"), 5, paris))).toBe("2025-04-04T21:59:59.999Z");
  });

  it("Europe/Paris, end of October (Sunday 26 October 2025, 03:00 → 02:00)", () => {
    expect(iso(addBusinessDays(at("2025-10-23T10:00:00Z"), 1, paris))).toBe("2025-10-24T21:59:59.999Z"); // CEST
    expect(iso(addBusinessDays(at("2025-10-24T10:00:00Z"), 1, paris))).toBe("2025-10-27T22:59:59.999Z"); // CET
    // The 25-hour day itself still ends at 23:59:59.999 local.
    expect(iso(addCalendarDays(at("2025-10-26T00:30:00Z"), 0, paris))).toBe("2025-10-26T22:59:59.999Z");
  });

  it("America/New_York, March and November 2025", () => {
    expect(iso(addBusinessDays(at("2025-03-07T20:00:00Z"), 1, newYork))).toBe("2025-03-11T03:59:59.999Z"); // EDT
    expect(iso(addBusinessDays(at("2025-10-31T20:00:00Z"), 1, newYork))).toBe("2025-11-04T04:59:59.999Z"); // EST
  });

  it("a 7-calendar-day consent window across the spring change ends at local 23:59:59.999", () => {
    const approved = at("2025-03-27T09:00:00Z");
    expect(iso(addCalendarDays(approved, 7, paris))).toBe("2025-04-03T21:59:59.999Z");
  });

  it("when a fall-back repeats the day's last hour, the day ends at the second 23:59:59.999 (America/Santiago)", () => {
    // Saturday 6 April 2024: at 24:00 (-03:00) clocks went back to 23:00 (-04:00).
    const end = addCalendarDays(at("2024-04-05T15:00:00Z"), 1, cal("America/Santiago"));
    expect(iso(end)).toBe("2024-04-07T03:59:59.999Z");
    expect(wall(end, "America/Santiago")).toBe("2024-04-06 23:59:59.999");
    expect(wall(new Date(end.getTime() + 1), "America/Santiago")).toBe("2024-04-07 00:00:00.000");
  });

  it("a midnight that does not exist does not disturb the day before (America/Santiago, 7 September 2024)", () => {
    expect(iso(addCalendarDays(at("2024-09-06T15:00:00Z"), 1, cal("America/Santiago")))).toBe(
      "2024-09-08T03:59:59.999Z",
    );
  });

  it("when 23:59:59.999 itself is skipped, the day ends at its last real instant (America/Nuuk, 29 March 2025)", () => {
    // Nuuk (-02:00) springs forward at 01:00 UTC, i.e. from Saturday 23:00 local straight to Sunday 00:00.
    const end = endOfLocalDate("2025-03-29", cal("America/Nuuk"));
    expect(iso(end)).toBe("2025-03-30T00:59:59.999Z");
    expect(wall(end, "America/Nuuk")).toBe("2025-03-29 22:59:59.999");
    expect(wall(new Date(end.getTime() + 1), "America/Nuuk")).toBe("2025-03-30 00:00:00.000");
  });

  it("a local day the zone skipped entirely ends where the next day begins (Pacific/Apia, 30 December 2011)", () => {
    expect(iso(endOfLocalDate("2011-12-30", cal("Pacific/Apia")))).toBe("2011-12-30T09:59:59.999Z");
  });
});

describe("month and year ends, leap days", () => {
  it("31 December → January, with 1 January a holiday", () => {
    const newYear = cal("UTC", ["2026-01-01"]);
    const newYearsEve = at("2025-12-31T10:00:00Z"); // Wednesday
    expect(iso(addBusinessDays(newYearsEve, 1, newYear))).toBe("2026-01-02T23:59:59.999Z");
    expect(iso(addBusinessDays(newYearsEve, 2, newYear))).toBe("2026-01-05T23:59:59.999Z");
    expect(businessDaysBetween(newYearsEve, at("2026-01-05T23:59:59.999Z"), newYear)).toBe(2);
  });

  it("end of a month", () => {
    expect(iso(addBusinessDays(at("2026-01-30T10:00:00Z"), 1, UTC))).toBe("2026-02-02T23:59:59.999Z");
  });

  it("29 February is a day like any other in a leap year, and does not exist otherwise", () => {
    expect(iso(addBusinessDays(at("2024-02-28T10:00:00Z"), 1, UTC))).toBe("2024-02-29T23:59:59.999Z");
    expect(iso(addBusinessDays(at("2024-02-28T10:00:00Z"), 2, UTC))).toBe("2024-03-01T23:59:59.999Z");
    expect(iso(addBusinessDays(at("2024-02-28T10:00:00Z"), 1, cal("UTC", ["2024-02-29"])))).toBe(
      "2024-03-01T23:59:59.999Z",
    );
    expect(iso(addCalendarDays(at("2024-02-25T10:00:00Z"), 7, UTC))).toBe("2024-03-03T23:59:59.999Z");
    expect(isBusinessDay("2024-02-29", UTC)).toBe(true);
    expect(() => isBusinessDay("2023-02-29", UTC)).toThrow(RangeError);
  });
});

describe("businessDaysBetween", () => {
  it("counts business days after from's day up to and including to's day", () => {
    expect(businessDaysBetween(at("2025-01-03T10:00:00Z"), at("2025-01-10T01:00:00Z"), UTC)).toBe(5);
    expect(businessDaysBetween(at("2025-01-06T01:00:00Z"), at("2025-01-06T23:00:00Z"), UTC)).toBe(0);
    expect(businessDaysBetween(at("2025-01-04T01:00:00Z"), at("2025-01-05T23:00:00Z"), UTC)).toBe(0);
  });

  it("is negative when to is before from", () => {
    expect(businessDaysBetween(at("2025-01-10T10:00:00Z"), at("2025-01-03T10:00:00Z"), UTC)).toBe(-5);
  });

  it("spans years with holidays", () => {
    const holidays = cal("UTC", ["2025-12-25", "2025-12-26", "2026-01-01"]);
    // 22 Dec 2025 (Mon) → 9 Jan 2026 (Fri): 14 weekdays, 3 of them holidays.
    expect(businessDaysBetween(at("2025-12-22T12:00:00Z"), at("2026-01-09T12:00:00Z"), holidays)).toBe(11);
  });
});

describe("isBusinessDay", () => {
  it("is Monday to Friday minus holidays", () => {
    const holidays = cal("UTC", ["2025-01-08"]);
    expect(["2025-01-06", "2025-01-07", "2025-01-08", "2025-01-09", "2025-01-10", "2025-01-11", "2025-01-12"].map((d) => isBusinessDay(d, holidays))).toEqual([
      true,
      true,
      false,
      true,
      true,
      false,
      false,
    ]);
  });

  it("refuses what is not a YYYY-MM-DD date", () => {
    for (const bad of ["2025-1-6", "2025-01-32", "06/01/2025", "2025-01-06T00:00:00Z", ""]) {
      expect(() => isBusinessDay(bad, UTC)).toThrow(RangeError);
    }
  });
});

describe("validation", () => {
  it("throws RangeError on an unknown time zone, and accepts IANA names", () => {
    expect(isValidTimeZone("Europe/Paris")).toBe(true);
    for (const bad of ["Mars/Olympus", "", "+01:00", "CEST"]) {
      expect(isValidTimeZone(bad)).toBe(false);
      expect(() => calendarOf({ ...DEFAULT_SLA_SETTINGS, timeZone: bad })).toThrow(RangeError);
      expect(() => addBusinessDays(at("2025-01-06T00:00:00Z"), 1, cal(bad))).toThrow(RangeError);
      expect(() => addCalendarDays(at("2025-01-06T00:00:00Z"), 1, cal(bad))).toThrow(RangeError);
      expect(() => businessDaysBetween(at("2025-01-06T00:00:00Z"), at("2025-01-07T00:00:00Z"), cal(bad))).toThrow(
        RangeError,
      );
      expect(() => localDateOf(at("2025-01-06T00:00:00Z"), cal(bad))).toThrow(RangeError);
    }
  });

  it("throws RangeError on a malformed holiday", () => {
    expect(() => calendarOf({ ...DEFAULT_SLA_SETTINGS, holidays: ["2025-02-30"] })).toThrow(/holiday/);
    expect(() => addBusinessDays(at("2025-01-06T00:00:00Z"), 1, cal("UTC", ["christmas"]))).toThrow(RangeError);
  });

  it("throws RangeError on a day count that is not a whole number ≥ 1, and on invalid dates", () => {
    for (const n of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => addBusinessDays(at("2025-01-06T00:00:00Z"), n, UTC)).toThrow(RangeError);
    }
    expect(() => addCalendarDays(at("2025-01-06T00:00:00Z"), -1, UTC)).toThrow(RangeError);
    expect(() => addBusinessDays(new Date(Number.NaN), 1, UTC)).toThrow(RangeError);
  });

  it("calendarOf copies the calendar, so later edits of the settings do not leak into it", () => {
    const settings: SlaSettings = { ...DEFAULT_SLA_SETTINGS, timeZone: "Europe/Paris", holidays: ["2025-05-01"] };
    const calendar = calendarOf(settings);
    settings.holidays.push("2025-05-08");
    expect(calendar).toEqual({ timeZone: "Europe/Paris", holidays: ["2025-05-01"] });
  });
});

describe("does not depend on the server's own time zone", () => {
  it("gives the same deadlines whatever process.env.TZ says", () => {
    const compute = () =>
      [
        addBusinessDays(at("2025-03-27T11:00:00Z"), 2, cal("Europe/Paris")),
        addBusinessDays(at("2025-01-06T05:00:00Z"), 1, cal("America/Los_Angeles")),
        addCalendarDays(at("2024-04-05T15:00:00Z"), 1, cal("America/Santiago")),
      ].map(iso);
    const original = process.env.TZ;
    const expected = compute();
    try {
      for (const zone of ["Pacific/Kiritimati", "America/Adak", "Asia/Kathmandu"]) {
        process.env.TZ = zone;
        expect(compute()).toEqual(expected);
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe("stageDueAt", () => {
  const friday = at("2025-01-03T10:00:00Z");

  it("uses each stage's setting", () => {
    expect(iso(stageDueAt("SUBMITTED", friday, DEFAULT_SLA_SETTINGS))).toBe("2025-01-10T23:59:59.999Z");
    expect(iso(stageDueAt("UNDER_REVIEW", friday, DEFAULT_SLA_SETTINGS))).toBe("2025-01-10T23:59:59.999Z");
    expect(iso(stageDueAt("PARTNER_ACTION_REQUIRED", friday, DEFAULT_SLA_SETTINGS))).toBe("2025-01-10T23:59:59.999Z");
    // The consent window is 7 calendar days, weekend included.
    expect(iso(stageDueAt("APPROVED", friday, DEFAULT_SLA_SETTINGS))).toBe("2025-01-10T23:59:59.999Z");
    expect(iso(stageDueAt("APPROVED", at("2025-01-06T10:00:00Z"), DEFAULT_SLA_SETTINGS))).toBe(
      "2025-01-13T23:59:59.999Z",
    );
  });

  it("follows changed durations, zone and holidays", () => {
    const settings: SlaSettings = {
      ...DEFAULT_SLA_SETTINGS,
      partnerActionBusinessDays: 14,
      timeZone: "Europe/Paris",
      holidays: ["2025-01-06"],
    };
    expect(iso(stageDueAt("PARTNER_ACTION_REQUIRED", friday, settings))).toBe("2025-01-24T22:59:59.999Z");
    expect(iso(stageDueAt("SUBMITTED", friday, settings))).toBe("2025-01-13T22:59:59.999Z");
  });
});

describe("pauseReviewClock / resumeReviewClock", () => {
  // Review started Monday 6 January 2025: due at the end of Monday 13 January.
  const reviewDueAt = addBusinessDays(at("2025-01-06T10:00:00Z"), 5, UTC);

  it("keeps the business days left after today, and gives them back from the resubmission", () => {
    const remaining = pauseReviewClock(at("2025-01-08T15:00:00Z"), reviewDueAt, UTC); // Wednesday
    expect(remaining).toBe(3); // Thursday, Friday, Monday
    expect(iso(resumeReviewClock(at("2025-01-14T09:00:00Z"), remaining, UTC))).toBe("2025-01-17T23:59:59.999Z");
  });

  it("always leaves at least one business day, on the due day and after it", () => {
    expect(pauseReviewClock(at("2025-01-13T09:00:00Z"), reviewDueAt, UTC)).toBe(1);
    expect(pauseReviewClock(at("2025-01-15T09:00:00Z"), reviewDueAt, UTC)).toBe(1);
    expect(iso(resumeReviewClock(at("2025-01-17T09:00:00Z"), 0, UTC))).toBe("2025-01-20T23:59:59.999Z");
    expect(() => resumeReviewClock(at("2025-01-17T09:00:00Z"), 2.5, UTC)).toThrow(RangeError);
  });
});

describe("isPastDeadline and isOverdue", () => {
  const dueAt = at("2025-01-10T23:59:59.999Z");
  const later = new Date(dueAt.getTime() + 1);
  it("is late only strictly after the last millisecond", () => {
    expect(isPastDeadline(dueAt, dueAt)).toBe(false);
    expect(isPastDeadline(dueAt, later)).toBe(true);
    expect(isPastDeadline(null, dueAt)).toBe(false);
  });
  it("counts a claim overdue only in an SLA stage past its deadline (the consent window's end is no SLA)", () => {
    const overdueIn = CLAIM_STATUSES.filter((status) => isOverdue({ status, dueAt }, later));
    expect(overdueIn).toEqual([...SLA_STAGES]);
    for (const status of CLAIM_STATUSES) {
      expect(isOverdue({ status, dueAt }, dueAt)).toBe(false);
      expect(isOverdue({ status, dueAt: null }, later)).toBe(false);
    }
  });
});

describe("partnerActionSeconds", () => {
  it("counts whole seconds from the request, rounded, never negative, 0 without a request", () => {
    const requested = at("2025-01-10T09:00:00.000Z");
    expect(partnerActionSeconds(requested, at("2025-01-10T09:01:40.499Z"))).toBe(100);
    expect(partnerActionSeconds(requested, at("2025-01-10T09:01:40.500Z"))).toBe(101);
    expect(partnerActionSeconds(requested, at("2025-01-10T08:00:00.000Z"))).toBe(0);
    expect(partnerActionSeconds(null, requested)).toBe(0);
  });
});

describe("describeDeadline", () => {
  const dueAt = at("2025-01-10T23:59:59.999Z"); // Friday

  it("counts business days left, due today, and overdue", () => {
    expect(describeDeadline("UNDER_REVIEW", dueAt, at("2025-01-08T12:00:00Z"), UTC)).toEqual({
      kind: "left",
      businessDays: 2,
    });
    expect(describeDeadline("UNDER_REVIEW", dueAt, at("2025-01-09T23:00:00Z"), UTC)).toEqual({
      kind: "left",
      businessDays: 1,
    });
    expect(describeDeadline("SUBMITTED", dueAt, at("2025-01-10T00:00:00Z"), UTC)).toEqual({ kind: "due-today" });
    expect(describeDeadline("SUBMITTED", dueAt, dueAt, UTC)).toEqual({ kind: "due-today" });
    expect(describeDeadline("PARTNER_ACTION_REQUIRED", dueAt, at("2025-01-11T00:00:00Z"), UTC)).toEqual({
      kind: "overdue",
      businessDays: 1,
    });
    expect(describeDeadline("UNDER_REVIEW", dueAt, at("2025-01-14T08:00:00Z"), UTC)).toEqual({
      kind: "overdue",
      businessDays: 2,
    });
  });

  it("reads 'today' in the calendar's zone", () => {
    const parisDue = addBusinessDays(at("2025-01-09T10:00:00Z"), 1, cal("Europe/Paris")); // Fri 10 Jan, 22:59:59.999Z
    // 23:30 UTC on Friday is already Saturday in Paris.
    expect(describeDeadline("UNDER_REVIEW", parisDue, at("2025-01-10T22:30:00Z"), cal("Europe/Paris"))).toEqual({
      kind: "due-today",
    });
    expect(describeDeadline("UNDER_REVIEW", parisDue, at("2025-01-10T23:30:00Z"), cal("Europe/Paris"))).toEqual({
      kind: "overdue",
      businessDays: 1,
    });
  });

  it("shows the consent window's end for APPROVED, and nothing where no clock runs", () => {
    expect(describeDeadline("APPROVED", dueAt, at("2025-01-05T00:00:00Z"), UTC)).toEqual({ kind: "consent-ends", at: dueAt });
    expect(describeDeadline("EDITING", dueAt, at("2025-01-05T00:00:00Z"), UTC)).toEqual({ kind: "none" });
    expect(describeDeadline("REJECTED", dueAt, at("2025-01-05T00:00:00Z"), UTC)).toEqual({ kind: "none" });
    expect(describeDeadline("UNDER_REVIEW", null, at("2025-01-05T00:00:00Z"), UTC)).toEqual({ kind: "none" });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties. Zones are chosen for their awkward rules: DST in both hemispheres, half-hour and 45-minute
// offsets, 30-minute DST (Lord Howe), +14, and DST changes at midnight (Santiago, Cairo, Beirut).

const ZONES = [
  "UTC",
  "Europe/Paris",
  "America/New_York",
  "America/Los_Angeles",
  "America/St_Johns",
  "America/Santiago",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Asia/Beirut",
  "Africa/Cairo",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "Pacific/Kiritimati",
] as const;

const DAY = 86_400_000;
const shiftDate = (localDate: string, days: number) =>
  new Date(Date.parse(`${localDate}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

const instantArb = fc.date({ min: new Date("1995-01-01T00:00:00Z"), max: new Date("2055-12-31T00:00:00Z"), noInvalidDate: true });

/** A start instant and a calendar whose holidays fall in the weeks after it, where they matter. */
const scenarioArb = fc
  .record({
    start: instantArb,
    timeZone: fc.constantFrom(...ZONES),
    holidayOffsets: fc.uniqueArray(fc.integer({ min: -3, max: 45 }), { maxLength: 12 }),
  })
  .map(({ start, timeZone, holidayOffsets }) => {
    const startDate = format(start, "yyyy-MM-dd", { in: tz(timeZone) });
    return { start, cal: cal(timeZone, holidayOffsets.map((offset) => shiftDate(startDate, offset))) };
  });

const nArb = fc.integer({ min: 1, max: 30 });

describe("properties", () => {
  it("businessDaysBetween(t, addBusinessDays(t, n)) === n", () => {
    fc.assert(
      fc.property(scenarioArb, nArb, ({ start, cal }, n) => {
        expect(businessDaysBetween(start, addBusinessDays(start, n, cal), cal)).toBe(n);
      }),
    );
  });

  it("the deadline never lands on a weekend or a holiday", () => {
    fc.assert(
      fc.property(scenarioArb, nArb, ({ start, cal }, n) => {
        const dueAt = addBusinessDays(start, n, cal);
        const localDate = wall(dueAt, cal.timeZone, "yyyy-MM-dd");
        expect(["Sat", "Sun"]).not.toContain(wall(dueAt, cal.timeZone, "EEE"));
        expect(cal.holidays).not.toContain(localDate);
        expect(isBusinessDay(localDate, cal)).toBe(true);
      }),
    );
  });

  it("the deadline is local 23:59:59.999, the last instant of its day", () => {
    fc.assert(
      fc.property(scenarioArb, nArb, ({ start, cal }, n) => {
        const dueAt = addBusinessDays(start, n, cal);
        expect(wall(dueAt, cal.timeZone, "HH:mm:ss.SSS")).toBe("23:59:59.999");
        const nextInstant = new Date(dueAt.getTime() + 1);
        expect(wall(nextInstant, cal.timeZone, "yyyy-MM-dd") > wall(dueAt, cal.timeZone, "yyyy-MM-dd")).toBe(true);
      }),
    );
  });

  it("is monotonic in n and in the start", () => {
    fc.assert(
      fc.property(scenarioArb, nArb, fc.integer({ min: 0, max: 10 * DAY }), ({ start, cal }, n, later) => {
        expect(addBusinessDays(start, n + 1, cal).getTime()).toBeGreaterThan(addBusinessDays(start, n, cal).getTime());
        const laterStart = new Date(start.getTime() + later);
        expect(addBusinessDays(laterStart, n, cal).getTime()).toBeGreaterThanOrEqual(
          addBusinessDays(start, n, cal).getTime(),
        );
      }),
    );
  });

  it("businessDaysBetween agrees with counting day by day, and is antisymmetric", () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: -60 * DAY, max: 60 * DAY }), ({ start, cal }, delta) => {
        const end = new Date(start.getTime() + delta);
        const [from, to] = delta >= 0 ? [start, end] : [end, start];
        let count = 0;
        for (let d = shiftDate(localDateOf(from, cal), 1); d <= localDateOf(to, cal); d = shiftDate(d, 1)) {
          if (isBusinessDay(d, cal)) count += 1;
        }
        expect(businessDaysBetween(from, to, cal)).toBe(count);
        expect(businessDaysBetween(to, from, cal)).toBe(0 - count);
      }),
    );
  });

  it("addCalendarDays ends the n-th local day after the start at 23:59:59.999", () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 40 }), ({ start, cal }, n) => {
        const end = addCalendarDays(start, n, cal);
        expect(wall(end, cal.timeZone)).toBe(`${shiftDate(wall(start, cal.timeZone, "yyyy-MM-dd"), n)} 23:59:59.999`);
      }),
    );
  });

  it("pause/resume: at least one day remains, and the resumed deadline is a business day's end", () => {
    fc.assert(
      fc.property(
        scenarioArb,
        nArb,
        fc.integer({ min: 0, max: 20 * DAY }),
        fc.integer({ min: 0, max: 20 * DAY }),
        ({ start, cal }, n, pausedAfter, resumedAfter) => {
          const reviewDueAt = addBusinessDays(start, n, cal);
          const pausedAt = new Date(start.getTime() + pausedAfter);
          const remaining = pauseReviewClock(pausedAt, reviewDueAt, cal);
          expect(remaining).toBeGreaterThanOrEqual(1);
          expect(remaining).toBeLessThanOrEqual(n);
          const resumedAt = new Date(pausedAt.getTime() + resumedAfter);
          const resumedDueAt = resumeReviewClock(resumedAt, remaining, cal);
          expect(wall(resumedDueAt, cal.timeZone, "HH:mm:ss.SSS")).toBe("23:59:59.999");
          expect(isBusinessDay(localDateOf(resumedDueAt, cal), cal)).toBe(true);
          expect(businessDaysBetween(resumedAt, resumedDueAt, cal)).toBe(remaining);
        },
      ),
    );
  });
});
