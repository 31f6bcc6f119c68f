"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { SettingsFormState } from "@/app/(portal)/admin/settings/actions";
import { describedBy, Field } from "./field";

type NumberSetting =
  | "submittedBusinessDays"
  | "underReviewBusinessDays"
  | "partnerActionBusinessDays"
  | "consentCalendarDays"
  | "decisionTargetBusinessDays";

type Action = (state: SettingsFormState, data: FormData) => Promise<SettingsFormState>;

const INPUT = "w-full max-w-xs rounded border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600";

export function SlaSettingsForm({ action, initial }: { action: Action; initial: Record<string, string> }) {
  const t = useTranslations("adminSettings");
  const [state, formAction, pending] = useActionState(action, { ok: false, values: initial });
  const values = state.values ?? initial;
  const numberField = (name: NumberSetting, hintKey?: "consentHint" | "decisionHint") => (
    <Field id={name} label={t(name)} hint={hintKey ? t(hintKey) : undefined} error={state.errors?.[name]}>
      <input
        id={name}
        name={name}
        type="number"
        min={1}
        step={1}
        required
        defaultValue={values[name]}
        aria-invalid={state.errors?.[name] ? true : undefined}
        aria-describedby={describedBy(name, Boolean(hintKey), state.errors?.[name])}
        className={INPUT}
      />
    </Field>
  );
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        {numberField("submittedBusinessDays")}
        {numberField("underReviewBusinessDays")}
        {numberField("partnerActionBusinessDays")}
        {numberField("consentCalendarDays", "consentHint")}
        {numberField("decisionTargetBusinessDays", "decisionHint")}
        <Field id="poeMaxMegabytes" label={t("poeMaxMegabytes")} error={state.errors?.poeMaxMegabytes}>
          <input
            id="poeMaxMegabytes"
            name="poeMaxMegabytes"
            type="number"
            min={1}
            step="any"
            required
            defaultValue={values.poeMaxMegabytes}
            aria-invalid={state.errors?.poeMaxMegabytes ? true : undefined}
            aria-describedby={describedBy("poeMaxMegabytes", false, state.errors?.poeMaxMegabytes)}
            className={INPUT}
          />
        </Field>
        <Field id="timeZone" label={t("timeZone")} hint={t("timeZoneHint")} error={state.errors?.timeZone}>
          <input
            id="timeZone"
            name="timeZone"
            required
            defaultValue={values.timeZone}
            aria-invalid={state.errors?.timeZone ? true : undefined}
            aria-describedby={describedBy("timeZone", true, state.errors?.timeZone)}
            className={INPUT}
          />
        </Field>
      </div>
      <div className="flex items-center gap-4">
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
          {t("save")}
        </button>
        <p aria-live="polite" className="text-sm">
          {state.ok ? <span className="text-emerald-800" data-testid="settings-saved">{t("saved")}</span> : null}
          {state.errors ? <span className="text-red-700">{t("fixErrors")}</span> : null}
        </p>
      </div>
    </form>
  );
}

export function HolidayForm({ action }: { action: Action }) {
  const t = useTranslations("adminSettings");
  const [state, formAction, pending] = useActionState(action, { ok: false });
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-4" noValidate>
      <Field id="holiday-date" label={t("holidayDate")} error={state.errors?.date}>
        <input
          id="holiday-date"
          name="date"
          type="date"
          required
          defaultValue={state.ok ? "" : state.values?.date}
          aria-invalid={state.errors?.date ? true : undefined}
          aria-describedby={describedBy("holiday-date", false, state.errors?.date)}
          className="rounded border border-slate-300 px-3 py-2"
        />
      </Field>
      <Field id="holiday-name" label={t("holidayName")} error={state.errors?.name}>
        <input
          id="holiday-name"
          name="name"
          required
          maxLength={100}
          defaultValue={state.ok ? "" : state.values?.name}
          aria-invalid={state.errors?.name ? true : undefined}
          aria-describedby={describedBy("holiday-name", false, state.errors?.name)}
          className="rounded border border-slate-300 px-3 py-2"
        />
      </Field>
      <button type="submit" disabled={pending} className="rounded border border-blue-700 px-4 py-2 font-medium text-blue-800 hover:bg-blue-50">
        {t("addHoliday")}
      </button>
    </form>
  );
}
