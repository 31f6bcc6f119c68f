"use client";

// The partner's draft tools on the claim page (docs/domain.md "Partner tools"): discard a draft after a
// confirmation (the claim, its files and its history are deleted), and duplicate any claim into a new draft.
// The service decides whether each is allowed; these forms only ask and show its answer.
import { useTranslations } from "next-intl";
import { startTransition, useActionState } from "react";
import { IDLE, type ActionState } from "./action-state";
import { dangerButtonClass, secondaryButtonClass } from "@/components/ui/button";
import { useCloseDialog } from "@/components/ui/dialog";

type Action = (state: ActionState) => Promise<ActionState>;

function ErrorLine({ state, testId }: { state: ActionState; testId: string }) {
  if (state.status !== "error" || !state.message) return null;
  return (
    <p role="status" className="text-sm text-rose-700" data-testid={testId}>
      {state.message}
    </p>
  );
}

/** The confirm step inside the "Discard draft" dialog. */
export function DiscardDraftForm(props: { action: Action; number: string }) {
  const t = useTranslations("claimDraftTools");
  const close = useCloseDialog();
  const [state, dispatch, pending] = useActionState(props.action, IDLE);
  return (
    <form
      className="space-y-4"
      data-testid="discard-form"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(() => dispatch());
      }}
    >
      <p className="text-sm text-slate-700">{t("discardConfirm", { number: props.number })}</p>
      <ErrorLine state={state} testId="discard-error" />
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={dangerButtonClass} disabled={pending} data-testid="discard-confirm">
          {pending ? t("discarding") : t("discardSubmit")}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={close}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}

export function DuplicateClaimButton(props: { action: Action }) {
  const t = useTranslations("claimDraftTools");
  const [state, dispatch, pending] = useActionState(props.action, IDLE);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(() => dispatch());
      }}
    >
      <button type="submit" className={secondaryButtonClass} disabled={pending} data-testid="duplicate-claim">
        {pending ? t("duplicating") : t("duplicate")}
      </button>
      <ErrorLine state={state} testId="duplicate-error" />
    </form>
  );
}
