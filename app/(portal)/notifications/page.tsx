import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listNotifications } from "@/lib/notifications/inbox";
import { markAllReadAction, markReadAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("title") };
}

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const user = await requireUser();
  const { cursor } = await searchParams;
  const [t, format, page] = await Promise.all([
    getTranslations("notifications"),
    getFormatter(),
    listNotifications(getDb(), user.id, { cursor: cursor ?? null }).catch(() => listNotifications(getDb(), user.id)),
  ]);
  return (
    <section aria-labelledby="notifications-title" className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <h1 id="notifications-title" className="text-2xl font-semibold">
          {t("title")}
        </h1>
        {page.unread > 0 ? (
          <form action={markAllReadAction}>
            <button type="submit" className="rounded border border-slate-400 bg-white px-3 py-1 text-sm hover:bg-slate-50">
              {t("markAllRead")}
            </button>
          </form>
        ) : null}
        <Link href="/settings/notifications" className="ml-auto text-sm text-blue-800 underline">
          {t("settingsLink")}
        </Link>
      </div>
      <p className="text-slate-700">{t("intro")}</p>
      {page.items.length === 0 ? (
        <p data-testid="notifications-empty">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded border border-slate-300 bg-white" data-testid="notifications-list">
          {page.items.map((item) => (
            <li
              key={item.id}
              className={`flex flex-wrap items-start gap-3 p-3 ${item.readAt ? "" : "bg-blue-50"}`}
              data-testid="notification"
              data-read={item.readAt ? "true" : "false"}
            >
              <div className="min-w-0 flex-1 space-y-1">
                <p className="font-medium">
                  {item.readAt ? null : <span className="mr-2 rounded bg-blue-800 px-1.5 text-xs text-white">{t("unread")}</span>}
                  {/* A plain link: opening marks it read, so no prefetch may follow it. */}
                  <a href={`/notifications/${item.id}/open`} className="text-blue-800 underline">
                    {item.title}
                  </a>
                </p>
                <p className="whitespace-pre-line text-sm text-slate-700">{item.body}</p>
                <p className="text-xs text-slate-600">
                  <time dateTime={item.createdAt}>{format.dateTime(new Date(item.createdAt), { dateStyle: "full", timeStyle: "short" })}</time>
                  {item.claimNumber ? ` · ${item.claimNumber}` : null}
                </p>
              </div>
              {item.readAt ? null : (
                <form action={markReadAction}>
                  <input type="hidden" name="id" value={item.id} />
                  <button type="submit" className="rounded border border-slate-400 px-2 py-1 text-sm hover:bg-slate-50">
                    {t("markRead")}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor ? (
        <Link href={`/notifications?cursor=${encodeURIComponent(page.nextCursor)}`} className="text-blue-800 underline">
          {t("more")}
        </Link>
      ) : null}
    </section>
  );
}
