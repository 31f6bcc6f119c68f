// The admin's SLA settings.
import { z } from "zod";
import { isValidTimeZone } from "../sla";

export const slaSettingsSchema = z
  .object({
    submittedBusinessDays: z.int().min(1).max(60),
    underReviewBusinessDays: z.int().min(1).max(60),
    partnerActionBusinessDays: z.int().min(1).max(60),
    consentCalendarDays: z.int().min(1).max(90),
    decisionTargetBusinessDays: z.int().min(1).max(120),
    poeMaxBytes: z.int().min(1).max(1024 * 1024 * 1024),
    timeZone: z
      .string()
      .trim()
      .refine(isValidTimeZone, { error: "Enter an IANA time zone name, e.g. UTC or Europe/Paris" }),
    holidays: z
      .array(z.iso.date({ error: "Enter each holiday as a date, YYYY-MM-DD" }))
      // Sorted and de-duplicated so the stored calendar reads as a calendar.
      .overwrite((days) => [...new Set(days)].sort()),
  })
  .meta({ id: "SlaSettings", description: "SLA durations, time zone and holiday calendar." });
