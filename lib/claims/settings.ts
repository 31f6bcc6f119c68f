// SLA durations, time zone and PoE size limit live in the database so that operators change them without a
// deploy. A change applies to stages that start after it: deadlines are computed once, when a stage starts,
// and stored on the claim (dueAt).
import { z } from "zod";
import type { Db } from "../db";
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from "./sla";

export const SLA_SETTINGS_KEY = "sla";

const positiveDays = z.int().min(1).max(365);
export const slaSettingsPatchSchema = z
  .object({
    submittedBusinessDays: positiveDays,
    underReviewBusinessDays: positiveDays,
    partnerActionBusinessDays: positiveDays,
    consentCalendarDays: positiveDays,
    decisionTargetBusinessDays: positiveDays,
    poeMaxBytes: z.int().min(1024).max(1024 * 1024 * 1024),
    timeZone: z.string().refine(isTimeZone, "Unknown time zone: use an IANA name such as Europe/Paris"),
  })
  .partial();
export type SlaSettingsPatch = z.infer<typeof slaSettingsPatchSchema>;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The one way to read the settings: stored values over the seed's defaults, plus the holiday calendar. */
export async function getSlaSettings(db: Pick<Db, "setting" | "holiday">): Promise<SlaSettings> {
  const [row, holidays] = await Promise.all([
    db.setting.findUnique({ where: { key: SLA_SETTINGS_KEY } }),
    db.holiday.findMany({ select: { date: true }, orderBy: { date: "asc" } }),
  ]);
  const stored = slaSettingsPatchSchema.safeParse(row?.value ?? {});
  return {
    ...DEFAULT_SLA_SETTINGS,
    ...(stored.success ? stored.data : {}),
    holidays: holidays.map((h) => h.date),
  };
}

export async function updateSlaSettings(db: Db, patch: SlaSettingsPatch, updatedById: string | null): Promise<SlaSettings> {
  const current = await db.setting.findUnique({ where: { key: SLA_SETTINGS_KEY } });
  const merged = { ...((current?.value as object | null) ?? {}), ...slaSettingsPatchSchema.parse(patch) };
  await db.setting.upsert({
    where: { key: SLA_SETTINGS_KEY },
    create: { key: SLA_SETTINGS_KEY, value: merged, updatedById },
    update: { value: merged, updatedById },
  });
  return getSlaSettings(db);
}
