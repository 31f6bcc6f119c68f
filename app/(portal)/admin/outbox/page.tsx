import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listOutbox } from "@/lib/mail/outbox-admin";
import { sendAgainAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminOutbox"))("title") };
}

const STATUS_STYLE = { QUEUED: "bg-amber-100 text-amber-900", SENT: "bg-green-100 text-green-900", FAILED: "bg-red-100 text-red-900" };

export default async function AdminOutboxPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  await requireUser(["ADMIN"]);
  const { cursor } = await searchParams;
  const [t, format, page] = await Promise.all([getTranslations("adminOutbox"), getFormatter(), listOutbox(getDb(), cursor)]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section aria-labelledby="outbox-title" className="space-y-4">
      <h1 id="outbox-title" className="text-2xl font-semibold">
        {t("title")}
      </h1>
      <p className="text-slate-700">{t("intro")}</p>
      {page.items.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-300 bg-white">
          <table className="w-full text-left text-sm" data-testid="outbox-table">
            <thead className="bg-slate-100">
              <tr>
                <th className="px-2 py-1">{t("created")}</th>
                <th className="px-2 py-1">{t("type")}</th>
                <th className="px-2 py-1">{t("recipient")}</th>
                <th className="px-2 py-1">{t("subject")}</th>
                <th className="px-2 py-1">{t("status")}</th>
                <th className="px-2 py-1">{t("attempts")}</th>
                <th className="px-2 py-1">{t("nextAttempt")}</th>
                <th className="px-2 py-1">{t("lastError")}</th>
                <th className="px-2 py-1">
                  <span className="sr-only">{t("sendAgain")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((m) => (
                <tr key={m.id} className="border-t border-slate-200 align-top" data-testid="outbox-row" data-status={m.status}>
                  <td className="px-2 py-1 whitespace-nowrap">{when(m.createdAt)}</td>
                  <td className="px-2 py-1">
                    <code>{m.kind}</code>
                  </td>
                  <td className="px-2 py-1">{m.recipient}</td>
                  <td className="px-2 py-1">
                    {m.claimId ? (
                      <Link href={`/claims/${m.claimId}`} className="text-blue-800 underline">
                        {m.subject}
                      </Link>
                    ) : (
                      m.subject
                    )}
                  </td>
                  <td className="px-2 py-1">
                    <span className={`rounded px-1.5 ${STATUS_STYLE[m.status]}`}>{t(`status_${m.status}`)}</span>
                  </td>
                  <td className="px-2 py-1">{m.attempts}</td>
                  <td className="px-2 py-1 whitespace-nowrap">{m.status === "QUEUED" ? when(m.availableAt) : "—"}</td>
                  <td className="px-2 py-1 text-red-800">{m.lastError ?? ""}</td>
                  <td className="px-2 py-1">
                    {m.status === "FAILED" ? (
                      <form action={sendAgainAction}>
                        <input type="hidden" name="id" value={m.id} />
                        <button type="submit" className="rounded border border-slate-400 px-2 py-0.5 hover:bg-slate-50">
                          {t("sendAgain")}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor ? (
        <Link href={`/admin/outbox?cursor=${encodeURIComponent(page.nextCursor)}`} className="text-blue-800 underline">
          {t("older")}
        </Link>
      ) : null}
    </section>
  );
}
