"use client";

import { useEffect, useRef, useState } from "react";

const SECONDARY = "rounded border border-slate-400 bg-white px-3 py-1.5 text-sm hover:bg-slate-100";

export interface OnceShownSecretLabels {
  title: string;
  /** Says the secret is shown only now; the field points to it (aria-describedby). */
  warning: string;
  secret: string;
  copy: string;
  copied: string;
  copyFailed: string;
  done: string;
}

/**
 * A newly created secret (an API key, a webhook signing secret), shown once: selected and focused so it can be
 * copied at once, a copy button (falling back to "select and copy with the keyboard" where the clipboard is
 * refused), and "I have stored it", after which the caller forgets it for good. The secret lives only in the
 * caller's action result: nothing here keeps or sends it anywhere.
 * `id` prefixes the element ids (`<id>-title`, `<id>-warning`, and `<id>` for the field); `testId` names the field
 * and `<testId>-panel` the panel.
 */
export function OnceShownSecret({ id, testId, secret, labels, onDone }: { id: string; testId: string; secret: string; labels: OnceShownSecretLabels; onDone: () => void }) {
  const fieldRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<{ secret: string; ok: boolean } | null>(null);
  const copy = copied?.secret === secret ? (copied.ok ? "copied" : "failed") : "idle";

  useEffect(() => {
    fieldRef.current?.focus();
    fieldRef.current?.select();
  }, [secret]);

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied({ secret, ok: true });
    } catch {
      fieldRef.current?.select();
      setCopied({ secret, ok: false });
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-2 rounded border border-amber-400 bg-amber-50 p-4" data-testid={`${testId}-panel`}>
      <h3 id={`${id}-title`} className="font-semibold">
        {labels.title}
      </h3>
      <p className="text-sm" id={`${id}-warning`}>
        {labels.warning}
      </p>
      <label htmlFor={id} className="block text-sm font-medium">
        {labels.secret}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={id}
          ref={fieldRef}
          readOnly
          value={secret}
          aria-describedby={`${id}-warning`}
          data-testid={testId}
          className="w-full max-w-xl rounded border border-slate-400 bg-white px-2 py-1.5 font-mono text-sm"
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className={SECONDARY} onClick={copySecret}>
          {labels.copy}
        </button>
        <button type="button" className={SECONDARY} onClick={onDone}>
          {labels.done}
        </button>
      </div>
      <p role="status" className="text-sm text-slate-700">
        {copy === "copied" ? labels.copied : copy === "failed" ? labels.copyFailed : ""}
      </p>
    </section>
  );
}
