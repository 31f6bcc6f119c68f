"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { createKeyAction, type CreateKeyState } from "./actions";

/** The lifetimes offered (the server accepts any whole number of days from 1 to 3650; the CLI takes any). */
const API_KEY_EXPIRY_CHOICES = [30, 90, 365] as const;

const INPUT = "mt-1 block w-full max-w-md rounded border border-slate-400 bg-white px-2 py-1.5 text-sm";
const BUTTON = "rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60";
const SECONDARY = "rounded border border-slate-400 bg-white px-3 py-1.5 text-sm hover:bg-slate-100";

/** The create form, and the one-time display of the new secret (kept in this component's state only). */
export function CreateKeyForm() {
  const t = useTranslations("apiKeys");
  const [state, action, pending] = useActionState<CreateKeyState, FormData>(createKeyAction, { status: "idle" });
  // The secret lives in this one action result only; "I have stored it" hides it for good.
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [copied, setCopied] = useState<{ secret: string; ok: boolean } | null>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const shown = state.status === "created" && state.secret !== dismissed ? state : null;
  const copy = shown && copied?.secret === shown.secret ? (copied.ok ? "copied" : "failed") : "idle";

  useEffect(() => {
    if (!shown) return;
    secretRef.current?.focus();
    secretRef.current?.select();
  }, [shown]);

  async function copySecret() {
    if (!shown) return;
    try {
      await navigator.clipboard.writeText(shown.secret);
      setCopied({ secret: shown.secret, ok: true });
    } catch {
      secretRef.current?.select();
      setCopied({ secret: shown.secret, ok: false });
    }
  }

  const error = state.status === "error" ? state : null;
  return (
    <div className="space-y-4">
      {shown ? (
        <section
          aria-labelledby="new-key-title"
          className="space-y-2 rounded border border-amber-400 bg-amber-50 p-4"
          data-testid="new-api-key-panel"
        >
          <h3 id="new-key-title" className="font-semibold">
            {t("createdTitle", { name: shown.name })}
          </h3>
          <p className="text-sm" id="new-key-warning">
            {t("createdWarning")}
          </p>
          <label htmlFor="new-api-key" className="block text-sm font-medium">
            {t("secretLabel")}
          </label>
          <div className="flex flex-wrap items-center gap-2">
            <input
              id="new-api-key"
              ref={secretRef}
              readOnly
              value={shown.secret}
              aria-describedby="new-key-warning"
              data-testid="new-api-key"
              className="w-full max-w-xl rounded border border-slate-400 bg-white px-2 py-1.5 font-mono text-sm"
              onFocus={(event) => event.currentTarget.select()}
            />
            <button type="button" className={SECONDARY} onClick={copySecret}>
              {t("copy")}
            </button>
            <button type="button" className={SECONDARY} onClick={() => setDismissed(shown.secret)}>
              {t("done")}
            </button>
          </div>
          <p role="status" className="text-sm text-slate-700">
            {copy === "copied" ? t("copied") : copy === "failed" ? t("copyFailed") : ""}
          </p>
        </section>
      ) : null}

      <form action={action} className="space-y-2" noValidate>
        <div>
          <label htmlFor="api-key-name" className="block text-sm font-medium">
            {t("nameLabel")}
          </label>
          <p id="api-key-name-hint" className="text-sm text-slate-600">
            {t("nameHint")}
          </p>
          <input
            id="api-key-name"
            name="name"
            required
            maxLength={200}
            autoComplete="off"
            aria-invalid={error?.field === "name" ? true : undefined}
            aria-describedby={error?.field === "name" ? "api-key-name-hint api-key-error" : "api-key-name-hint"}
            className={INPUT}
          />
        </div>
        <div>
          <label htmlFor="api-key-expiry" className="block text-sm font-medium">
            {t("expiresLabel")}
          </label>
          <select id="api-key-expiry" name="expiresInDays" defaultValue="" className={INPUT}>
            <option value="">{t("expiresNever")}</option>
            {API_KEY_EXPIRY_CHOICES.map((days) => (
              <option key={days} value={days}>
                {t("expiresInDays", { days })}
              </option>
            ))}
          </select>
        </div>
        {error ? (
          <p id="api-key-error" className="text-sm text-red-800" data-testid="api-key-error">
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
