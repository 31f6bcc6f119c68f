"use client";

import { getCsrfToken, signIn } from "next-auth/react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";

type PasswordSignIn = { ok: true } | { ok: false; error: string | null; retryAfterSeconds?: number };

/**
 * next-auth's signIn() for credentials, plus the 429 it cannot read: past the failed sign-in limits the
 * callback answers RATE_LIMITED with Retry-After before checking the password (lib/auth/sign-in-guard.ts).
 */
async function signInWithPassword(email: string, password: string): Promise<PasswordSignIn> {
  const csrfToken = (await getCsrfToken()) ?? "";
  const response = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: window.location.href, json: "true" }),
  });
  if (response.status === 429) {
    return { ok: false, error: "RATE_LIMITED", retryAfterSeconds: Number(response.headers.get("Retry-After")) || 60 };
  }
  // next-auth answers `{ url }` with its redirect's status (302), so the status says nothing here: the url does.
  const data = (await response.json().catch(() => null)) as { url?: string } | null;
  if (!data?.url) return { ok: false, error: null };
  const error = new URL(data.url, window.location.origin).searchParams.get("error");
  return error ? { ok: false, error } : { ok: true };
}

/** Only same-origin paths may be a post-login destination (no open redirect). */
function safeCallback(value: string | null): string {
  if (!value) return "/";
  try {
    const url = new URL(value, window.location.origin);
    return url.origin === window.location.origin ? `${url.pathname}${url.search}` : "/";
  } catch {
    return "/";
  }
}

export function LoginForm({ entraEnabled }: { entraEnabled: boolean }) {
  const t = useTranslations("login");
  const tLinks = useTranslations("passwordLinks");
  const params = useSearchParams();
  // Where next-auth sends a refused sign-in (pages.error): an Entra ID sign-in refused (lib/auth/entra-link.ts)
  // is AccessDenied; the reason stays in the audit log, not on the page.
  const [error, setError] = useState<string | null>(() => {
    const code = params.get("error");
    return !code ? null : code === "AccessDenied" ? t("entraDenied") : t("error");
  });
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await signInWithPassword(String(form.get("email") ?? ""), String(form.get("password") ?? "")).catch(
      (): PasswordSignIn => ({ ok: false, error: null }),
    );
    if (!result.ok) {
      setPending(false);
      if (result.error === "RATE_LIMITED") {
        setError(t("tooManyAttempts", { minutes: Math.max(1, Math.ceil((result.retryAfterSeconds ?? 60) / 60)) }));
      } else {
        setError(result.error === "CredentialsSignin" ? t("invalid") : t("error"));
      }
      return;
    }
    // A full navigation: a route prefetched while signed out may have cached the guard's redirect.
    window.location.assign(safeCallback(params.get("callbackUrl")));
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          {t("email")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "login-error" : undefined}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          {t("password")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "login-error" : undefined}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
        />
      </div>
      {error ? (
        <p id="login-error" role="alert" data-testid="login-error" className="rounded bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? t("submitting") : t("submit")}
      </button>
      <p className="text-sm">
        <Link href="/forgot-password" className="text-blue-700 underline">
          {tLinks("forgotLink")}
        </Link>
      </p>
      {entraEnabled ? (
        <button
          type="button"
          onClick={() => signIn("azure-ad", { callbackUrl: safeCallback(params.get("callbackUrl")) })}
          className="w-full rounded border border-slate-300 px-4 py-2 font-medium hover:bg-slate-100"
        >
          {t("entra")}
        </button>
      ) : null}
    </form>
  );
}
