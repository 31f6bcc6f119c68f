// When the partner-action reminders are due (docs/domain.md "Notifications", reminder rule). Pure: the sweep
// passes `now`, the stage and the calendar.
//
// The k-business-day reminder is due at 00:00 (portal time zone) of the business day on which k business days
// remain, counting the deadline's own day: for a Friday deadline, the 2-day reminder is due Thursday 00:00 and the
// 1-day reminder Friday 00:00. Each is sent once per stage; one due before the stage began is skipped; a sweep
// that runs late sends only the latest one due.
import { endOfLocalDate, isBusinessDay, localDateOf, type BusinessCalendar } from "../claims/sla";

/** Business days left when a reminder goes out, earliest first. */
export const REMINDER_BUSINESS_DAYS = [2, 1] as const;

function previousLocalDate(localDate: string): string {
  const [y, m, d] = localDate.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** 00:00 (portal time) of the business day on which `k` business days remain before `deadline`, its day included. */
export function reminderDueAt(deadline: Date, k: number, cal: BusinessCalendar): Date {
  let day = localDateOf(deadline, cal);
  let remaining = isBusinessDay(day, cal) ? 1 : 0;
  while (remaining < k || !isBusinessDay(day, cal)) {
    day = previousLocalDate(day);
    if (isBusinessDay(day, cal)) remaining++;
  }
  // The instant after the previous local day ends is 00:00 of `day`, whatever the zone's offset.
  return new Date(endOfLocalDate(previousLocalDate(day), cal).getTime() + 1);
}

export type ReminderClock = (deadline: Date, k: number) => Date;

/**
 * reminderDueAt remembered per deadline's local date and k (it depends on nothing else): a sweep asks for thousands
 * of deadlines that share a few dates, and each answer walks the calendar in the portal's time zone.
 */
export function reminderClock(cal: BusinessCalendar): ReminderClock {
  const byDate = new Map<string, Date>();
  return (deadline, k) => {
    const key = `${localDateOf(deadline, cal)} ${k}`;
    let at = byDate.get(key);
    if (!at) byDate.set(key, (at = reminderDueAt(deadline, k, cal)));
    return at;
  };
}

/**
 * The reminder to send now (k), or null: the latest one whose time has come, provided it came after the stage began
 * and the deadline has not passed. Sending "once" is the caller's job (a unique key per stage and k).
 */
export function dueReminder(
  stageStartedAt: Date,
  deadline: Date,
  now: Date,
  cal: BusinessCalendar,
  dueAtOf: ReminderClock = (d, k) => reminderDueAt(d, k, cal),
): number | null {
  if (now.getTime() > deadline.getTime()) return null;
  let due: number | null = null;
  for (const k of REMINDER_BUSINESS_DAYS) {
    const at = dueAtOf(deadline, k).getTime();
    if (at <= now.getTime()) due = at >= stageStartedAt.getTime() ? k : null;
  }
  return due;
}

/**
 * When the sweep next has to look at a stage: the earliest reminder time at or after `from` (the stage's start
 * when it begins; just after `now` once a sweep has looked), or null when no reminder remains before the deadline.
 * The claim stores it (`nextReminderAt`) and the sweep reads only the claims whose time has come — an index probe —
 * instead of every deadline of the coming days. Looking only then sends exactly what looking at every sweep would:
 * dueReminder's answer changes only at these instants (tests/unit/notifications.test.ts holds the two equal).
 */
export function nextReminderAt(from: Date, deadline: Date, dueAtOf: ReminderClock): Date | null {
  let next: Date | null = null;
  for (const k of REMINDER_BUSINESS_DAYS) {
    const at = dueAtOf(deadline, k);
    if (at.getTime() >= from.getTime() && at.getTime() <= deadline.getTime() && (!next || at < next)) next = at;
  }
  return next;
}
