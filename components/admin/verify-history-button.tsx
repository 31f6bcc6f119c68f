"use client";

// The admin's "Verify history" action (claim page: that claim's chain; /admin/audit: the audit log's chain).
// The result is text in a live region, so it is announced and never told by colour alone.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ChainBreakReason } from "@/lib/audit/chain";
import { secondaryButtonClass } from "@/components/ui/button";

export type VerifyHistoryState =
  | { status: "idle" }
  | { status: "intact"; verified: number }
  | { status: "broken"; verified: number; eventId: string; seq: number; expectedSeq: number; reason: ChainBreakReason };

export function VerifyHistoryButton({ action, testId }: { action: () => Promise<VerifyHistoryState>; testId: string }) {
  const t = useTranslations("historyVerify");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3" data-testid={testId}>
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        {pending ? t("verifying") : t("verify")}
      </button>
      <p role="status" className="text-sm" data-testid={`${testId}-result`} data-state={state.status}>
        {state.status === "intact" ? <span className="text-green-800">✓ {t("intact", { count: state.verified })}</span> : null}
        {state.status === "broken" ? (
          <span className="font-medium text-red-800">
            ✗ {t("broken", { eventId: state.eventId, seq: state.seq, verified: state.verified })} {t(`reason.${state.reason}`, { expectedSeq: state.expectedSeq })}
          </span>
        ) : null}
      </p>
    </form>
  );
}
