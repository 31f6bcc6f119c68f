"use client";

// What every section of the claim form shares: the form's state as props (values, errors, which fields are
// locked, the saved value after a stale edit) and the per-field pieces built on components/ui/form-field —
// a text box, a closed list, and the lock and saved-value notes.
import { useTranslations } from "next-intl";
import type { ClaimField } from "@/lib/claims/catalogue";
import { describedBy, fieldControlProps, FormField, fieldId, hintId, inputClass, selectClass } from "@/components/ui/form-field";
import type { ClaimFormValues } from "./claim-form-model";
import { LockIcon } from "./icons";

/** The id of the form-wide note that says why locked fields are locked. */
export const LOCK_REASON_ID = "locked-reason";

export interface ClaimFormSectionProps {
  values: ClaimFormValues;
  set: <K extends keyof ClaimFormValues>(key: K, value: ClaimFormValues[K]) => void;
  /** Field errors by display path (customer.tenantId, products.Power BI.subscriptionId…). */
  errors: Record<string, string>;
  /** After a stale edit: the value now stored for each field that differs from the user's, formatted. */
  saved: Record<string, string>;
  editable: (field: ClaimField) => boolean;
  lockedShort?: string;
}

/** The ids a locked field's control is described by: its own note and the form's reason. */
export function lockedIds(form: ClaimFormSectionProps, field: ClaimField): string[] {
  return form.editable(field) ? [] : [`${fieldId(field)}-locked`, LOCK_REASON_ID];
}

export function FieldNotes({ form, field }: { form: ClaimFormSectionProps; field: ClaimField }) {
  const t = useTranslations("claimForm");
  const tField = useTranslations("claimFields");
  const saved = form.saved[field];
  return (
    <>
      {form.editable(field) ? null : (
        <p id={`${fieldId(field)}-locked`} className="mt-1 text-sm text-slate-700" data-testid={`locked-${field}`}>
          <LockIcon /> {form.lockedShort}
        </p>
      )}
      {saved !== undefined ? (
        <p className="mt-1 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900" data-testid={`saved-${field}`}>
          {t("savedValue", { value: saved || tField("empty") })}
        </p>
      ) : null}
    </>
  );
}

/** A text box for one path of a claim field (a field may have several: customer.tenantId, customer.domain…). */
export function ClaimTextField(props: {
  form: ClaimFormSectionProps;
  path: string;
  field: ClaimField;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  type?: string;
  required?: boolean;
  className?: string;
}) {
  const { form, path, field } = props;
  const error = form.errors[path];
  return (
    <FormField path={path} label={props.label} hint={props.hint} error={error} className={props.className}>
      <input
        {...fieldControlProps(path, { hint: Boolean(props.hint), error, describedBy: lockedIds(form, field) })}
        name={path}
        type={props.type ?? "text"}
        autoComplete="off"
        value={props.value}
        readOnly={!form.editable(field)}
        onChange={(e) => props.onChange(e.target.value)}
        aria-required={props.required && form.editable(field) ? true : undefined}
        className={inputClass}
      />
    </FormField>
  );
}

/** A closed list: a <select> while editable; a read-only text box showing the chosen label when locked. */
export function ClaimChoiceField(props: {
  form: ClaimFormSectionProps;
  field: "mpnId" | "program" | "activity";
  label: string;
  options: { value: string; label: string }[];
  hint?: string;
}) {
  const t = useTranslations("claimForm");
  const { form, field } = props;
  const error = form.errors[field];
  const value = form.values[field];
  const current = props.options.find((o) => o.value === value);
  return (
    <FormField path={field} label={props.label} hint={props.hint} error={error} after={<FieldNotes form={form} field={field} />}>
      {form.editable(field) ? (
        <select
          {...fieldControlProps(field, { hint: Boolean(props.hint), error })}
          name={field}
          value={value}
          onChange={(e) => form.set(field, e.target.value)}
          className={selectClass}
        >
          <option value="">{t("choose")}</option>
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={fieldId(field)}
          readOnly
          value={current?.label ?? value}
          aria-describedby={describedBy(props.hint && hintId(field), ...lockedIds(form, field))}
          className={inputClass}
        />
      )}
    </FormField>
  );
}
