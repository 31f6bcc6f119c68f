import { getTranslations } from "next-intl/server";
import { contactEmailOutsideCustomerDomain } from "@/lib/claims/contact-domain";

/** Reviewers' warning when the customer contact's email is not on the customer's domain (lib/claims/contact-domain.ts). */
export async function ContactDomainWarning({ email, domain }: { email: string | undefined; domain: string }) {
  if (!email || !contactEmailOutsideCustomerDomain(email, domain)) return null;
  const t = await getTranslations("contactDomain");
  return (
    <p role="status" data-testid="contact-domain-warning" className="rounded border border-amber-400 bg-amber-50 p-3 text-amber-900">
      {t("warning", { email, domain })}
    </p>
  );
}
