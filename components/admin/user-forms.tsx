"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ADMIN_FORM_IDLE as INITIAL, type AdminFormState } from "@/lib/admin/form-state";
import { PARTNER_ROLES, USER_ROLES, type UserRole } from "@/lib/claims/catalogue";
import { describedBy, Field } from "./field";

type Action = (state: AdminFormState, data: FormData) => Promise<AdminFormState>;

const INPUT = "w-full rounded border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600";
const BUTTON = "rounded bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-50";

export function CreateUserForm(props: { action: Action; organizations: { id: string; name: string }[] }) {
  const t = useTranslations("adminUsers");
  const tRoles = useTranslations("roles");
  const [state, formAction, pending] = useActionState(props.action, INITIAL);
  const values = state.ok ? {} : (state.values ?? {});
  const input = (name: "email" | "name", type = "text") => (
    <Field id={`new-${name}`} label={t(name)} error={state.errors?.[name]}>
      <input
        id={`new-${name}`}
        name={name}
        type={type}
        required
        defaultValue={values[name]}
        key={`${name}-${state.seq}`}
        aria-invalid={state.errors?.[name] ? true : undefined}
        aria-describedby={describedBy(`new-${name}`, false, state.errors?.[name])}
        className={INPUT}
      />
    </Field>
  );
  return (
    <form action={formAction} className="space-y-4" noValidate data-testid="create-user-form">
      <div className="grid gap-4 sm:grid-cols-2">
        {input("email", "email")}
        {input("name")}
        <Field id="new-role" label={t("role")} error={state.errors?.role}>
          <select id="new-role" name="role" defaultValue={values.role ?? "PARTNER_ADMIN"} key={`role-${state.seq}`} className={INPUT}>
            {USER_ROLES.map((role) => (
              <option key={role} value={role}>
                {tRoles(role)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="new-organizationId" label={t("organization")} error={state.errors?.organizationId}>
          <select
            id="new-organizationId"
            name="organizationId"
            defaultValue={values.organizationId ?? ""}
            key={`org-${state.seq}`}
            aria-invalid={state.errors?.organizationId ? true : undefined}
            aria-describedby={describedBy("new-organizationId", false, state.errors?.organizationId)}
            className={INPUT}
          >
            <option value="">{t("noOrganization")}</option>
            {props.organizations.map((org) => (
              <option key={org.id} value={org.id}>
                {org.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <button type="submit" className={BUTTON} disabled={pending}>
        {t("create")}
      </button>
      <p role="status" className="text-sm" data-testid="create-user-status">
        {state.ok ? t("created", { email: state.values?.email ?? "" }) : state.message && !state.errors?.email ? state.message : null}
      </p>
    </form>
  );
}

/** The role picker offers only the roles of the user's family (partner or staff): the rule the server enforces. */
export function UserRowForm(props: { action: Action; user: { id: string; email: string; role: UserRole; active: boolean } }) {
  const t = useTranslations("adminUsers");
  const tRoles = useTranslations("roles");
  const [state, formAction, pending] = useActionState(props.action, INITIAL);
  const partner = PARTNER_ROLES.includes(props.user.role);
  const roles = USER_ROLES.filter((role) => PARTNER_ROLES.includes(role) === partner);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2" data-testid={`user-actions-${props.user.email}`}>
      <input type="hidden" name="userId" value={props.user.id} />
      <label className="sr-only" htmlFor={`role-${props.user.id}`}>
        {t("changeRole")}
      </label>
      <select id={`role-${props.user.id}`} name="role" defaultValue={props.user.role} className="rounded border border-slate-300 px-2 py-1 text-sm">
        {roles.map((role) => (
          <option key={role} value={role}>
            {tRoles(role)}
          </option>
        ))}
      </select>
      <button type="submit" name="intent" value="role" className="rounded border border-slate-300 px-2 py-1 text-sm" disabled={pending}>
        {t("saveRole")}
      </button>
      <button
        type="submit"
        name="intent"
        value={props.user.active ? "deactivate" : "reactivate"}
        className="rounded border border-slate-300 px-2 py-1 text-sm"
        disabled={pending}
      >
        {props.user.active ? t("deactivate") : t("reactivate")}
      </button>
      {state.seq > 0 ? (
        <span role="status" className={state.ok ? "text-sm text-green-800" : "text-sm text-red-700"}>
          {state.ok ? t("saved") : (state.errors?.role ?? state.message)}
        </span>
      ) : null}
    </form>
  );
}
