"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { setPasswordAction, type SetPasswordState } from "./actions";

const INITIAL: SetPasswordState = { status: "idle", seq: 0 };
const INPUT = "mt-1 w-full rounded border border-slate-300 px-3 py-2";

export function SetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("passwordLinks");
  const [state, formAction, pending] = useActionState(setPasswordAction, INITIAL);
  if (state.status === "done" || state.status === "invalid") {
    return (
      <div className="mt-6 space-y-3">
        <p role="status" data-testid={`set-password-${state.status}`} className="rounded bg-slate-50 p-3">
          {state.status === "done" ? t("done") : t("invalid")}
        </p>
        <Link href="/login" className="text-blue-700 underline">
          {t("signIn")}
        </Link>
      </div>
    );
  }
  const error = state.error === "mismatch" ? t("mismatch") : state.error;
  return (
    <form action={formAction} className="mt-6 space-y-4">
      <input type="hidden" name="token" value={token} />
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          {t("password")}
        </label>
        <input id="password" name="password" type="password" autoComplete="new-password" required minLength={12} className={INPUT} />
      </div>
      <div>
        <label htmlFor="confirm" className="block text-sm font-medium">
          {t("confirm")}
        </label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" required className={INPUT} />
      </div>
      {error ? (
        <p data-testid="set-password-error" className="rounded bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="w-full rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {t("save")}
      </button>
    </form>
  );
}
