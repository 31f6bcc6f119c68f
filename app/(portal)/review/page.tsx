import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClaimList } from "@/components/claims/claim-list";
import { QueueViews } from "@/components/review/queue-views";
import { actorOf, requireUser } from "@/lib/auth/session";
import { listFiltersFromSearchParams, type ListDefaults } from "@/lib/claims/list-params";
import { listClaimsPage } from "@/lib/claims/list-page";
import { getSlaSettings } from "@/lib/claims/settings";
import { visibilityScope, visibleStatuses } from "@/lib/claims/visibility";
import { pageReadDb } from "@/lib/page-read-db";

// The queue opens on what waits for a reviewer, the soonest deadline first (a passed deadline sorts first, so
// overdue claims lead every view); `?status=all` shows every status, `?assignee=me|none` whose claims.
const REVIEW_DEFAULTS: ListDefaults = { status: "SUBMITTED", sort: "dueAt" };

export default async function ReviewQueuePage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser(["REVIEWER"]);
  const actor = actorOf(user);
  const filters = listFiltersFromSearchParams(await props.searchParams, REVIEW_DEFAULTS);
  const db = await pageReadDb();
  const now = new Date();
  const [t, tWorkbench, result, settings] = await Promise.all([
    getTranslations("review"),
    getTranslations("workbench"),
    listClaimsPage(db, actor, filters, now),
    getSlaSettings(db),
  ]);
  return (
    <section aria-labelledby="review-title" className="space-y-4">
      <div>
        <h1 id="review-title" className="text-2xl font-semibold">
          {t("title")}
        </h1>
        <p className="text-slate-600">{t("intro")}</p>
        <p className="mt-1">
          <Link href="/review/disputes" className="text-blue-700 underline" data-testid="disputes-link">
            {tWorkbench("disputesLink")}
          </Link>
        </p>
      </div>
      <QueueViews basePath="/review" filters={filters} defaults={REVIEW_DEFAULTS} />
      <ClaimList
        basePath="/review"
        filters={filters}
        defaults={REVIEW_DEFAULTS}
        result={result}
        statuses={visibleStatuses(visibilityScope(actor))}
        now={now}
        settings={settings}
        audience="staff"
      />
    </section>
  );
}
