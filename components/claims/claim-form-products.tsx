"use client";

// The claim form's products: Modern Work claims tick workloads; Business Applications claims tick Dynamics
// products, each with its subscription ID. Errors come back at products.<name>… (see action-errors.ts).
import { useTranslations } from "next-intl";
import { DYNAMICS_PRODUCTS, WORKLOADS } from "@/lib/claims/catalogue";
import { describedBy, errorId, FieldErrorText, fieldId, inputClass } from "@/components/ui/form-field";
import { FieldNotes, lockedIds, type ClaimFormSectionProps } from "./claim-form-fields";

const toggle = (list: string[], name: string, on: boolean) => (on ? [...list, name] : list.filter((n) => n !== name));

function ProductCheckbox(props: { form: ClaimFormSectionProps; name: string; label: string; list: "workloads" | "dynamics" }) {
  const { form, name } = props;
  const path = `products.${name}`;
  const message = form.errors[path] ?? form.errors[`${path}.kind`];
  return (
    <>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          id={fieldId(path)}
          checked={form.values[props.list].includes(name)}
          disabled={!form.editable("products")}
          onChange={(e) => form.set(props.list, toggle(form.values[props.list], name, e.target.checked))}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy(message && errorId(path))}
          className="h-4 w-4"
        />
        {props.label}
      </label>
      <FieldErrorText path={path} message={message} />
    </>
  );
}

function Products({ form }: { form: ClaimFormSectionProps }) {
  const t = useTranslations("claimForm");
  const tWorkload = useTranslations("workload");
  const { values, errors } = form;
  if (values.solutionArea !== "MODERN_WORK" && values.solutionArea !== "BUSINESS_APPLICATIONS") {
    return (
      <div id={fieldId("products")} tabIndex={-1}>
        <p className="text-sm text-slate-700">{t("chooseSolutionArea")}</p>
        <FieldErrorText path="products" message={errors.products} />
      </div>
    );
  }
  const workloads = values.solutionArea === "MODERN_WORK";
  return (
    <fieldset aria-describedby={describedBy(errors.products && errorId("products"), ...lockedIds(form, "products"))}>
      <legend className="text-sm font-medium" id={fieldId("products")} tabIndex={-1}>
        {workloads ? t("workloadsLegend") : t("dynamicsLegend")}
      </legend>
      <FieldErrorText path="products" message={errors.products} />
      {workloads ? (
        <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {WORKLOADS.map((name) => (
            <div key={name}>
              <ProductCheckbox form={form} name={name} label={tWorkload(name)} list="workloads" />
            </div>
          ))}
        </div>
      ) : (
        <div className="mt-2 space-y-3">
          {DYNAMICS_PRODUCTS.map((name) => {
            const subPath = `products.${name}.subscriptionId`;
            return (
              <div key={name} className="grid gap-2 sm:grid-cols-[16rem_1fr] sm:items-start">
                <div className="pt-2">
                  <ProductCheckbox form={form} name={name} label={name} list="dynamics" />
                </div>
                {values.dynamics.includes(name) ? (
                  <div>
                    <label htmlFor={fieldId(subPath)} className="sr-only">
                      {t("subscriptionFor", { product: name })}
                    </label>
                    <input
                      id={fieldId(subPath)}
                      value={values.subscriptions[name] ?? ""}
                      readOnly={!form.editable("products")}
                      placeholder={t("subscriptionHint")}
                      onChange={(e) => form.set("subscriptions", { ...values.subscriptions, [name]: e.target.value })}
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
      )}
    </fieldset>
  );
}

export function ProductsSection({ form }: { form: ClaimFormSectionProps }) {
  const t = useTranslations("claimForm");
  return (
    <section aria-labelledby="section-products" className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <h2 id="section-products" className="text-lg font-semibold">
        {t("sectionProducts")}
      </h2>
      <Products form={form} />
      <FieldNotes form={form} field="products" />
    </section>
  );
}
