import { getTranslations } from "next-intl/server";
import type { ClaimPageModel } from "@/app/(portal)/claims/[id]/claim-page-model";
import { oneOf, WORKLOAD_KEYS } from "@/i18n/message-keys";
import { Card } from "@/components/ui/card";
import type { ActionState } from "../action-state";
import { TextActionForm } from "../text-action-form";

const SUBMIT_CHECKLIST = ["products", "customerContact", "partnerContact", "poe"] as const;

/** Submit for approval: what is still missing (the guard's own list), competing claims, and the SLA ahead. */
export async function SubmitPanel(props: { model: ClaimPageModel; submit: (state: ActionState) => Promise<ActionState> }) {
  const { claim, wording } = props.model;
  const blockedBy = props.model.actions.submit?.blockedBy ?? [];
  const [t, tStatus, tWorkload] = await Promise.all([getTranslations("claimSubmit"), getTranslations("status"), getTranslations("workload")]);

  // One line per competing claim (several products may compete with the same claim).
  const conflictLines: string[] = [];
  for (const c of props.model.conflicts) {
    const mine = claim.products.find((p) => p.conflictKey === c.key);
    const workload = mine?.kind === "WORKLOAD" ? oneOf(WORKLOAD_KEYS, mine.name) : undefined;
    const product = workload ? tWorkload(workload) : (mine?.name ?? c.key);
    const line =
      c.claimNumber && c.sameOrganization
        ? t("conflictOwn", { number: c.claimNumber, status: tStatus(c.status), product })
        : t("conflictOther", { product });
    if (!conflictLines.includes(line)) conflictLines.push(line);
  }

  return (
    <Card title={t("title")} id="submit-title" testId="submit-panel">
      <p className="text-sm">{t("intro")}</p>
      <ul className="space-y-1" data-testid="submit-checklist">
        {SUBMIT_CHECKLIST.map((item) => {
          const missing = blockedBy.some((e) => e.path === item);
          return (
            <li key={item} className="flex items-start gap-2" data-item={item} data-done={!missing}>
              <span aria-hidden="true" className={missing ? "text-rose-700" : "text-emerald-700"}>
                {missing ? "✕" : "✓"}
              </span>
              <span>
                {t(`item_${item}`)}{" "}
                <span className={`text-sm ${missing ? "font-medium text-rose-800" : "text-emerald-800"}`}>({missing ? t("missing") : t("done")})</span>
              </span>
            </li>
          );
        })}
      </ul>
      <div>
        <h3 className="font-medium">{t("conflictsTitle")}</h3>
        {conflictLines.length ? (
          <ul className="mt-1 list-disc space-y-1 pl-5 text-amber-900" data-testid="conflicts">
            {conflictLines.map((line) => (
              <li key={line}>
                <span aria-hidden="true">⚠ </span>
                {line}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700" data-testid="conflicts-none">
            {t("conflictsNone")}
          </p>
        )}
      </div>
      <p className="text-sm text-slate-700">{t("sla", wording)}</p>
      {blockedBy.length ? <p className="text-sm font-medium text-rose-800">{t("blocked")}</p> : null}
      <TextActionForm
        key={props.model.stateKey}
        action={props.submit}
        submitLabel={t("submit")}
        pendingLabel={t("submitting")}
        disabled={blockedBy.length > 0}
        testId="submit-form"
      />
    </Card>
  );
}
