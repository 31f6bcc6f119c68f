// The retry schedule (docs/domain.md "Notifications"): pure, so the tests name exact instants.

/** Minutes to wait after the 1st, 2nd, 3rd and 4th failed attempt; then every 6 hours. */
const FIRST_DELAYS_MINUTES = [1, 5, 15, 60] as const;
const LATER_DELAY_MINUTES = 6 * 60;
/** After this many failed attempts the message is FAILED (shown on the admin outbox page, "send again"). */
export const MAX_ATTEMPTS = 10;

export type AfterFailure = { status: "QUEUED"; nextAttemptAt: Date } | { status: "FAILED" };

export function afterFailure(failedAttempts: number, now: Date): AfterFailure {
  if (failedAttempts >= MAX_ATTEMPTS) return { status: "FAILED" };
  const minutes = FIRST_DELAYS_MINUTES[failedAttempts - 1] ?? LATER_DELAY_MINUTES;
  return { status: "QUEUED", nextAttemptAt: new Date(now.getTime() + minutes * 60_000) };
}
