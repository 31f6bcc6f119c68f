"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { OnceShownSecret } from "@/components/ui/once-shown-secret";
import { createKeyAction, type CreateKeyState } from "./actions";

/** The lifetimes offered (the server accepts any whole number of days from 1 to 3650; the CLI takes any). */
const API_KEY_EXPIRY_CHOICES = [30, 90, 365] as const;

const INPUT = "mt-1 block w-full max-w-md rounded border border-slate-400 bg-white px-2 py-1.5 text-sm";
const BUTTON = "rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60";

/** The create form, and the one-time display of the new secret (OnceShownSecret; kept in this component's state only). */
export function CreateKeyForm() {
  const t = useTranslations("apiKeys");
  const [state, action, pending] = useActionState<CreateKeyState, FormData>(createKeyAction, { status: "idle" });
  // The secret lives in this one action result only; "I have stored it" hides it for good.
  const [dismissed, setDismissed] = useState<string | null>(null);
  const shown = state.status === "created" && state.secret !== dismissed ? state : null;

  const error = state.status === "error" ? state : null;
  return (
    <div className="space-y-4">
      {shown ? (
        <OnceShownSecret
          id="new-api-key"
          testId="new-api-key"
          secret={shown.secret}
          labels={{
            title: t("createdTitle", { name: shown.name }),
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
