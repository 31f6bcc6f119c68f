// The review queue's "whose claims" views (domain.md "Review workload"): Mine, Unassigned, Everyone, as
// links that keep every other filter (the URL is the state: `assignee=me|none`, absent = everyone).
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listHref, type ListDefaults } from "@/lib/claims/list-params";
import type { ClaimListFilters } from "@/lib/claims/queries";

const VIEWS = [
  { key: "me", assignee: "me" },
  { key: "none", assignee: "none" },
  { key: "all", assignee: undefined },
] as const;

export async function QueueViews(props: { basePath: string; filters: ClaimListFilters; defaults: ListDefaults }) {
  const t = await getTranslations("workbench");
  return (
    <nav aria-label={t("queueViews")} data-testid="queue-views">
      <ul className="flex flex-wrap gap-2">
        {VIEWS.map((view) => {
          const current = (props.filters.assignee ?? undefined) === view.assignee;
          return (
            <li key={view.key}>
              <Link
                href={listHref(props.basePath, props.filters, props.defaults, { assignee: view.assignee, page: 1 })}
                aria-current={current ? "page" : undefined}
                className={`inline-block rounded-full border px-3 py-1 text-sm ${current ? "border-indigo-700 bg-indigo-700 text-white" : "border-slate-300 bg-white text-slate-900 hover:bg-slate-100"}`}
                data-testid={`queue-view-${view.key}`}
              >
                {t(`assignee_${view.key}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
