import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The dashboard's "New claim" button (opens the new-claim form). */
export async function NewClaimLink({ className }: { className?: string }) {
  const t = await getTranslations("claimForm");
  return (
    <Link
      href="/claims/new"
      data-testid="new-claim"
      className={
        className ??
        "inline-flex items-center gap-1 rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800"
      }
    >
      <span aria-hidden="true">+</span>
      {t("newClaim")}
    </Link>
  );
}
