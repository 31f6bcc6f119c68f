"use client";

// The sections of the claim form, in the order the seed's form asks: the claim (partner location, program,
// activity, solution area), the customer, the contacts and the commentary. Products are their own file
// (claim-form-products.tsx). Each section renders from the form's state it is given; none keeps its own.
import { useTranslations } from "next-intl";
import { ACTIVITIES, PROGRAMS, SOLUTION_AREAS } from "@/lib/claims/catalogue";
import type { PartnerLocationOption } from "@/lib/claims/claim-page";
import { describedBy, errorId, FieldErrorText, fieldId, hintId, inputClass } from "@/components/ui/form-field";
import { ClaimChoiceField, ClaimTextField, FieldNotes, lockedIds, type ClaimFormSectionProps } from "./claim-form-fields";
import type { ContactValues } from "./claim-form-model";

const SECTION = "space-y-4 rounded border border-slate-200 bg-white p-4";

export function ClaimSection({ form, locations, creating }: { form: ClaimFormSectionProps; locations: PartnerLocationOption[]; creating: boolean }) {
  const t = useTranslations("claimForm");
  const tField = useTranslations("claimFields");
  const tProgram = useTranslations("program");
  const tActivity = useTranslations("activity");
  const tArea = useTranslations("solutionArea");
  const { values, errors } = form;
  const locationOptions = locations.map((l) => ({ value: l.mpnId, label: `${l.mpnId} — ${l.name}` }));
  // A claim filed for a location the organization no longer lists still shows its own MPN ID.
  if (values.mpnId && !locationOptions.some((o) => o.value === values.mpnId)) {
    locationOptions.unshift({ value: values.mpnId, label: values.mpnId });
  }
  const areaEditable = form.editable("solutionArea");
  return (
    <section aria-labelledby="section-claim" className={SECTION}>
      <h2 id="section-claim" className="text-lg font-semibold">
        {t("sectionClaim")}
      </h2>
      {locations.length === 0 && creating ? <p className="text-sm text-red-800">{t("noLocations")}</p> : null}
      <div className="grid gap-4 md:grid-cols-3">
        <ClaimChoiceField form={form} field="mpnId" label={tField("mpnId")} options={locationOptions} hint={t("mpnHint")} />
        <ClaimChoiceField form={form} field="program" label={tField("program")} options={PROGRAMS.map((p) => ({ value: p, label: tProgram(p) }))} />
        <ClaimChoiceField form={form} field="activity" label={tField("activity")} options={ACTIVITIES.map((a) => ({ value: a, label: tActivity(a) }))} />
      </div>
      <fieldset
        aria-invalid={errors.solutionArea ? true : undefined}
        aria-describedby={describedBy(errors.solutionArea && errorId("solutionArea"), ...lockedIds(form, "solutionArea"))}
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
                onChange={() => form.set("solutionArea", area)}
                className="h-4 w-4"
              />
              {tArea(area)}
            </label>
          ))}
        </div>
        <FieldErrorText path="solutionArea" message={errors.solutionArea} />
        <FieldNotes form={form} field="solutionArea" />
      </fieldset>
    </section>
  );
}

export function CustomerSection({ form }: { form: ClaimFormSectionProps }) {
  const t = useTranslations("claimForm");
  const tField = useTranslations("claimFields");
  const customer = form.values.customer;
  const update = (key: keyof typeof customer) => (value: string) => form.set("customer", { ...customer, [key]: value });
  return (
    <section aria-labelledby="section-customer" className={SECTION}>
      <h2 id="section-customer" className="text-lg font-semibold">
        {t("sectionCustomer")}
      </h2>
      <FieldErrorText path="customer" message={form.errors.customer} />
      <div className="grid gap-4 md:grid-cols-2">
        <ClaimTextField
          form={form}
          path="customer.tenantId"
          field="customer"
          label={tField("customerTenantId")}
          value={customer.tenantId}
          onChange={update("tenantId")}
          hint={t("tenantIdHint")}
          required
          className="md:col-span-2"
        />
        <ClaimTextField
          form={form}
          path="customer.domain"
          field="customer"
          label={tField("customerDomain")}
          value={customer.domain}
          onChange={update("domain")}
          hint={t("domainHint")}
          required
        />
        <ClaimTextField form={form} path="customer.name" field="customer" label={tField("customerName")} value={customer.name} onChange={update("name")} required />
      </div>
      <FieldNotes form={form} field="customer" />
    </section>
  );
}

function ContactFields({ form, which }: { form: ClaimFormSectionProps; which: "customerContact" | "partnerContact" }) {
  const tField = useTranslations("claimFields");
  const contact = form.values[which];
  const update = (key: keyof ContactValues) => (value: string) => form.set(which, { ...contact, [key]: value });
  const groupError = form.errors[which];
  const field = (key: keyof ContactValues, label: string, type?: string) => (
    <ClaimTextField form={form} path={`${which}.${key}`} field={which} label={label} value={contact[key]} onChange={update(key)} type={type} />
  );
  return (
    <fieldset className="rounded border border-slate-300 p-4" aria-describedby={describedBy(groupError && errorId(which), ...lockedIds(form, which))}>
      <legend className="px-1 font-medium" id={fieldId(which)} tabIndex={-1}>
        {tField(which)}
      </legend>
      <FieldErrorText path={which} message={groupError} />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {field("name", tField("contactName"))}
        {field("title", tField("contactTitle"))}
        {field("email", tField("contactEmail"), "email")}
        {field("phone", tField("contactPhone"), "tel")}
      </div>
      <FieldNotes form={form} field={which} />
    </fieldset>
  );
}

export function ContactsSection({ form }: { form: ClaimFormSectionProps }) {
  const t = useTranslations("claimForm");
  return (
    <section aria-labelledby="section-contacts" className={SECTION}>
      <h2 id="section-contacts" className="text-lg font-semibold">
        {t("sectionContacts")}
      </h2>
      <p className="text-sm text-slate-600">{t("contactHint")}</p>
      <ContactFields form={form} which="customerContact" />
      <ContactFields form={form} which="partnerContact" />
    </section>
  );
}

export function CommentarySection({ form }: { form: ClaimFormSectionProps }) {
  const t = useTranslations("claimForm");
  const tField = useTranslations("claimFields");
  const error = form.errors.commentary;
  return (
    <section aria-labelledby="section-commentary" className="space-y-2 rounded border border-slate-200 bg-white p-4">
      <h2 id="section-commentary" className="text-lg font-semibold">
        {t("sectionCommentary")}
      </h2>
      <label htmlFor={fieldId("commentary")} className="block text-sm font-medium">
        {tField("commentary")}
      </label>
      <p id={hintId("commentary")} className="text-xs text-slate-600">
        {t("commentaryHint")}
      </p>
      <textarea
        id={fieldId("commentary")}
        rows={5}
        value={form.values.commentary}
        readOnly={!form.editable("commentary")}
        onChange={(e) => form.set("commentary", e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId("commentary"), error && errorId("commentary"), ...lockedIds(form, "commentary"))}
        className={inputClass}
      />
      <FieldErrorText path="commentary" message={error} />
      <FieldNotes form={form} field="commentary" />
    </section>
  );
}
