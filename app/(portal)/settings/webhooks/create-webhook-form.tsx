"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { WEBHOOK_EVENT_TYPES, eventMessageKey } from "@/lib/webhooks/event-types";
import { createWebhookAction, type CreateWebhookState } from "./actions";

const INPUT = "mt-1 block w-full max-w-xl rounded border border-slate-400 bg-white px-2 py-1.5 text-sm";
const BUTTON = "rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60";
const SECONDARY = "rounded border border-slate-400 bg-white px-3 py-1.5 text-sm hover:bg-slate-100";

/** The register form, and the one-time display of the new endpoint's signing secret (this component's state only). */
export function CreateWebhookForm() {
  const t = useTranslations("webhooks");
  const [state, action, pending] = useActionState<CreateWebhookState, FormData>(createWebhookAction, { status: "idle" });
  const [dismissed, setDismissed] = useState<string | null>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const shown = state.status === "created" && state.secret !== dismissed ? state : null;
  const error = state.status === "error" ? state : null;

  useEffect(() => {
    secretRef.current?.focus();
    secretRef.current?.select();
  }, [shown]);

  return (
    <div className="space-y-4">
      {shown ? (
        <section aria-labelledby="new-webhook-title" className="space-y-2 rounded border border-amber-400 bg-amber-50 p-4" data-testid="new-webhook-panel">
          <h3 id="new-webhook-title" className="font-semibold">
            {t("createdTitle")}
          </h3>
          <p className="text-sm" id="new-webhook-warning">
            {t("createdWarning")}
          </p>
          <label htmlFor="new-webhook-secret" className="block text-sm font-medium">
            {t("secretLabel")}
          </label>
          <div className="flex flex-wrap items-center gap-2">
            <input
              id="new-webhook-secret"
              ref={secretRef}
              readOnly
              value={shown.secret}
              aria-describedby="new-webhook-warning"
              data-testid="new-webhook-secret"
              className="w-full max-w-xl rounded border border-slate-400 bg-white px-2 py-1.5 font-mono text-sm"
            />
            <button type="button" className={SECONDARY} onClick={() => setDismissed(shown.secret)}>
              {t("done")}
            </button>
          </div>
        </section>
      ) : null}

      <form action={action} className="space-y-3" noValidate>
        <div>
          <label htmlFor="webhook-url" className="block text-sm font-medium">
            {t("urlLabel")}
          </label>
          <p id="webhook-url-hint" className="text-sm text-slate-600">
            {t("urlHint")}
          </p>
          <input
            id="webhook-url"
            name="url"
            type="url"
            required
            maxLength={2048}
            autoComplete="off"
            aria-invalid={error?.field === "url" ? true : undefined}
            aria-describedby={error?.field === "url" ? "webhook-url-hint webhook-error" : "webhook-url-hint"}
            className={INPUT}
          />
        </div>
        <fieldset aria-describedby={error?.field === "events" ? "webhook-error" : undefined}>
          <legend className="text-sm font-medium">{t("eventsLabel")}</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="events" value={type} defaultChecked />
              <span>{t(eventMessageKey(type))}</span> <code className="text-xs text-slate-600">{type}</code>
            </label>
          ))}
        </fieldset>
        {error ? (
          <p id="webhook-error" className="text-sm text-red-800" data-testid="webhook-error">
            {error.message}
          </p>
        ) : null}
        <button type="submit" className={BUTTON} disabled={pending}>
          {pending ? t("creating") : t("create")}
        </button>
      </form>
    </div>
  );
}
