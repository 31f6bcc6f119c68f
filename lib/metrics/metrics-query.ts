// The period of GET /metrics and the /metrics page: inclusive local dates (portal time zone), at most 366 days.
import { z } from "zod";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_PERIOD_DAYS = 366;
export const DEFAULT_PERIOD_DAYS = 30;

const localDate = z
  .string()
  .regex(DATE, "Use YYYY-MM-DD")
  .refine((value) => {
    const d = new Date(`${value}T00:00:00.000Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
  }, "Not a calendar date");

/** Day number (days since 1970-01-01) of a valid "YYYY-MM-DD": plain calendar arithmetic, no time zone. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00.000Z`) / 86_400_000);
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export const metricsQuerySchema = z
  .object({ from: localDate.optional(), to: localDate.optional() })
  .superRefine((q, ctx) => {
    if (q.from && q.to) {
      const days = dayNumber(q.to) - dayNumber(q.from) + 1;
      if (days < 1) ctx.addIssue({ code: "custom", path: ["from"], message: "from must not be after to" });
      else if (days > MAX_PERIOD_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: `The period is at most ${MAX_PERIOD_DAYS} days` });
    }
  });
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

const count = z.int().min(0);
const stage = z.object({ decided: count, onTime: count });
/** The body of GET /metrics (documentation in the OpenAPI document; computeMetrics builds it). */
export const metricsResponseSchema = z.object({
  byStatus: z.record(z.string(), count).describe("Claims per status now, within what the caller may see."),
  decisions: z.object({ approved: count, rejected: count, byReason: z.record(z.string(), count) }),
  sla: z.object({ SUBMITTED: stage, UNDER_REVIEW: stage }).describe("Stages that ended in the period; onTime = ended by their deadline."),
  businessDaysToDecision: z.object({ p50: z.int().nullable(), p90: z.int().nullable(), target: z.int() }),
  overdueOverTime: z.array(z.object({ date: z.string(), overdue: count })),
  reviewers: z.array(z.object({ id: z.string(), name: z.string(), assigned: count, decided: count, overdue: count })),
}).meta({ id: "Metrics" });
