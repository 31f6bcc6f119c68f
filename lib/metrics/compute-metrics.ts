// Metrics (docs/domain.md, Administration › Metrics): figures over a period of inclusive local dates in the
// portal time zone, for what the actor may see (visibilityScope is the one rule; partners get no reviewer rows).
//
// Deadlines of ended stages: the STATUS_CHANGED history does not store the deadline that applied, so it is
// recomputed with lib/claims/sla.ts from the claim's status history under the current SLA settings (a stage
// starting in SUBMITTED or UNDER_REVIEW gets stageDueAt; a review resumed after partner action gets the
// business days left when it was paused, like the lifecycle does). A settings change therefore re-judges
// older stages; stages still open use the dueAt stored on the claim.
//
// Every query is bounded by the period through an indexed column: Claim."decidedAt" (index added for this),
// ClaimEvent."at", and the current-stage reads walk (status, dueAt) / (reviewerId, status, dueAt).
import "server-only";
import { CLAIM_STATUSES, type ClaimStatus } from "../claims/catalogue";
import { ClaimError } from "../claims/errors";
import type { Actor } from "../claims/lifecycle";
import { statusCounts } from "../claims/queries";
import { getSlaSettings } from "../claims/settings";
import {
  businessDaysBetween,
  calendarOf,
  endOfLocalDate,
  isPastDeadline,
  localDateOf,
  pauseReviewClock,
  resumeReviewClock,
  stageDueAt,
  type BusinessCalendar,
  type SlaSettings,
} from "../claims/sla";
import { visibilityScope, type VisibilityScope } from "../claims/visibility";
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { dateOfDayNumber, dayNumber, DEFAULT_PERIOD_DAYS, MAX_PERIOD_DAYS, type MetricsQuery } from "./metrics-query";
import { nearestRank } from "./percentile";

export const METRIC_STAGES = ["SUBMITTED", "UNDER_REVIEW"] as const;
type MetricStage = (typeof METRIC_STAGES)[number];

export interface Metrics {
  byStatus: Record<ClaimStatus, number>;
  decisions: { approved: number; rejected: number; byReason: Record<string, number> };
  sla: Record<MetricStage, { decided: number; onTime: number }>;
  businessDaysToDecision: { p50: number | null; p90: number | null; target: number };
  overdueOverTime: { date: string; overdue: number }[];
  reviewers: { id: string; name: string; assigned: number; decided: number; overdue: number }[];
}

/** The SQL form of visibilityScope on a Claim aliased `c` (null: sees nothing). */
function scopeSql(scope: VisibilityScope): Prisma.Sql | null {
  switch (scope.kind) {
    case "nothing":
      return null;
    case "organization":
      return Prisma.sql`c."organizationId" = ${scope.organizationId}`;
    case "staff":
      return scope.excludeStatuses.length
        ? Prisma.sql`c."status"::text NOT IN (${Prisma.join(scope.excludeStatuses.map((s) => s as string))})`
        : Prisma.sql`TRUE`;
    case "everything":
      return Prisma.sql`TRUE`;
  }
}

/** The columns are timestamp(3) in UTC: compare with the instant written out. */
function ts(date: Date): Prisma.Sql {
  return Prisma.sql`${date.toISOString()}::timestamp(3)`;
}

export function resolvePeriod(query: MetricsQuery, now: Date, cal: BusinessCalendar): { from: string; to: string } {
  const to = query.to ?? (query.from ? dateOfDayNumber(Math.min(dayNumber(query.from) + DEFAULT_PERIOD_DAYS - 1, dayNumber(localDateOf(now, cal)))) : localDateOf(now, cal));
  const from = query.from ?? dateOfDayNumber(dayNumber(to) - DEFAULT_PERIOD_DAYS + 1);
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days < 1 || days > MAX_PERIOD_DAYS) {
    throw new ClaimError("VALIDATION", "The period is not valid.", [
      { path: "from", message: `from must not be after to, and the period is at most ${MAX_PERIOD_DAYS} days` },
    ]);
  }
  return { from, to };
}

type StatusEvent = { claimId: string; at: Date; fromStatus: ClaimStatus; toStatus: ClaimStatus };
type Stage = { claimId: string; stage: MetricStage; start: Date; end: Date | null; dueAt: Date };

/**
 * Replays one claim's status history: each SUBMITTED / UNDER_REVIEW stage with the deadline that applied,
 * the first decision, the submit, and the business days spent in partner action before that decision.
 */
export function replayClaim(events: StatusEvent[], settings: SlaSettings) {
  const cal = calendarOf(settings);
  const stages: Stage[] = [];
  let open: Stage | null = null;
  let reviewDaysLeft: number | null = null;
  let submittedAt: Date | null = null;
  let firstDecisionAt: Date | null = null;
  let partnerDays = 0;
  let partnerSince: Date | null = null;
  for (const e of events) {
    if (open) {
      open.end = e.at;
      stages.push(open);
      if (open.stage === "UNDER_REVIEW" && e.toStatus === "PARTNER_ACTION_REQUIRED") reviewDaysLeft = pauseReviewClock(e.at, open.dueAt, cal);
      open = null;
    }
    if (partnerSince) {
      if (!firstDecisionAt) partnerDays += Math.max(0, businessDaysBetween(partnerSince, e.at, cal));
      partnerSince = null;
    }
    if (e.toStatus === "SUBMITTED") {
      submittedAt ??= e.at;
      open = { claimId: e.claimId, stage: "SUBMITTED", start: e.at, end: null, dueAt: stageDueAt("SUBMITTED", e.at, settings) };
    } else if (e.toStatus === "UNDER_REVIEW") {
      const dueAt = e.fromStatus === "PARTNER_ACTION_REQUIRED" && reviewDaysLeft !== null
        ? resumeReviewClock(e.at, reviewDaysLeft, cal)
        : stageDueAt("UNDER_REVIEW", e.at, settings);
      open = { claimId: e.claimId, stage: "UNDER_REVIEW", start: e.at, end: null, dueAt };
    } else if (e.toStatus === "PARTNER_ACTION_REQUIRED") {
      partnerSince = e.at;
    } else if ((e.toStatus === "APPROVED" || e.toStatus === "REJECTED") && submittedAt && !firstDecisionAt) {
      firstDecisionAt = e.at;
    }
  }
  const businessDays = submittedAt && firstDecisionAt ? Math.max(0, businessDaysBetween(submittedAt, firstDecisionAt, cal) - partnerDays) : null;
  return { stages, open, businessDays };
}

export async function computeMetrics(db: Db, actor: Actor, query: MetricsQuery, now: Date = new Date()): Promise<Metrics> {
  const settings = await getSlaSettings(db);
  const cal = calendarOf(settings);
  const { from, to } = resolvePeriod(query, now, cal);
  const startAt = new Date(endOfLocalDate(dateOfDayNumber(dayNumber(from) - 1), cal).getTime() + 1);
  const endAt = endOfLocalDate(to, cal);
  const scope = visibilityScope(actor);
  const where = scopeSql(scope);
  const staff = scope.kind === "staff" || scope.kind === "everything";

  const days: string[] = [];
  for (let d = dayNumber(from); d <= dayNumber(to); d++) days.push(dateOfDayNumber(d));
  const empty: Metrics = {
    byStatus: Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as Record<ClaimStatus, number>,
    decisions: { approved: 0, rejected: 0, byReason: {} },
    sla: { SUBMITTED: { decided: 0, onTime: 0 }, UNDER_REVIEW: { decided: 0, onTime: 0 } },
    businessDaysToDecision: { p50: null, p90: null, target: settings.decisionTargetBusinessDays },
    overdueOverTime: days.map((date) => ({ date, overdue: 0 })),
    reviewers: [],
  };
  if (!where) return empty;

  const [byStatus, decided, stageEnds, openStages] = await Promise.all([
    statusCounts(db, actor),
    // Decisions of the period: the Claim_decidedAt index bounds the walk.
    db.$queryRaw<{ id: string; status: ClaimStatus; rejectionReason: string | null; reviewerId: string | null }[]>`
      SELECT c."id", c."status", c."rejectionReason"::text AS "rejectionReason", c."reviewerId" FROM "Claim" c
      WHERE c."decidedAt" >= ${ts(startAt)} AND c."decidedAt" <= ${ts(endAt)}
        AND c."status" IN ('APPROVED', 'REJECTED') AND ${where}`,
    // Review stages that ended from the period's start on (the ended-in-period ones feed `sla`; the later ones
    // were still open at the end of some day of the period and feed overdueOverTime). Bounded by ClaimEvent_at.
    db.$queryRaw<{ claimId: string }[]>`
      SELECT DISTINCT e."claimId" FROM "ClaimEvent" e JOIN "Claim" c ON c."id" = e."claimId"
      WHERE e."type" = 'STATUS_CHANGED' AND e."at" >= ${ts(startAt)}
        AND e."fromStatus" IN ('SUBMITTED', 'UNDER_REVIEW') AND ${where}`,
    // Stages open now whose stored deadline has passed (the only ones overdue at the end of a day of the
    // period, or now): a range of the (status, dueAt) index.
    db.$queryRaw<{ id: string; status: MetricStage; dueAt: Date | null; reviewerId: string | null }[]>`
      SELECT c."id", c."status", c."dueAt", c."reviewerId" FROM "Claim" c
      WHERE c."status" IN ('SUBMITTED', 'UNDER_REVIEW') AND c."dueAt" < ${ts(now)} AND ${where}`,
  ]);

  const decisions = { approved: 0, rejected: 0, byReason: {} as Record<string, number> };
  for (const row of decided) {
    if (row.status === "APPROVED") decisions.approved += 1;
    else {
      decisions.rejected += 1;
      const reason = row.rejectionReason ?? "UNSPECIFIED";
      decisions.byReason[reason] = (decisions.byReason[reason] ?? 0) + 1;
    }
  }

  // One history read for every claim the figures need (the claimId, id index per claim).
  const claimIds = [...new Set([...decided.map((r) => r.id), ...stageEnds.map((r) => r.claimId)])];
  const history = claimIds.length
    ? await db.claimEvent.findMany({
        where: { claimId: { in: claimIds }, type: "STATUS_CHANGED" },
        select: { claimId: true, at: true, fromStatus: true, toStatus: true },
        orderBy: [{ claimId: "asc" }, { id: "asc" }],
      })
    : [];
  const byClaim = new Map<string, StatusEvent[]>();
  for (const e of history) {
    if (!e.fromStatus || !e.toStatus) continue;
    const list = byClaim.get(e.claimId) ?? [];
    list.push({ claimId: e.claimId, at: e.at, fromStatus: e.fromStatus, toStatus: e.toStatus });
    byClaim.set(e.claimId, list);
  }
  const decidedIds = new Set(decided.map((r) => r.id));
  const sla = empty.sla;
  const durations: number[] = [];
  const ended: Stage[] = [];
  for (const [claimId, events] of byClaim) {
    const replay = replayClaim(events, settings);
    for (const stage of replay.stages) {
      if (!stage.end || stage.end < startAt) continue;
      ended.push(stage);
      if (stage.end <= endAt) {
        sla[stage.stage].decided += 1;
        if (!isPastDeadline(stage.dueAt, stage.end)) sla[stage.stage].onTime += 1;
      }
    }
    if (decidedIds.has(claimId) && replay.businessDays !== null) durations.push(replay.businessDays);
  }
  durations.sort((a, b) => a - b);

  // Overdue at the end of each day: the stage had started, its deadline had passed, and it had not yet ended.
  const intervals = [
    ...ended.map((s) => ({ start: s.start, end: s.end, dueAt: s.dueAt })),
    ...openStages.filter((c) => c.dueAt).map((c) => ({ start: null, end: null, dueAt: c.dueAt as Date })),
  ];
  const overdueOverTime = days.map((date) => {
    const endOfDay = endOfLocalDate(date, cal);
    const instant = endOfDay < now ? endOfDay : now;
    const overdue = intervals.filter(
      (s) => (s.start === null || s.start <= instant) && (s.end === null || s.end > instant) && isPastDeadline(s.dueAt, instant),
    ).length;
    return { date, overdue };
  });

  let reviewers: Metrics["reviewers"] = [];
  if (staff) {
    const [users, decisionsBy, held] = await Promise.all([
      db.user.findMany({ where: { role: "REVIEWER" }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
      // A reviewer's decisions are the approvals and rejections they made in the period (their history
      // events, bounded by ClaimEvent_at): the sweep's and the customer's are nobody's.
      db.$queryRaw<{ reviewerId: string | null }[]>`
        SELECT e."actorId" AS "reviewerId" FROM "ClaimEvent" e JOIN "Claim" c ON c."id" = e."claimId"
        WHERE e."type" = 'STATUS_CHANGED' AND e."at" >= ${ts(startAt)} AND e."at" <= ${ts(endAt)}
          AND e."toStatus" IN ('APPROVED', 'REJECTED') AND e."actorRole" = 'REVIEWER' AND ${where}`,
      // Held now: per holder, an index-only count on (reviewerId, status, …).
      db.claim.groupBy({ by: ["reviewerId"], where: { reviewerId: { not: null }, status: { in: [...METRIC_STAGES] } }, _count: { _all: true } }),
    ]);
    const heldBy = new Map(held.map((h) => [h.reviewerId, h._count._all]));
    const count = (rows: { reviewerId: string | null }[], id: string) => rows.filter((r) => r.reviewerId === id).length;
    reviewers = users.map((u) => ({
      id: u.id,
      name: u.name,
      assigned: heldBy.get(u.id) ?? 0,
      decided: count(decisionsBy, u.id),
      overdue: count(openStages.filter((c) => isPastDeadline(c.dueAt, now)), u.id),
    }));
  }

  return {
    byStatus,
    decisions,
    sla,
    businessDaysToDecision: { p50: nearestRank(durations, 50), p90: nearestRank(durations, 90), target: settings.decisionTargetBusinessDays },
    overdueOverTime,
    reviewers,
  };
}
