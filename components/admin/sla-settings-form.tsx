"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { SettingsFormState } from "@/app/(portal)/admin/settings/actions";
import { buttonClass, secondaryButtonClass } from "@/components/ui/button";
import { fieldControlProps, FormField } from "@/components/ui/form-field";

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
    <FormField path={name} label={t(name)} hint={hintKey ? t(hintKey) : undefined} error={state.errors?.[name]}>
      <input
        name={name}
        type="number"
        min={1}
        step={1}
        required
        defaultValue={values[name]}
        {...fieldControlProps(name, { hint: Boolean(hintKey), error: state.errors?.[name] })}
        className={INPUT}
      />
    </FormField>
  );
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        {numberField("submittedBusinessDays")}
        {numberField("underReviewBusinessDays")}
        {numberField("partnerActionBusinessDays")}
        {numberField("consentCalendarDays", "consentHint")}
        {numberField("decisionTargetBusinessDays", "decisionHint")}
        <FormField path="poeMaxMegabytes" label={t("poeMaxMegabytes")} error={state.errors?.poeMaxMegabytes}>
          <input
            name="poeMaxMegabytes"
            type="number"
            min={1}
            step="any"
            required
            defaultValue={values.poeMaxMegabytes}
            {...fieldControlProps("poeMaxMegabytes", { error: state.errors?.poeMaxMegabytes })}
            className={INPUT}
          />
        </FormField>
        <FormField path="timeZone" label={t("timeZone")} hint={t("timeZoneHint")} error={state.errors?.timeZone}>
          <input
            name="timeZone"
            required
            defaultValue={values.timeZone}
            {...fieldControlProps("timeZone", { hint: true, error: state.errors?.timeZone })}
            className={INPUT}
          />
        </FormField>
      </div>
      <div className="flex items-center gap-4">
        <button type="submit" disabled={pending} className={buttonClass}>
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
      <FormField path="holiday-date" label={t("holidayDate")} error={state.errors?.date}>
        <input
          name="date"
          type="date"
          required
          defaultValue={state.ok ? "" : state.values?.date}
          {...fieldControlProps("holiday-date", { error: state.errors?.date })}
          className="rounded border border-slate-300 px-3 py-2"
        />
      </FormField>
      <FormField path="holiday-name" label={t("holidayName")} error={state.errors?.name}>
        <input
          name="name"
          required
          maxLength={100}
          defaultValue={state.ok ? "" : state.values?.name}
          {...fieldControlProps("holiday-name", { error: state.errors?.name })}
          className="rounded border border-slate-300 px-3 py-2"
        />
      </FormField>
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {t("addHoliday")}
      </button>
    </form>
  );
}
