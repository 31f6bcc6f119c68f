"use client";

// The new-claim and edit-claim form. Every value lives in React state, so nothing typed is lost when the
// server refuses a save: the server action (which calls lib/claims/service, validating with the shared zod
// schemas) answers with field errors and the form shows them next to their fields. In edit mode, fields the
// claim's status does not let change are read-only, with the reason.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useState, type FormEvent, type ReactNode } from "react";
import {
  ACTIVITIES,
  CLAIM_FIELDS,
  DYNAMICS_PRODUCTS,
  PROGRAMS,
  SOLUTION_AREAS,
  WORKLOADS,
  type ClaimField,
} from "@/lib/claims/catalogue";
import { oneOf, WORKLOAD_KEYS } from "@/i18n/message-keys";
import type { PartnerLocationOption } from "@/lib/claims/claim-page";
import { IDLE, type ActionState, type ClaimFormPayload } from "./action-state";
import { claimInputOf, type ClaimFormValues, type ContactValues } from "./claim-form-model";
import { buttonClass, secondaryButtonClass } from "@/components/ui/button";
import { describedBy, errorId, FieldErrorText, fieldId, inputClass, selectClass } from "@/components/ui/form-field";
import { ErrorSummary } from "./form-parts";
import { LockIcon } from "./icons";

export interface ClaimFormProps {
  mode: "create" | "edit";
  action: (state: ActionState, payload: ClaimFormPayload) => Promise<ActionState>;
  initialValues: ClaimFormValues;
  version?: number;
  /** Fields the user may change (create: all of them). */
  editableFields: readonly ClaimField[];
  /** Why the other fields are read-only (edit mode), e.g. "Can't change while Submitted: only … may change." */
  lockedReason?: string;
  /** Short per-field note, e.g. "Can't change while Submitted." */
  lockedShort?: string;
  locations: PartnerLocationOption[];
  cancelHref: string;
}

const LOCK_REASON_ID = "locked-reason";

export function ClaimForm(props: ClaimFormProps) {
  const t = useTranslations("claimForm");
  const tField = useTranslations("claimFields");
  const tErrors = useTranslations("claimErrors");
  const tProgram = useTranslations("program");
  const tActivity = useTranslations("activity");
  const tArea = useTranslations("solutionArea");
  const tWorkload = useTranslations("workload");
  const tStatus = useTranslations("status");

  const [values, setValues] = useState<ClaimFormValues>(props.initialValues);
  const [state, dispatch, pending] = useActionState(props.action, IDLE);
  // After a stale edit, saving again applies the user's values on top of the version now stored.
  const version = state.conflict?.version ?? props.version;
  const errors = state.errors ?? {};
  const saved = state.conflict?.saved ?? {};
  const editable = (field: ClaimField) => props.mode === "create" || props.editableFields.includes(field);

  function set<K extends keyof ClaimFormValues>(key: K, value: ClaimFormValues[K]) {
    setValues((v) => ({ ...v, [key]: value }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = props.mode === "create" ? CLAIM_FIELDS : props.editableFields;
    const payload: ClaimFormPayload = { version, input: claimInputOf(values, fields) };
    startTransition(() => dispatch(payload));
  }

  // Labels for the error summary's links.
  const labels: Record<string, string> = {
    mpnId: tField("mpnId"),
    program: tField("program"),
    activity: tField("activity"),
    solutionArea: tField("solutionArea"),
    customer: tField("customer"),
    "customer.tenantId": tField("customerTenantId"),
    "customer.domain": tField("customerDomain"),
    "customer.name": tField("customerName"),
    products: tField("products"),
    commentary: tField("commentary"),
  };
  for (const which of ["customerContact", "partnerContact"] as const) {
    labels[which] = tField(which);
    labels[`${which}.name`] = `${tField(which)} – ${tField("contactName")}`;
    labels[`${which}.title`] = `${tField(which)} – ${tField("contactTitle")}`;
    labels[`${which}.email`] = `${tField(which)} – ${tField("contactEmail")}`;
    labels[`${which}.phone`] = `${tField(which)} – ${tField("contactPhoneShort")}`;
  }
  for (const name of [...WORKLOADS, ...DYNAMICS_PRODUCTS]) {
    const workload = oneOf(WORKLOAD_KEYS, name);
    const label = workload ? tWorkload(workload) : name;
    labels[`products.${name}`] = label;
    labels[`products.${name}.kind`] = label;
    labels[`products.${name}.subscriptionId`] = t("subscriptionFor", { product: label });
  }

  const lockNote = (field: ClaimField) =>
    editable(field) ? null : (
      <p id={`${fieldId(field)}-locked`} className="mt-1 text-sm text-slate-700" data-testid={`locked-${field}`}>
        <LockIcon /> {props.lockedShort}
      </p>
    );
  const lockedIds = (field: ClaimField) => (editable(field) ? [] : [`${fieldId(field)}-locked`, LOCK_REASON_ID]);
  const savedNote = (field: ClaimField) =>
    saved[field] !== undefined ? (
      <p className="mt-1 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900" data-testid={`saved-${field}`}>
        {t("savedValue", { value: saved[field] || tField("empty") })}
      </p>
    ) : null;

  const text = (
    path: string,
    field: ClaimField,
    label: string,
    value: string,
    onChange: (value: string) => void,
    options: { hint?: string; type?: string; autoComplete?: string; required?: boolean; className?: string } = {},
  ) => {
    const id = fieldId(path);
    const hintId = options.hint ? `${id}-hint` : null;
    return (
      <div className={options.className}>
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        {options.hint ? (
          <p id={hintId!} className="text-xs text-slate-600">
            {options.hint}
          </p>
        ) : null}
        <input
          id={id}
          name={path}
          type={options.type ?? "text"}
          autoComplete={options.autoComplete ?? "off"}
          value={value}
          readOnly={!editable(field)}
          onChange={(e) => onChange(e.target.value)}
          aria-required={options.required && editable(field) ? true : undefined}
          aria-invalid={errors[path] ? true : undefined}
          aria-describedby={describedBy(hintId, errors[path] && errorId(path), ...lockedIds(field))}
          className={inputClass}
        />
        <FieldErrorText path={path} message={errors[path]} />
      </div>
    );
  };

  /** A closed list: a <select> while editable; a read-only text box showing the chosen label when locked. */
  const choice = (
    field: "mpnId" | "program" | "activity",
    label: string,
    options: { value: string; label: string }[],
    hint?: string,
  ) => {
    const id = fieldId(field);
    const hintId = hint ? `${id}-hint` : null;
    const current = options.find((o) => o.value === values[field]);
    return (
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        {hint ? (
          <p id={hintId!} className="text-xs text-slate-600">
            {hint}
          </p>
        ) : null}
        {editable(field) ? (
          <select
            id={id}
            name={field}
            value={values[field]}
            onChange={(e) => set(field, e.target.value)}
            aria-invalid={errors[field] ? true : undefined}
            aria-describedby={describedBy(hintId, errors[field] && errorId(field))}
            className={selectClass}
          >
            <option value="">{t("choose")}</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            readOnly
            value={current?.label ?? values[field]}
            aria-describedby={describedBy(hintId, ...lockedIds(field))}
            className={inputClass}
          />
        )}
        <FieldErrorText path={field} message={errors[field]} />
        {lockNote(field)}
        {savedNote(field)}
      </div>
    );
  };

  const locationOptions = props.locations.map((l) => ({ value: l.mpnId, label: `${l.mpnId} — ${l.name}` }));
  if (values.mpnId && !locationOptions.some((o) => o.value === values.mpnId)) {
    locationOptions.unshift({ value: values.mpnId, label: values.mpnId });
  }

  const contact = (which: "customerContact" | "partnerContact") => {
    const c = values[which];
    const update = (key: keyof ContactValues) => (value: string) => set(which, { ...c, [key]: value });
    const groupError = errors[which];
    return (
      <fieldset
        className="rounded border border-slate-300 p-4"
        aria-describedby={describedBy(groupError && errorId(which), ...lockedIds(which))}
      >
        <legend className="px-1 font-medium" id={fieldId(which)} tabIndex={-1}>
          {tField(which)}
        </legend>
        <FieldErrorText path={which} message={groupError} />
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {text(`${which}.name`, which, tField("contactName"), c.name, update("name"), { autoComplete: "off" })}
          {text(`${which}.title`, which, tField("contactTitle"), c.title, update("title"))}
          {text(`${which}.email`, which, tField("contactEmail"), c.email, update("email"), { type: "email" })}
          {text(`${which}.phone`, which, tField("contactPhone"), c.phone, update("phone"), { type: "tel" })}
        </div>
        {lockNote(which)}
        {savedNote(which)}
      </fieldset>
    );
  };

  const productsEditable = editable("products");
  const toggle = (list: string[], name: string, on: boolean) => (on ? [...list, name] : list.filter((n) => n !== name));

  let products: ReactNode;
  if (values.solutionArea === "MODERN_WORK") {
    products = (
      <fieldset aria-describedby={describedBy(errors.products && errorId("products"), ...lockedIds("products"))}>
        <legend className="text-sm font-medium" id={fieldId("products")} tabIndex={-1}>
          {t("workloadsLegend")}
        </legend>
        <FieldErrorText path="products" message={errors.products} />
        <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {WORKLOADS.map((name) => {
            const path = `products.${name}`;
            const message = errors[path] ?? errors[`${path}.kind`];
            return (
              <div key={name}>
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    id={fieldId(path)}
                    checked={values.workloads.includes(name)}
                    disabled={!productsEditable}
                    onChange={(e) => set("workloads", toggle(values.workloads, name, e.target.checked))}
                    aria-invalid={message ? true : undefined}
                    aria-describedby={describedBy(message && errorId(path))}
                    className="h-4 w-4"
                  />
                  {tWorkload(name)}
                </label>
                <FieldErrorText path={path} message={message} />
              </div>
            );
          })}
        </div>
      </fieldset>
    );
  } else if (values.solutionArea === "BUSINESS_APPLICATIONS") {
    products = (
      <fieldset aria-describedby={describedBy(errors.products && errorId("products"), ...lockedIds("products"))}>
        <legend className="text-sm font-medium" id={fieldId("products")} tabIndex={-1}>
          {t("dynamicsLegend")}
        </legend>
        <FieldErrorText path="products" message={errors.products} />
        <div className="mt-2 space-y-3">
          {DYNAMICS_PRODUCTS.map((name) => {
            const path = `products.${name}`;
            const subPath = `${path}.subscriptionId`;
            const checked = values.dynamics.includes(name);
            const message = errors[path] ?? errors[`${path}.kind`];
            return (
              <div key={name} className="grid gap-2 sm:grid-cols-[16rem_1fr] sm:items-start">
                <div>
                  <label className="flex items-center gap-2 pt-2">
                    <input
                      type="checkbox"
                      id={fieldId(path)}
                      checked={checked}
                      disabled={!productsEditable}
                      onChange={(e) => set("dynamics", toggle(values.dynamics, name, e.target.checked))}
                      aria-invalid={message ? true : undefined}
                      aria-describedby={describedBy(message && errorId(path))}
                      className="h-4 w-4"
                    />
                    {name}
                  </label>
                  <FieldErrorText path={path} message={message} />
                </div>
                {checked ? (
                  <div>
                    <label htmlFor={fieldId(subPath)} className="sr-only">
                      {t("subscriptionFor", { product: name })}
                    </label>
                    <input
                      id={fieldId(subPath)}
                      value={values.subscriptions[name] ?? ""}
                      readOnly={!productsEditable}
                      placeholder={t("subscriptionHint")}
                      onChange={(e) => set("subscriptions", { ...values.subscriptions, [name]: e.target.value })}
                      aria-invalid={errors[subPath] ? true : undefined}
                      aria-describedby={describedBy(errors[subPath] && errorId(subPath))}
                      className={`${inputClass} font-mono`}
                      autoComplete="off"
                    />
                    <FieldErrorText path={subPath} message={errors[subPath]} />
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    );
  } else {
    products = (
      <div id={fieldId("products")} tabIndex={-1}>
        <p className="text-sm text-slate-700">{t("chooseSolutionArea")}</p>
        <FieldErrorText path="products" message={errors.products} />
      </div>
    );
  }

  const areaEditable = editable("solutionArea");

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-busy={pending} data-testid="claim-form">
      <ErrorSummary state={state} title={state.conflict ? t("conflictTitle") : t("errorSummaryTitle")} labels={labels}>
        {state.conflict ? (
          <>
            <p className="mt-2" data-testid="conflict-message">
              {t("conflict", { status: tStatus(state.conflict.status), version: state.conflict.version })}
            </p>
            <p className="mt-2">
              <a className="underline" href="">
                {t("conflictReload")}
              </a>
            </p>
          </>
        ) : null}
      </ErrorSummary>
      {state.status === "error" && !state.message && !state.conflict ? <p>{tErrors("UNKNOWN")}</p> : null}

      {props.lockedReason ? (
        <p id={LOCK_REASON_ID} className="rounded border border-slate-300 bg-slate-100 p-3 text-sm" data-testid="locked-reason">
          <LockIcon /> {props.lockedReason}
        </p>
      ) : null}

      <section aria-labelledby="section-claim" className="space-y-4 rounded border border-slate-200 bg-white p-4">
        <h2 id="section-claim" className="text-lg font-semibold">
          {t("sectionClaim")}
        </h2>
        {props.locations.length === 0 && props.mode === "create" ? (
          <p className="text-sm text-red-800">{t("noLocations")}</p>
        ) : null}
        <div className="grid gap-4 md:grid-cols-3">
          {choice("mpnId", tField("mpnId"), locationOptions, t("mpnHint"))}
          {choice("program", tField("program"), PROGRAMS.map((p) => ({ value: p, label: tProgram(p) })))}
          {choice("activity", tField("activity"), ACTIVITIES.map((a) => ({ value: a, label: tActivity(a) })))}
        </div>
        <fieldset
          aria-invalid={errors.solutionArea ? true : undefined}
          aria-describedby={describedBy(errors.solutionArea && errorId("solutionArea"), ...lockedIds("solutionArea"))}
        >
          <legend className="text-sm font-medium" id={fieldId("solutionArea")} tabIndex={-1}>
            {tField("solutionArea")}
          </legend>
          <div className="mt-1 flex flex-wrap gap-x-6 gap-y-2">
            {SOLUTION_AREAS.map((area) => (
              <label key={area} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="solutionArea"
                  value={area}
                  checked={values.solutionArea === area}
                  disabled={!areaEditable}
                  onChange={() => set("solutionArea", area)}
                  className="h-4 w-4"
                />
                {tArea(area)}
              </label>
            ))}
          </div>
          <FieldErrorText path="solutionArea" message={errors.solutionArea} />
          {lockNote("solutionArea")}
          {savedNote("solutionArea")}
        </fieldset>
      </section>

      <section aria-labelledby="section-customer" className="space-y-4 rounded border border-slate-200 bg-white p-4">
        <h2 id="section-customer" className="text-lg font-semibold">
          {t("sectionCustomer")}
        </h2>
        <FieldErrorText path="customer" message={errors.customer} />
        <div className="grid gap-4 md:grid-cols-2">
          {text("customer.tenantId", "customer", tField("customerTenantId"), values.customer.tenantId, (v) => set("customer", { ...values.customer, tenantId: v }), {
            hint: t("tenantIdHint"),
            required: true,
            className: "md:col-span-2",
          })}
          {text("customer.domain", "customer", tField("customerDomain"), values.customer.domain, (v) => set("customer", { ...values.customer, domain: v }), {
            hint: t("domainHint"),
            required: true,
          })}
          {text("customer.name", "customer", tField("customerName"), values.customer.name, (v) => set("customer", { ...values.customer, name: v }), {
            required: true,
          })}
        </div>
        {lockNote("customer")}
        {savedNote("customer")}
      </section>

      <section aria-labelledby="section-products" className="space-y-3 rounded border border-slate-200 bg-white p-4">
        <h2 id="section-products" className="text-lg font-semibold">
          {t("sectionProducts")}
        </h2>
        {products}
        {lockNote("products")}
        {savedNote("products")}
      </section>

      <section aria-labelledby="section-contacts" className="space-y-4 rounded border border-slate-200 bg-white p-4">
        <h2 id="section-contacts" className="text-lg font-semibold">
          {t("sectionContacts")}
        </h2>
        <p className="text-sm text-slate-600">{t("contactHint")}</p>
        {contact("customerContact")}
        {contact("partnerContact")}
      </section>

      <section aria-labelledby="section-commentary" className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <h2 id="section-commentary" className="text-lg font-semibold">
          {t("sectionCommentary")}
        </h2>
        <label htmlFor={fieldId("commentary")} className="block text-sm font-medium">
          {tField("commentary")}
        </label>
        <p id="commentary-hint" className="text-xs text-slate-600">
          {t("commentaryHint")}
        </p>
        <textarea
          id={fieldId("commentary")}
          rows={5}
          value={values.commentary}
          readOnly={!editable("commentary")}
          onChange={(e) => set("commentary", e.target.value)}
          aria-invalid={errors.commentary ? true : undefined}
          aria-describedby={describedBy("commentary-hint", errors.commentary && errorId("commentary"), ...lockedIds("commentary"))}
          className={inputClass}
        />
        <FieldErrorText path="commentary" message={errors.commentary} />
        {lockNote("commentary")}
        {savedNote("commentary")}
      </section>

      {props.mode === "create" ? <p className="text-sm text-slate-700">{t("poeNext")}</p> : null}

      <div className="flex flex-wrap gap-3">
        <button type="submit" className={buttonClass} disabled={pending}>
          {props.mode === "create" ? (pending ? t("creating") : t("create")) : pending ? t("saving") : t("save")}
        </button>
        <Link href={props.cancelHref} className={secondaryButtonClass}>
          {t("cancel")}
        </Link>
      </div>
    </form>
  );
}
