"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ADMIN_FORM_IDLE, type AdminFormState } from "@/lib/admin/form-state";
import { describedBy, Field } from "./field";

type Action = (state: AdminFormState, data: FormData) => Promise<AdminFormState>;

const INPUT = "w-full rounded border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600";
const BUTTON = "rounded bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-50";
const SMALL = "rounded border border-slate-300 px-2 py-1 text-sm";

function Status({ state, ok }: { state: AdminFormState; ok: string }) {
  if (state.seq === 0) return null;
  const error = state.ok ? null : (Object.values(state.errors ?? {})[0] ?? state.message);
  return (
    <p role="status" className={state.ok ? "text-sm text-green-800" : "text-sm text-red-700"}>
      {state.ok ? ok : error}
    </p>
  );
}

export function CreateOrganizationForm({ action }: { action: Action }) {
  const t = useTranslations("adminOrganizations");
  const [state, formAction, pending] = useActionState(action, ADMIN_FORM_IDLE);
  const values = state.ok ? {} : (state.values ?? {});
  return (
    <form action={formAction} className="space-y-4" noValidate data-testid="create-organization-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="org-name" label={t("name")} error={state.errors?.name}>
          <input
            id="org-name"
            name="name"
            required
            defaultValue={values.name}
            key={`name-${state.seq}`}
            aria-invalid={state.errors?.name ? true : undefined}
            aria-describedby={describedBy("org-name", false, state.errors?.name)}
            className={INPUT}
          />
        </Field>
        <Field id="org-mpnIds" label={t("mpnIds")} hint={t("mpnIdsHint")} error={state.errors?.mpnIds ?? state.errors?.["mpnIds.0"]}>
          <input id="org-mpnIds" name="mpnIds" defaultValue={values.mpnIds} key={`mpn-${state.seq}`} className={INPUT} />
        </Field>
      </div>
      <button type="submit" className={BUTTON} disabled={pending}>
        {t("create")}
      </button>
      <Status state={state} ok={t("created", { name: state.values?.name ?? "" })} />
    </form>
  );
}

export function OrganizationForm(props: { action: Action; organization: { id: string; name: string } }) {
  const t = useTranslations("adminOrganizations");
  const [state, formAction, pending] = useActionState(props.action, ADMIN_FORM_IDLE);
  const { id, name } = props.organization;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2" data-testid={`organization-form-${id}`}>
      <input type="hidden" name="organizationId" value={id} />
      <div>
        <label htmlFor={`name-${id}`} className="block text-xs font-medium">
          {t("rename")}
        </label>
        <input id={`name-${id}`} name="name" defaultValue={name} className={SMALL} />
      </div>
      <div>
        <label htmlFor={`add-${id}`} className="block text-xs font-medium">
          {t("addMpnIds")}
        </label>
        <input id={`add-${id}`} name="addMpnIds" key={`add-${state.seq}`} className={SMALL} placeholder="1234567" />
      </div>
      <button type="submit" className={SMALL} disabled={pending}>
        {t("save")}
      </button>
      <Status state={state} ok={t("saved")} />
    </form>
  );
}

export function RetireMpnIdButton(props: { action: Action; organizationId: string; mpnId: string }) {
  const t = useTranslations("adminOrganizations");
  const [state, formAction, pending] = useActionState(props.action, ADMIN_FORM_IDLE);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="organizationId" value={props.organizationId} />
      <button type="submit" name="retire" value={props.mpnId} className="text-xs text-red-700 underline" disabled={pending}>
        {t("retire", { mpnId: props.mpnId })}
      </button>
      {state.seq > 0 && !state.ok ? <span className="ml-1 text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
