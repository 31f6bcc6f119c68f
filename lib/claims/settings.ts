// SLA durations, time zone and PoE size limit live in the database so that operators change them without a
// deploy. A change applies to stages that start after it: deadlines are computed once, when a stage starts,
// and stored on the claim (dueAt).
import type { z } from "zod";
import { recordAuditEvent, type AuditJson } from "../audit/record-audit-event";
import { defineNodeCache } from "../cache/invalidation";
import { getDb, isProcessClient, type Db } from "../db";
import { ClaimError } from "./errors";
import type { Actor } from "./lifecycle";
import { slaSettingsSchema } from "./schemas";
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from "./sla";

export const SLA_SETTINGS_KEY = "sla";

/** What an admin may change in one go; holidays are rows of their own (with names), not part of the value. */
export const slaSettingsPatchSchema = slaSettingsSchema.omit({ holidays: true }).partial();
export type SlaSettingsPatch = z.infer<typeof slaSettingsPatchSchema>;

/**
 * The one way to read the settings: stored values over the seed's defaults, plus the holiday calendar. The
 * process's own client reads them from this node's cache, dropped at once when either table changes anywhere
 * (lib/cache/); a transaction or a test's client reads the tables. The cache is filled from the primary even for the
 * read client (getReadDb): filled from a lagging replica right after the announcement, it would keep the old value.
 */
export async function getSlaSettings(db: Pick<Db, "setting" | "holiday">): Promise<SlaSettings> {
  return isProcessClient(db) ? slaSettingsCache.get("sla", () => loadSlaSettings(getDb())) : loadSlaSettings(db);
}

const slaSettingsCache = defineNodeCache<SlaSettings>("settings", 1);

async function loadSlaSettings(db: Pick<Db, "setting" | "holiday">): Promise<SlaSettings> {
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

/**
 * An admin's change of the settings, merged over what is stored. Read, merge and write happen in one
 * transaction on the locked row (two admins saving at once both keep their change), with a SETTINGS_CHANGED
 * audit event holding the stored value before and after.
 */
function requireSettingsAdmin(actor: Actor): void {
  if (actor.kind === "customer" || (actor.kind === "user" && actor.role !== "ADMIN")) {
    throw new ClaimError("FORBIDDEN", "Only admins can change the settings.");
  }
}

export async function updateSlaSettings(db: Db, actor: Actor, patch: SlaSettingsPatch, options: { now?: Date } = {}): Promise<SlaSettings> {
  requireSettingsAdmin(actor);
  const changes = slaSettingsPatchSchema.parse(patch);
  const now = options.now ?? new Date();
  const updatedById = actor.kind === "user" ? actor.userId : null;
  await db.$transaction(async (tx) => {
    // Create the row if it is missing (ON CONFLICT: a concurrent first save cannot fail), then lock it.
    const created = await tx.$executeRaw`
      INSERT INTO "Setting" ("key", "value", "updatedAt", "updatedById") VALUES (${SLA_SETTINGS_KEY}, '{}'::jsonb, ${now}, ${updatedById})
      ON CONFLICT ("key") DO NOTHING`;
    const [row] = await tx.$queryRaw<{ value: Record<string, unknown> }[]>`
      SELECT "value" FROM "Setting" WHERE "key" = ${SLA_SETTINGS_KEY} FOR UPDATE`;
    const before = created === 1 ? null : row.value;
    const merged = { ...(before ?? {}), ...changes };
    if (before !== null && JSON.stringify(merged) === JSON.stringify(before)) return;
    await tx.setting.update({ where: { key: SLA_SETTINGS_KEY }, data: { value: merged, updatedById, updatedAt: now } });
    if ("timeZone" in changes) await replanReminders(tx, now);
    await recordAuditEvent(tx, {
      type: "SETTINGS_CHANGED",
      actor,
      at: now,
      data: { key: SLA_SETTINGS_KEY, from: before as AuditJson, to: merged as AuditJson },
    });
  });
  return getSlaSettings(db);
}

/**
 * The partner-action reminders fall on business days in the portal's time zone, so a new holiday or zone moves
 * them: every stage still waiting for the partner is looked at again by the next sweep, which works out its
 * reminder times from the new calendar (lib/notifications/sweep-alerts.ts; a reminder sent before is not resent).
 */
async function replanReminders(tx: Pick<Db, "$executeRaw">, now: Date): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Claim" SET "nextReminderAt" = ${now.toISOString()}::timestamp(3)
    WHERE "status" = 'PARTNER_ACTION_REQUIRED' AND "dueAt" > ${now.toISOString()}::timestamp(3)`;
}

export const holidayInputSchema = slaSettingsSchema.shape.holidays.element;

/**
 * Adds (or renames) a holiday, or removes one: each a SETTINGS_CHANGED audit event keyed `holidays.<date>` with
 * the holiday's name before and after (null: no holiday), in the change's transaction, under the row's lock.
 */
export async function addHoliday(db: Db, actor: Actor, date: string, name: string, options: { now?: Date } = {}): Promise<void> {
  requireSettingsAdmin(actor);
  const day = holidayInputSchema.parse(date);
  await db.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ name: string }[]>`SELECT "name" FROM "Holiday" WHERE "date" = ${day} FOR UPDATE`;
    if (before?.name === name) return;
    await tx.holiday.upsert({ where: { date: day }, create: { date: day, name }, update: { name } });
    if (!before) await replanReminders(tx, options.now ?? new Date());
    await recordAuditEvent(tx, { type: "SETTINGS_CHANGED", actor, data: { key: `holidays.${day}`, from: before?.name ?? null, to: name } });
  });
}

export async function removeHoliday(db: Db, actor: Actor, date: string, options: { now?: Date } = {}): Promise<void> {
  requireSettingsAdmin(actor);
  await db.$transaction(async (tx) => {
    const [removed] = await tx.$queryRaw<{ name: string }[]>`DELETE FROM "Holiday" WHERE "date" = ${date} RETURNING "name"`;
    if (!removed) return;
    await replanReminders(tx, options.now ?? new Date());
    await recordAuditEvent(tx, { type: "SETTINGS_CHANGED", actor, data: { key: `holidays.${date}`, from: removed.name, to: null } });
  });
}
