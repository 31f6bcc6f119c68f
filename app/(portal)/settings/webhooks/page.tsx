import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { actorOf, requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listWebhookDeliveries, listWebhookEndpoints } from "@/lib/webhooks/endpoints";
import { WEBHOOK_EVENT_TYPES, eventMessageKey, type WebhookEventType } from "@/lib/webhooks/event-types";
import { deleteWebhookAction, sendTestWebhookAction } from "./actions";
import { CreateWebhookForm } from "./create-webhook-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks"))("title") };
}

const SECONDARY = "rounded border border-slate-400 bg-white px-3 py-1.5 text-sm hover:bg-slate-100";
const DANGER = "rounded border border-red-700 bg-white px-3 py-1.5 text-sm text-red-800 hover:bg-red-50";
/** The page shows the newest deliveries; the API's log holds 100. */
const SHOWN_DELIVERIES = 20;

const isEventType = (type: string): type is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);

// Partner admins only: everyone else gets a 404 here (requireUser), as the API answers them 403/404.
export default async function WebhooksPage() {
  const user = await requireUser(["PARTNER_ADMIN"]);
  const db = getDb();
  const actor = actorOf(user);
  const [t, format, endpoints] = await Promise.all([getTranslations("webhooks"), getFormatter(), listWebhookEndpoints(db, actor)]);
  const logs = await Promise.all(endpoints.map((endpoint) => listWebhookDeliveries(db, actor, endpoint.id)));
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium" });
  return (
    <section aria-labelledby="webhooks-title" className="space-y-6">
      <div className="space-y-2">
        <h1 id="webhooks-title" className="text-2xl font-semibold">
          {t("title")}
        </h1>
        <p className="text-slate-700">{t("intro")}</p>
        <p className="flex flex-wrap gap-4 text-sm">
          <Link href="/api-reference" className="text-blue-800 underline">
            {t("guideLink")}
          </Link>
          <Link href="/settings/api-keys" className="text-blue-800 underline">
            {t("apiKeysLink")}
          </Link>
        </p>
      </div>

      <section aria-labelledby="create-webhook-title" className="space-y-3 rounded border border-slate-300 bg-white p-4">
        <h2 id="create-webhook-title" className="text-lg font-semibold">
          {t("createTitle")}
        </h2>
        <CreateWebhookForm />
      </section>

      <section aria-labelledby="webhooks-list-title" className="space-y-4">
        <h2 id="webhooks-list-title" className="text-lg font-semibold">
          {t("listTitle")}
        </h2>
        {endpoints.length === 0 ? <p className="text-slate-700">{t("empty")}</p> : null}
        {endpoints.map((endpoint, index) => (
          <article
            key={endpoint.id}
            aria-labelledby={`webhook-${endpoint.id}`}
            className="space-y-3 rounded border border-slate-300 bg-white p-4"
            data-testid="webhook-endpoint"
          >
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="space-y-1">
                <h3 id={`webhook-${endpoint.id}`} className="break-all font-mono text-sm font-semibold">
                  {endpoint.url}
                </h3>
                <p className="text-sm text-slate-700">
                  {endpoint.events.map((type) => (isEventType(type) ? t(eventMessageKey(type)) : type)).join(" · ")}
                </p>
                <p className="text-sm text-slate-700">
                  {endpoint.disabledAt
                    ? t("disabledOn", { date: when(endpoint.disabledAt), reason: endpoint.disabledReason ?? "" })
                    : `${t("active")} · ${t("created", { date: when(endpoint.createdAt) })}`}
                </p>
              </div>
              <div className="flex gap-2">
                {endpoint.disabledAt ? null : (
                  <form action={sendTestWebhookAction}>
                    <input type="hidden" name="endpointId" value={endpoint.id} />
                    <button type="submit" className={SECONDARY}>
                      {t("sendTest")}
                    </button>
                  </form>
                )}
                <form action={deleteWebhookAction}>
                  <input type="hidden" name="endpointId" value={endpoint.id} />
                  <button type="submit" className={DANGER}>
                    {t("delete")}
                  </button>
                </form>
              </div>
            </div>
            <h4 className="text-sm font-semibold">{t("deliveriesTitle")}</h4>
            {logs[index].length === 0 ? (
              <p className="text-sm text-slate-700">{t("noDeliveries")}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm" data-testid="webhook-deliveries">
                  <caption className="sr-only">{t("deliveriesCaption")}</caption>
                  <thead className="bg-slate-100">
                    <tr>
                      <th scope="col" className="px-2 py-1">{t("colCreated")}</th>
                      <th scope="col" className="px-2 py-1">{t("colEvent")}</th>
                      <th scope="col" className="px-2 py-1">{t("colStatus")}</th>
                      <th scope="col" className="px-2 py-1">{t("colAttempts")}</th>
                      <th scope="col" className="px-2 py-1">{t("colResponse")}</th>
                      <th scope="col" className="px-2 py-1">{t("colDuration")}</th>
                      <th scope="col" className="px-2 py-1">{t("colNextAttempt")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {logs[index].slice(0, SHOWN_DELIVERIES).map((delivery) => (
                      <tr key={delivery.id} className="border-t border-slate-200" data-testid="webhook-delivery" data-status={delivery.status}>
                        <td className="px-2 py-1">{when(delivery.createdAt)}</td>
                        <td className="px-2 py-1 font-mono">{delivery.type}</td>
                        <td className="px-2 py-1">{t(`status_${delivery.status}`)}</td>
                        <td className="px-2 py-1">{delivery.attempts}</td>
                        <td className="px-2 py-1" title={delivery.lastError ?? undefined}>
                          {delivery.responseCode ?? (delivery.lastError ? delivery.lastError : t("noResponse"))}
                        </td>
                        <td className="px-2 py-1">{delivery.durationMs === null ? "" : `${delivery.durationMs} ms`}</td>
                        <td className="px-2 py-1">{delivery.nextAttemptAt ? when(delivery.nextAttemptAt) : ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </article>
        ))}
      </section>
    </section>
  );
}
