import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { configuredRateLimit } from "@/lib/api/rate-limit";
import { API_KEY_MANAGER_ROLES, listApiKeys } from "@/lib/claims/api-keys";
import { getDb } from "@/lib/db";
import { CreateKeyForm } from "./create-key-form";
import { RevokeKeyButton } from "./revoke-key-button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiKeys"))("title") };
}

// PARTNER_BILLING gets a 404 here (requireUser): see the decision in lib/claims/api-keys.ts.
export default async function ApiKeysPage() {
  const user = await requireUser(API_KEY_MANAGER_ROLES);
  const [t, format, keys] = await Promise.all([getTranslations("apiKeys"), getFormatter(), listApiKeys(getDb(), user)]);
  const showOwner = user.role === "PARTNER_ADMIN";
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section aria-labelledby="api-keys-title" className="space-y-6">
      <div className="space-y-2">
        <h1 id="api-keys-title" className="text-2xl font-semibold">
          {t("title")}
        </h1>
        <p className="text-slate-700">{t("intro")}</p>
        {showOwner ? <p className="text-slate-700">{t("introPartnerAdmin")}</p> : null}
        <p className="text-slate-700">{t("usage", { limit: configuredRateLimit() || "∞" })}</p>
        <pre className="overflow-x-auto rounded bg-slate-100 px-3 py-2 text-sm">
          <code>Authorization: Bearer cpor_…</code>
        </pre>
        <p className="flex flex-wrap gap-4 text-sm">
          <Link href="/api-reference" className="text-blue-800 underline">
            {t("referenceLink")}
          </Link>
          <a href="/api/v1/openapi.json" className="text-blue-800 underline">
            {t("openapiLink")}
          </a>
          {user.role === "PARTNER_ADMIN" ? (
            <Link href="/settings/webhooks" className="text-blue-800 underline">
              {t("webhooksLink")}
            </Link>
          ) : null}
        </p>
      </div>

      <section aria-labelledby="create-key-title" className="space-y-3 rounded border border-slate-300 bg-white p-4">
        <h2 id="create-key-title" className="text-lg font-semibold">
          {t("createTitle")}
        </h2>
        <CreateKeyForm />
      </section>

      <section aria-labelledby="keys-title" className="space-y-2">
        <h2 id="keys-title" className="text-lg font-semibold">
          {t("listTitle")}
        </h2>
        {keys.length === 0 ? (
          <p className="text-slate-700" data-testid="api-keys-empty">
            {t("empty")}
          </p>
        ) : (
          <div className="overflow-x-auto rounded border border-slate-300 bg-white">
            <table className="w-full text-left text-sm" data-testid="api-keys-table">
              <caption className="sr-only">{t("listCaption")}</caption>
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("colName")}</th>
                  <th scope="col" className="px-3 py-2">{t("colKey")}</th>
                  {showOwner ? <th scope="col" className="px-3 py-2">{t("colOwner")}</th> : null}
                  <th scope="col" className="px-3 py-2">{t("colCreated")}</th>
                  <th scope="col" className="px-3 py-2">{t("colLastUsed")}</th>
                  <th scope="col" className="px-3 py-2">{t("colStatus")}</th>
                  <th scope="col" className="px-3 py-2">{t("colActions")}</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr
                    key={key.id}
                    data-testid="api-key-row"
                    data-revoked={key.revokedAt ? "true" : "false"}
                    className={`border-t border-slate-200 ${key.revokedAt ? "text-slate-500" : ""}`}
                  >
                    <th scope="row" className="px-3 py-2 font-medium">{key.name}</th>
                    <td className="px-3 py-2 font-mono">{key.prefix}…</td>
                    {showOwner ? <td className="px-3 py-2">{key.own ? t("you") : `${key.owner.name} (${key.owner.email})`}</td> : null}
                    <td className="px-3 py-2">{when(key.createdAt)}</td>
                    <td className="px-3 py-2" data-testid="api-key-last-used">{key.lastUsedAt ? when(key.lastUsedAt) : t("never")}</td>
                    <td className="px-3 py-2">{key.revokedAt ? t("revokedOn", { date: when(key.revokedAt) }) : t("active")}</td>
                    <td className="px-3 py-2">
                      {key.revokedAt ? null : (
                        <RevokeKeyButton keyId={key.id} name={key.name} owner={key.own ? null : `${key.owner.name} (${key.owner.email})`} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
