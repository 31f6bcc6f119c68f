// The SLA clock (domain.md "SLA clock"): business days in a configured time zone minus a holiday calendar.
// Pure on purpose: no clock, no settings lookup. `now` and the settings are parameters, so the sweep's
// `--now` back-fills and the tests evaluate exactly the instant they name.
//
// Representation: a local day is an integer "day number" (days since 1970-01-01 in the proleptic Gregorian
// calendar). Counting and stepping business days is then plain integer arithmetic that no DST change can
// disturb; the time zone is consulted only at the two edges — which local day an instant falls on, and which
// instant ends a local day. Both edges use @date-fns/tz's `tzOffset` (the primitive under TZDate) on instants,
// never the host's `Date` wall-clock constructor, so the result does not depend on the server's own TZ.
// Over ~300 lines on purpose: the calendar, the stage deadlines and the paused review clock are one rule.
import { tzOffset } from "@date-fns/tz";
import type { ClaimStatus } from "./catalogue";

export interface BusinessCalendar {
  timeZone: string;
  /** "YYYY-MM-DD" local dates in `timeZone`. */
  holidays: readonly string[];
}

export interface SlaSettings {
  /** SUBMITTED until review starts → overdue flag. */
  submittedBusinessDays: number;
  /** Decision; paused during PARTNER_ACTION_REQUIRED → overdue flag. */
  underReviewBusinessDays: number;
  /** → automatic rejection NO_PARTNER_RESPONSE. */
  partnerActionBusinessDays: number;
  /** Customer consent window. */
  consentCalendarDays: number;
  /** End-to-end target excluding partner-action time (metrics only). */
  decisionTargetBusinessDays: number;
  poeMaxBytes: number;
  timeZone: string;
  holidays: string[];
}

// Frozen because every caller shares this one object: an accidental `DEFAULT_SLA_SETTINGS.holidays.push(…)`
// would otherwise silently change every later deadline in the process.
export const DEFAULT_SLA_SETTINGS: SlaSettings = Object.freeze({
  submittedBusinessDays: 5,
  underReviewBusinessDays: 5,
  partnerActionBusinessDays: 5,
  consentCalendarDays: 7,
  decisionTargetBusinessDays: 10,
  poeMaxBytes: 25 * 1024 * 1024,
  timeZone: "UTC",
  holidays: Object.freeze([]) as unknown as string[],
});

/**
 * The stages whose deadline is a business-day SLA: the only statuses in which a claim can be overdue (the
 * dashboard's `overdue` filter, the API's `overdue` flag, the sweep). APPROVED has a deadline too, the
 * consent window's end, but a customer who stays silent is not late.
 */
export const SLA_STAGES = ["SUBMITTED", "UNDER_REVIEW", "PARTNER_ACTION_REQUIRED"] as const satisfies readonly ClaimStatus[];
export type SlaStage = (typeof SLA_STAGES)[number];
/** SLA stages that wait for a reviewer: past the deadline they are flagged overdue (the partner's stage is auto-rejected instead). */
export const REVIEW_STAGES = ["SUBMITTED", "UNDER_REVIEW"] as const satisfies readonly SlaStage[];
export const STAGES_WITH_DEADLINE = [...SLA_STAGES, "APPROVED"] as const satisfies readonly ClaimStatus[];
export type StageWithDeadline = (typeof STAGES_WITH_DEADLINE)[number];

export function isSlaStage(status: ClaimStatus): status is SlaStage {
  return (SLA_STAGES as readonly ClaimStatus[]).includes(status);
}

export type DeadlineView =
  | { kind: "left"; businessDays: number }
  | { kind: "due-today" }
  | { kind: "overdue"; businessDays: number }
  | { kind: "consent-ends"; at: Date }
  | { kind: "none" };

const MS_PER_DAY = 86_400_000;
/** Day number of Monday 1970-01-05, the anchor of the weekday arithmetic below. */
const A_MONDAY = 4;

// ---------------------------------------------------------------------------------------------------------
// Time zones

const validTimeZones = new Set<string>();

/** Whether `timeZone` is an IANA zone name this runtime knows (case-insensitive, as Intl accepts it). */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== "string" || timeZone === "") return false;
  if (validTimeZones.has(timeZone)) return true;
  try {
    // Intl is the authority: it is what tzOffset consults, and it rejects what TZDate would silently accept
    // (raw offsets such as "+01:00", which have no DST and no holidays and are not "time zone names").
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    return false;
  }
  validTimeZones.add(timeZone);
  return true;
}

function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) {
    throw new RangeError(`Unknown time zone "${String(timeZone)}": use an IANA name such as "UTC" or "Europe/Paris".`);
  }
}

/** Offset of `timeZone` from UTC at `instant`, in ms (positive east of Greenwich). */
function offsetMs(timeZone: string, instant: number): number {
  // Rounded to whole seconds: pre-1900 local mean times carry fractional minutes, and the day arithmetic
  // below needs the candidate instants it builds to compare equal when they describe the same offset.
  return Math.round(tzOffset(timeZone, new Date(instant)) * 60) * 1000;
}

// ---------------------------------------------------------------------------------------------------------
// Local days

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseLocalDate(localDate: string, what = "date"): number {
  const match = typeof localDate === "string" ? LOCAL_DATE.exec(localDate) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    // Round-trip check refuses dates JS would roll over, such as 2023-02-29 → 2023-03-01.
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
      return date.getTime() / MS_PER_DAY;
    }
  }
  throw new RangeError(`Invalid ${what} "${String(localDate)}": expected an existing calendar date as YYYY-MM-DD.`);
}

function formatDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function instantOf(date: Date, what: string): number {
  const time = date instanceof Date ? date.getTime() : NaN;
  if (Number.isNaN(time)) throw new RangeError(`Invalid ${what}: expected a valid Date.`);
  return time;
}

/** Day number of the local day (in `timeZone`) that `instant` falls on. */
function localDayOf(instant: number, timeZone: string): number {
  return Math.floor((instant + offsetMs(timeZone, instant)) / MS_PER_DAY);
}

function isWeekday(day: number): boolean {
  // 0..4 = Monday..Friday counted from the Monday anchor; the double modulo keeps negatives in range.
  return (((day - A_MONDAY) % 7) + 7) % 7 < 5;
}

/** Weekdays in [A_MONDAY, day), negative for days before the anchor; differences give weekdays in a range. */
function weekdaysBefore(day: number): number {
  const k = day - A_MONDAY;
  const weeks = Math.floor(k / 7);
  return weeks * 5 + Math.min(k - weeks * 7, 5);
}

/**
 * The last instant of local day `day`: the latest instant whose wall clock reads 23:59:59.999 that day, or,
 * where the zone skips that reading, the last instant before the next day begins.
 */
function endOfLocalDayNumber(day: number, timeZone: string): number {
  const wall = (day + 1) * MS_PER_DAY - 1; // 23:59:59.999 of `day`, expressed as if it were UTC
  // A day has at most one offset change near its end, so the offsets one day either side are the only ones
  // that can apply. Each gives a candidate instant, real if the zone has that very offset at that instant.
  const offsets = [offsetMs(timeZone, wall - MS_PER_DAY), offsetMs(timeZone, wall + MS_PER_DAY)];
  const candidates = offsets.filter((offset) => offsetMs(timeZone, wall - offset) === offset).map((o) => wall - o);
  if (candidates.length > 0) {
    // Two candidates = a fall-back repeats 23:59:59.999 (America/Santiago turns 24:00 back to 23:00): the
    // day ends at the second one, so a deadline never loses the repeated hour.
    return Math.max(...candidates);
  }
  // 23:59:59.999 itself was skipped by a spring-forward gap — America/Nuuk jumps from Saturday 23:00 straight
  // to Sunday 00:00 every March; Pacific/Apia skipped 2011-12-30 whole. The day then ends one ms before the
  // first instant that reads as a later day (Nuuk: 22:59:59.999), the last instant the day really has.
  let lo = wall - Math.max(...offsets) - MS_PER_DAY; // reads as an earlier day
  let hi = wall - Math.min(...offsets) + MS_PER_DAY; // reads as a later day
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDayOf(mid, timeZone) > day) hi = mid;
    else lo = mid;
  }
  return lo;
}

interface ParsedCalendar {
  timeZone: string;
  holidays: ReadonlySet<number>;
  /** Holidays that fall on a weekday, ascending: only those remove a business day. */
  weekdayHolidays: readonly number[];
}

// Parsed on every public call rather than cached by array identity: a calendar is a plain object the
// caller may have built and mutated, and a few dozen holiday strings parse in microseconds.
function parseCalendar(cal: BusinessCalendar): ParsedCalendar {
  assertTimeZone(cal.timeZone);
  const holidays = new Set<number>();
  for (const holiday of cal.holidays) holidays.add(parseLocalDate(holiday, "holiday"));
  const weekdayHolidays = [...holidays].filter(isWeekday).sort((a, b) => a - b);
  return { timeZone: cal.timeZone, holidays, weekdayHolidays };
}

function isBusinessDayNumber(day: number, cal: ParsedCalendar): boolean {
  return isWeekday(day) && !cal.holidays.has(day);
}

/** Business days in the half-open day range (a, b], for a ≤ b. */
function countBusinessDays(a: number, b: number, cal: ParsedCalendar): number {
  let count = weekdaysBefore(b + 1) - weekdaysBefore(a + 1);
  for (const holiday of cal.weekdayHolidays) {
    if (holiday > b) break;
    if (holiday > a) count -= 1;
  }
  return count;
}

function assertWholeDays(n: number, min: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < min) {
    throw new RangeError(`${what} must be a whole number ≥ ${min}, got ${String(n)}.`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Public API

/** The calendar part of the settings, validated (throws RangeError on an unknown zone or a malformed holiday). */
export function calendarOf(settings: SlaSettings): BusinessCalendar {
  parseCalendar(settings);
  // A copy, so that later edits of the settings object cannot change a calendar already handed out.
  return { timeZone: settings.timeZone, holidays: Object.freeze([...settings.holidays]) };
}

/** "YYYY-MM-DD" of the local day (in cal.timeZone) that `instant` falls on. */
export function localDateOf(instant: Date, cal: BusinessCalendar): string {
  assertTimeZone(cal.timeZone);
  return formatDayNumber(localDayOf(instantOf(instant, "instant"), cal.timeZone));
}

/** The last instant (local 23:59:59.999 in cal.timeZone) of the local date "YYYY-MM-DD". */
export function endOfLocalDate(localDate: string, cal: BusinessCalendar): Date {
  assertTimeZone(cal.timeZone);
  return new Date(endOfLocalDayNumber(parseLocalDate(localDate), cal.timeZone));
}

/** Monday–Friday and not a holiday. `localDate` is "YYYY-MM-DD" in the calendar's zone. */
export function isBusinessDay(localDate: string, cal: BusinessCalendar): boolean {
  return isBusinessDayNumber(parseLocalDate(localDate), parseCalendar(cal));
}

/** End (23:59:59.999 in cal.timeZone) of the n-th business day AFTER the local day of `start` (start's own day never counts). n ≥ 1 integer. */
export function addBusinessDays(start: Date, n: number, cal: BusinessCalendar): Date {
  assertWholeDays(n, 1, "The number of business days");
  const parsed = parseCalendar(cal);
  let day = localDayOf(instantOf(start, "start"), parsed.timeZone);
  // Terminates: the holiday set is finite, so every week past the last holiday contributes five business days.
  for (let found = 0; found < n; ) {
    day += 1;
    if (isBusinessDayNumber(day, parsed)) found += 1;
  }
  return new Date(endOfLocalDayNumber(day, parsed.timeZone));
}

/** Business days d with localDay(from) < d ≤ localDay(to); negative when to < from. Property: businessDaysBetween(t, addBusinessDays(t, n)) === n. */
export function businessDaysBetween(from: Date, to: Date, cal: BusinessCalendar): number {
  const parsed = parseCalendar(cal);
  const a = localDayOf(instantOf(from, "from"), parsed.timeZone);
  const b = localDayOf(instantOf(to, "to"), parsed.timeZone);
  // `0 - n`, not `-n`: an empty backwards range must be 0, not -0 (which Object.is tells apart).
  return a <= b ? countBusinessDays(a, b, parsed) : 0 - countBusinessDays(b, a, parsed);
}

/** End of the n-th calendar day after start's local day (consent window). n ≥ 0 integer. */
export function addCalendarDays(start: Date, n: number, cal: BusinessCalendar): Date {
  assertWholeDays(n, 0, "The number of calendar days");
  assertTimeZone(cal.timeZone);
  const day = localDayOf(instantOf(start, "start"), cal.timeZone) + n;
  return new Date(endOfLocalDayNumber(day, cal.timeZone));
}

/** dueAt of a stage starting at `startedAt` (APPROVED → consent window end). */
export function stageDueAt(stage: StageWithDeadline, startedAt: Date, settings: SlaSettings): Date {
  const cal = calendarOf(settings);
  switch (stage) {
    case "SUBMITTED":
      return addBusinessDays(startedAt, settings.submittedBusinessDays, cal);
    case "UNDER_REVIEW":
      return addBusinessDays(startedAt, settings.underReviewBusinessDays, cal);
    case "PARTNER_ACTION_REQUIRED":
      return addBusinessDays(startedAt, settings.partnerActionBusinessDays, cal);
    case "APPROVED":
      // Calendar days, as the seed says "seven days" for the customer, who does not keep business hours.
      return addCalendarDays(startedAt, settings.consentCalendarDays, cal);
    default:
      throw new RangeError(`No deadline is defined for stage "${String(stage satisfies never)}".`);
  }
}

/**
 * Pausing the review clock when the claim goes to PARTNER_ACTION_REQUIRED: business days left on the review,
 * at least 1. Counted like every deadline here — whole business days after today — so today's remaining hours
 * are the reviewer's loss, not the partner's.
 *
 * Why at least 1: the clock is paused for the partner's benefit, not the reviewer's. A reviewer who asks for
 * information on the review's last day (0 left) or after it (negative) would otherwise get the claim back
 * already overdue the moment the partner answers — the partner's prompt response would be reported as a
 * reviewer SLA breach, and the reviewer would have no time at all to read what the partner sent. One business
 * day is the smallest window in which "review what came back" is possible. (An overdue review that went to the
 * partner thus gets a fresh, short deadline; the earlier breach stays on record as its SLA_OVERDUE event.)
 */
export function pauseReviewClock(now: Date, reviewDueAt: Date, cal: BusinessCalendar): number {
  return Math.max(1, businessDaysBetween(now, reviewDueAt, cal));
}

/**
 * Resume on resubmit: new UNDER_REVIEW dueAt = addBusinessDays(now, remaining). A stored remainder below 1
 * (a row written before the minimum existed, or by hand) is raised to 1 for the same reason as in
 * pauseReviewClock; a non-integer is a bug upstream and throws.
 */
export function resumeReviewClock(now: Date, remainingBusinessDays: number, cal: BusinessCalendar): Date {
  if (!Number.isSafeInteger(remainingBusinessDays)) {
    throw new RangeError(`The remaining business days must be a whole number, got ${String(remainingBusinessDays)}.`);
  }
  return addBusinessDays(now, Math.max(1, remainingBusinessDays), cal);
}

/**
 * Whether a deadline has passed. `dueAt` is the last instant still in time (…23:59:59.999), so a claim is late
 * only strictly after it. Every deadline rule asks this: isOverdue, describeDeadline, the lifecycle's resubmit
 * and expire-partner-action guards, and (as `"dueAt" < now`) the sweep's and the list filter's SQL.
 */
export function isPastDeadline(dueAt: Date | null, now: Date): boolean {
  return dueAt !== null && instantOf(now, "now") > instantOf(dueAt, "dueAt");
}

/**
 * Whether a claim is overdue: in an SLA stage and past its deadline. The one definition behind the API's
 * `overdue` flag, the CSV export and the dashboard's `overdue` filter (queries.overdueWhere is its SQL form).
 * The stored `overdue` column is not consulted: it records that the sweep escalated the claim, and every
 * status change that sets a new deadline clears it.
 */
export function isOverdue(claim: { status: ClaimStatus; dueAt: Date | null }, now: Date): boolean {
  return isSlaStage(claim.status) && isPastDeadline(claim.dueAt, now);
}

/**
 * Whole seconds a claim spent waiting for the partner, from the information request to `now` (rounded, never
 * negative). The sweep's SQL computes the same expression for the claims it auto-rejects (sweep.ts, with an
 * integration test holding the two equal).
 */
export function partnerActionSeconds(infoRequestedAt: Date | null, now: Date): number {
  if (infoRequestedAt === null) return 0;
  return Math.max(0, Math.round((instantOf(now, "now") - instantOf(infoRequestedAt, "infoRequestedAt")) / 1000));
}

/** For display: a structured description the UI translates ("3 business days left", "due today", "overdue by 2", "consent window ends 4 Dec"). */
export function describeDeadline(
  status: ClaimStatus,
  dueAt: Date | null,
  now: Date,
  cal: BusinessCalendar,
): DeadlineView {
  if (dueAt === null) return { kind: "none" };
  if (status === "APPROVED") {
    // The end is shown even once past: the sweep, not the clock, sends the claim on, and until it runs the
    // window is what the partner and the customer are waiting for.
    return { kind: "consent-ends", at: new Date(instantOf(dueAt, "dueAt")) };
  }
  // EDITING has no clock and REJECTED is final; a leftover dueAt on such a row means nothing.
  if (!isSlaStage(status)) return { kind: "none" };
  if (isPastDeadline(dueAt, now)) {
    // At least 1: on the weekend after a Friday deadline no business day has passed yet, but "overdue by 0"
    // reads as "not overdue" to a person.
    return { kind: "overdue", businessDays: Math.max(1, businessDaysBetween(dueAt, now, cal)) };
  }
  if (localDateOf(now, cal) === localDateOf(dueAt, cal)) return { kind: "due-today" };
  // At least 1 for the same reason: a deadline on a later day whose days in between are all non-business
  // (possible only if a holiday was added after the deadline was stored) is still not "due today".
  return { kind: "left", businessDays: Math.max(1, businessDaysBetween(now, dueAt, cal)) };
}
