"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId, useRef } from "react";
import { revokeKeyAction, type RevokeKeyState } from "./actions";

/**
 * "Revoke" opens a modal confirmation (native <dialog>: focus moves in, Escape cancels, focus returns to the
 * button); only its "Revoke key" button revokes.
 */
export function RevokeKeyButton({ keyId, name, owner }: { keyId: string; name: string; owner: string | null }) {
  const t = useTranslations("apiKeys");
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const [state, action, pending] = useActionState<RevokeKeyState, FormData>(revokeKeyAction, { status: "idle" });
  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        aria-label={t("revokeLabel", { name })}
        onClick={() => dialog.current?.showModal()}
        className="rounded border border-red-700 px-2 py-1 text-sm text-red-800 hover:bg-red-50"
      >
        {t("revoke")}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-300 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {t("revokeTitle", { name })}
        </h2>
        <div id={bodyId} className="mt-2 space-y-1 text-sm">
          <p>{t("revokeBody")}</p>
          {owner ? <p>{t("revokeOwner", { owner })}</p> : null}
        </div>
        {state.status === "error" ? (
          <p role="alert" className="mt-2 text-sm text-red-800">
            {state.message}
          </p>
        ) : null}
        <form action={action} className="mt-4 flex justify-end gap-2">
          <input type="hidden" name="keyId" value={keyId} />
          <button
            type="button"
            autoFocus
            onClick={() => dialog.current?.close()}
            className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm hover:bg-slate-100"
          >
            {t("cancel")}
          </button>
          <button type="submit" disabled={pending} className="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800">
            {pending ? t("revoking") : t("revokeConfirm")}
          </button>
        </form>
      </dialog>
    </>
  );
}
