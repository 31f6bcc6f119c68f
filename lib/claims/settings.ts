// SLA durations, time zone and PoE size limit live in the database so that operators change them without a
// deploy. A change applies to stages that start after it: deadlines are computed once, when a stage starts,
// and stored on the claim (dueAt).
import type { z } from "zod";
import type { Db } from "../db";
import { slaSettingsSchema } from "./schemas";
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from "./sla";

export const SLA_SETTINGS_KEY = "sla";

/** What an admin may change in one go; holidays are rows of their own (with names), not part of the value. */
export const slaSettingsPatchSchema = slaSettingsSchema.omit({ holidays: true }).partial();
export type SlaSettingsPatch = z.infer<typeof slaSettingsPatchSchema>;

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

export const holidayInputSchema = slaSettingsSchema.shape.holidays.element;

export async function addHoliday(db: Db, date: string, name: string): Promise<void> {
  const day = holidayInputSchema.parse(date);
  await db.holiday.upsert({ where: { date: day }, create: { date: day, name }, update: { name } });
}

export async function removeHoliday(db: Db, date: string): Promise<void> {
  await db.holiday.deleteMany({ where: { date } });
}
