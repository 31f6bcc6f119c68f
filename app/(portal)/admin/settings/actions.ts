"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOf, requireUser } from "@/lib/auth/session";
import { fieldErrorsFromZod } from "@/lib/claims/schemas";
import { addHoliday, holidayInputSchema, removeHoliday, slaSettingsPatchSchema, updateSlaSettings } from "@/lib/claims/settings";
import { getDb } from "@/lib/db";

export interface SettingsFormState {
  ok: boolean;
  message?: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

const MB = 1024 * 1024;
const NUMBER_FIELDS = [
  "submittedBusinessDays",
  "underReviewBusinessDays",
  "partnerActionBusinessDays",
  "consentCalendarDays",
  "decisionTargetBusinessDays",
] as const;

function toErrorMap(error: z.ZodError): Record<string, string> {
  return Object.fromEntries(fieldErrorsFromZod(error).map((e) => [e.path === "poeMaxBytes" ? "poeMaxMegabytes" : e.path, e.message]));
}

export async function saveSlaSettings(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const user = await requireUser(["ADMIN"]);
  const values = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]));
  const number = (key: string) => (values[key]?.trim() === "" ? Number.NaN : Number(values[key]));
  const parsed = slaSettingsPatchSchema.safeParse({
    ...Object.fromEntries(NUMBER_FIELDS.map((f) => [f, number(f)])),
    poeMaxBytes: Math.round(number("poeMaxMegabytes") * MB),
    timeZone: values.timeZone,
  });
  if (!parsed.success) return { ok: false, errors: toErrorMap(parsed.error), values };
  await updateSlaSettings(getDb(), actorOf(user), parsed.data);
  revalidatePath("/admin/settings");
  return { ok: true, values };
}

export async function addHolidayAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const user = await requireUser(["ADMIN"]);
  const values = { date: String(formData.get("date") ?? ""), name: String(formData.get("name") ?? "").trim() };
  const date = holidayInputSchema.safeParse(values.date);
  const errors: Record<string, string> = {};
  if (!date.success) errors.date = "Enter the holiday as a date, YYYY-MM-DD.";
  if (!values.name) errors.name = "Name the holiday, e.g. New Year's Day.";
  if (values.name.length > 100) errors.name = "Shorten the name to 100 characters or fewer.";
  if (Object.keys(errors).length) return { ok: false, errors, values };
  await addHoliday(getDb(), actorOf(user), values.date, values.name);
  revalidatePath("/admin/settings");
  return { ok: true };
}

export async function removeHolidayAction(formData: FormData): Promise<void> {
  const user = await requireUser(["ADMIN"]);
  await removeHoliday(getDb(), actorOf(user), String(formData.get("date") ?? ""));
  revalidatePath("/admin/settings");
}
