"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { OnceShownSecret } from "@/components/ui/once-shown-secret";
import { WEBHOOK_EVENT_TYPES, eventMessageKey } from "@/lib/webhooks/event-types";
import { createWebhookAction, type CreateWebhookState } from "./actions";

const INPUT = "mt-1 block w-full max-w-xl rounded border border-slate-400 bg-white px-2 py-1.5 text-sm";
const BUTTON = "rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60";

/** The register form, and the one-time display of the new endpoint's signing secret (OnceShownSecret; this component's state only). */
export function CreateWebhookForm() {
  const t = useTranslations("webhooks");
  const [state, action, pending] = useActionState<CreateWebhookState, FormData>(createWebhookAction, { status: "idle" });
  const [dismissed, setDismissed] = useState<string | null>(null);
  const shown = state.status === "created" && state.secret !== dismissed ? state : null;
  const error = state.status === "error" ? state : null;

  return (
    <div className="space-y-4">
      {shown ? (
        <OnceShownSecret
          id="new-webhook-secret"
          testId="new-webhook-secret"
          secret={shown.secret}
          labels={{
            title: t("createdTitle"),
            warning: t("createdWarning"),
            secret: t("secretLabel"),
            copy: t("copy"),
            copied: t("copied"),
            copyFailed: t("copyFailed"),
            done: t("done"),
          }}
          onDone={() => setDismissed(shown.secret)}
        />
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
