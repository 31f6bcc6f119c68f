// The sweep's figures, shared by `npm run bench -- scale` and `npm run bench -- sweep` (docs/performance-notes.md
// "Sweep"): the backlog the data holds worked without delivery (seconds, claims/s, the longest batch: no
// transaction over 2 s), the outbox delivered to a local SMTP server (messages/s, each message once), then a
// sweep with nothing due (ms, each step's share).
import type { Db } from "../../lib/db";
import { runTimedSweep, type SweepSummary } from "../../lib/claims/sweep";
import { formatSweepTimings, type SweepTimings } from "../../lib/claims/sweep-clock";
import { deliverOutbox, smtpTransport } from "../../lib/mail/deliver";
import { startSmtpSink } from "./smtp-sink";

export interface BacklogFigures {
  /** Claims past a deadline in an SLA stage when the sweep started. */
  due: number;
  seconds: number;
  /** Claims the sweep changed or announced (rejected + completed + flagged + announced to reviewers) per second. */
  claimsPerSecond: number;
  messagesQueued: number;
  summary: SweepSummary;
  timings: SweepTimings;
}

export interface DeliveryFigures {
  messages: number;
  seconds: number;
  perSecond: number;
  /** Messages the SMTP server received more than once (must be 0). */
  duplicates: number;
}

export interface IdleFigures {
  ms: number;
  summary: SweepSummary;
  timings: SweepTimings;
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "–");

export async function countDue(db: Db, now: Date): Promise<number> {
  return db.claim.count({ where: { status: { in: ["SUBMITTED", "UNDER_REVIEW", "PARTNER_ACTION_REQUIRED"] }, dueAt: { lt: now } } });
}

/** The backlog sweep, without delivery (its messages stay queued for measureDelivery). */
export async function measureBacklogSweep(db: Db): Promise<BacklogFigures> {
  const now = new Date();
  const due = await countDue(db, now);
  const queuedBefore = await db.outboxMessage.count({ where: { status: "QUEUED" } });
  const { summary, timings } = await runTimedSweep(db, now, { deliver: false });
  const seconds = timings.totalMs / 1000;
  const worked = summary.autoRejected + summary.consentCompleted + summary.flaggedOverdue + summary.reviewersAlerted;
  const messagesQueued = (await db.outboxMessage.count({ where: { status: "QUEUED" } })) - queuedBefore;
  console.log(`   sweep with ${fmt(due)} claims past a deadline, without delivery: ${fmt(seconds, 1)} s, ${fmt(worked / seconds)} claims/s; ${fmt(messagesQueued)} messages queued`);
  console.log(`   ${JSON.stringify(summary)}`);
  console.log(formatSweepTimings(timings).replace(/^ {2}/, "   "));
  return { due, seconds, claimsPerSecond: worked / seconds, messagesQueued, summary, timings };
}

/** Delivers the queued outbox (up to `maxMessages`) to an SMTP server started here. */
export async function measureDelivery(db: Db, maxMessages = Number.POSITIVE_INFINITY): Promise<DeliveryFigures> {
  const sink = await startSmtpSink();
  const transport = smtpTransport(sink.url);
  try {
    const started = performance.now();
    const messages = await deliverOutbox(db, new Date(), transport, maxMessages);
    const seconds = (performance.now() - started) / 1000;
    const duplicates = sink.received.length - new Set(sink.received).size;
    console.log(`   delivery to a local SMTP server: ${fmt(messages)} messages in ${fmt(seconds, 1)} s, ${fmt(messages / seconds)} messages/s; ${duplicates} received twice`);
    return { messages, seconds, perSecond: messages / seconds, duplicates };
  } finally {
    transport.close?.();
    await sink.close();
  }
}

/**
 * Sweeps with nothing due right after the backlog's: what every node pays every minute. The first one also walks
 * the index entries the backlog's updates left behind (until autovacuum, a scan marks them dead as it passes), so
 * the second is the steady state; both are printed, the target reads the second.
 */
export async function measureIdleSweep(db: Db): Promise<IdleFigures & { firstMs: number }> {
  const sink = await startSmtpSink();
  const transport = smtpTransport(sink.url);
  try {
    // Both at one instant: the first works what came due since the backlog run (and delivers what it queued), so
    // the second has nothing due by definition. On the real clock, the ±10-day deadlines of a million claims pass
    // at a few a minute, and the second run would time those instead.
    const now = new Date();
    const first = await runTimedSweep(db, now, { transport });
    const { summary, timings } = await runTimedSweep(db, now, { transport });
    console.log(`   sweep with nothing due: ${fmt(timings.totalMs, 1)} ms (the first after the backlog: ${fmt(first.timings.totalMs, 1)} ms)`);
    console.log(formatSweepTimings(timings).replace(/^ {2}/, "   "));
    return { ms: timings.totalMs, firstMs: first.timings.totalMs, summary, timings };
  } finally {
    transport.close?.();
    await sink.close();
  }
}
