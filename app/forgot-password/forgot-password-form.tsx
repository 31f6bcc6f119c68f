"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { forgotPasswordAction } from "./actions";

export function ForgotPasswordForm() {
  const t = useTranslations("passwordLinks");
  const [state, formAction, pending] = useActionState(forgotPasswordAction, { sent: false });
  if (state.sent) {
    return (
      <p role="status" data-testid="reset-sent" className="mt-6 rounded bg-green-50 p-3 text-green-900">
        {t("sent")}
      </p>
    );
  }
  return (
    <form action={formAction} className="mt-6 space-y-4">
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          {t("email")}
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </div>
      <button type="submit" disabled={pending} className="w-full rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {t("send")}
      </button>
    </form>
  );
}
