import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { VerifyHistoryButton } from "@/components/admin/verify-history-button";
import { listAuditEvents } from "@/lib/admin/audit-log";
import { actorOf, requireUser } from "@/lib/auth/session";
import { isClaimError } from "@/lib/claims/errors";
import { pageReadDb } from "@/lib/page-read-db";
import { verifyAuditChainAction } from "./actions";

const FILTERS = ["actorId", "organizationId", "type", "from", "to"] as const;

export default async function AdminAuditPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireUser(["ADMIN"]);
  const params = await props.searchParams;
  const query = Object.fromEntries(
    [...FILTERS, "cursor"].flatMap((name) => (typeof params[name] === "string" && params[name] ? [[name, params[name] as string]] : [])),
  );
  const db = await pageReadDb();
  const [t, tHistory, organizations, page] = await Promise.all([
    getTranslations("adminAudit"),
    getTranslations("historyVerify"),
    db.organization.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    listAuditEvents(db, actorOf(admin), query).catch((error: unknown) => {
      if (isClaimError(error)) return { items: [], nextCursor: null, error: error.message };
      throw error;
    }),
  ]);
  const orgName = new Map(organizations.map((o) => [o.id, o.name]));
  const filterQuery = new URLSearchParams(Object.entries(query).filter(([k]) => k !== "cursor"));
  const next = page.nextCursor ? `?${new URLSearchParams({ ...Object.fromEntries(filterQuery), cursor: page.nextCursor })}` : null;
  return (
    <div className="space-y-6">
      <p>
        <Link href="/admin" className="text-blue-700 underline">
          {t("back")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-slate-600">{t("intro")}</p>
      <section aria-labelledby="history-verify-title" className="space-y-2 rounded border border-slate-200 p-4">
        <h2 id="history-verify-title" className="text-lg font-semibold">
          {tHistory("title")}
        </h2>
        <p className="text-sm text-slate-600">{tHistory("auditIntro")}</p>
        <VerifyHistoryButton action={verifyAuditChainAction} testId="verify-audit-chain" />
      </section>
      <form method="get" className="flex flex-wrap items-end gap-3" role="search" aria-label={t("filters")}>
        <FilterInput name="actorId" label={t("actorId")} value={query.actorId} />
        <div>
          <label htmlFor="organizationId" className="block text-sm font-medium">
            {t("organization")}
          </label>
          <select id="organizationId" name="organizationId" defaultValue={query.organizationId ?? ""} className="rounded border border-slate-300 px-2 py-2">
            <option value="">{t("any")}</option>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <FilterInput name="type" label={t("type")} value={query.type} placeholder="SIGN_IN_FAILED" />
        <FilterInput name="from" label={t("from")} value={query.from} placeholder="2026-12-01" />
        <FilterInput name="to" label={t("to")} value={query.to} placeholder="2026-12-31" />
        <button type="submit" className="rounded border border-slate-300 px-3 py-2">
          {t("apply")}
        </button>
        <a href={`/admin/audit/export.csv?${filterQuery}`} className="px-3 py-2 text-blue-700 underline" data-testid="audit-export">
          {t("export")}
        </a>
      </form>
      {"error" in page && page.error ? <p className="text-red-700">{page.error}</p> : null}
      {page.items.length === 0 ? (
        <p className="text-slate-600">{t("none")}</p>
      ) : (
        <table className="w-full text-sm" data-testid="audit-events">
          <thead>
            <tr className="text-left text-xs uppercase text-slate-600">
              <th scope="col" className="py-1 pr-4">{t("at")}</th>
              <th scope="col" className="py-1 pr-4">{t("type")}</th>
              <th scope="col" className="py-1 pr-4">{t("actor")}</th>
              <th scope="col" className="py-1 pr-4">{t("organization")}</th>
              <th scope="col" className="py-1">{t("details")}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((item) => (
              <tr key={item.id} className="border-t border-slate-100 align-top" data-testid="audit-event">
                <td className="py-1 pr-4 font-mono whitespace-nowrap">{item.at.replace("T", " ").slice(0, 19)} UTC</td>
                <td className="py-1 pr-4 font-mono">{item.type}</td>
                <td className="py-1 pr-4">{item.actor ? `${item.actor.email} (${item.actor.role ?? ""})` : "—"}</td>
                <td className="py-1 pr-4">{item.organizationId ? (orgName.get(item.organizationId) ?? item.organizationId) : "—"}</td>
                <td className="py-1 font-mono text-xs break-all">{JSON.stringify(item.data)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next ? (
        <p>
          <Link href={`/admin/audit${next}`} className="text-blue-700 underline">
            {t("next")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

function FilterInput(props: { name: string; label: string; value?: string; placeholder?: string }) {
  return (
    <div>
      <label htmlFor={props.name} className="block text-sm font-medium">
        {props.label}
      </label>
      <input id={props.name} name={props.name} defaultValue={props.value} placeholder={props.placeholder} className="rounded border border-slate-300 px-2 py-2" />
    </div>
  );
}
