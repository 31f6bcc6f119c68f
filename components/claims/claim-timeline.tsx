import { getTranslations } from "next-intl/server";
import type { ClaimStatus } from "@/lib/claims/catalogue";
import type { HistoryItem } from "@/lib/claims/claim-reads";

interface Step {
  key: string;
  label: string;
  at?: string;
  state: "done" | "current" | "upcoming";
}

/** The stages still ahead on the usual path from each status (the seed's timeline), shown greyed out. */
const AHEAD: Record<ClaimStatus, ("SUBMITTED" | "UNDER_REVIEW" | "APPROVED" | "SENT")[]> = {
  EDITING: ["SUBMITTED", "UNDER_REVIEW", "APPROVED", "SENT"],
  SUBMITTED: ["UNDER_REVIEW", "APPROVED", "SENT"],
  UNDER_REVIEW: ["APPROVED", "SENT"],
  PARTNER_ACTION_REQUIRED: ["UNDER_REVIEW", "APPROVED", "SENT"],
  APPROVED: ["SENT"],
  REJECTED: [],
};

/**
 * The claim's status path as it happened (from its history: every status change with its time), then the
 * stages still ahead. Status is written out; the markers are a second channel.
 */
export async function ClaimTimeline(props: {
  history: HistoryItem[];
  status: ClaimStatus;
  consentEndsAt: Date | null;
  sentForIncentiveAssessmentAt: Date | null;
  formatInstant: (date: Date | string) => string;
}) {
  const [t, tStatus] = await Promise.all([getTranslations("claimTimeline"), getTranslations("status")]);
  const steps: Step[] = [];
  for (const item of props.history) {
    if (item.type === "CLAIM_CREATED") steps.push({ key: item.id, label: tStatus("EDITING"), at: item.at, state: "done" });
    else if (item.type === "STATUS_CHANGED" && item.toStatus && item.toStatus !== item.fromStatus) {
      steps.push({ key: item.id, label: tStatus(item.toStatus), at: item.at, state: "done" });
    } else if (item.type === "DISPUTE_OPENED") steps.push({ key: item.id, label: t("disputeOpen"), at: item.at, state: "done" });
    else if (item.type === "DISPUTE_RESOLVED") {
      const outcome = (item.data as { outcome?: string } | undefined)?.outcome === "OVERTURN" ? "OVERTURNED" : "UPHELD";
      steps.push({ key: item.id, label: t(`dispute${outcome}`), at: item.at, state: "done" });
    } else if (item.type === "SENT_FOR_INCENTIVE_ASSESSMENT") {
      steps.push({ key: item.id, label: t("sentForAssessment"), at: item.at, state: "done" });
    }
  }
  // The last thing that happened is where the claim is now (unless it already reached the end).
  if (steps.length && !props.sentForIncentiveAssessmentAt) steps[steps.length - 1].state = "current";
  for (const stage of AHEAD[props.status]) {
    if (stage === "SENT") {
      if (props.sentForIncentiveAssessmentAt) continue;
      steps.push({
        key: "ahead-sent",
        label: t("sentForAssessment"),
        at: props.status === "APPROVED" && props.consentEndsAt ? props.consentEndsAt.toISOString() : undefined,
        state: "upcoming",
      });
    } else {
      steps.push({ key: `ahead-${stage}`, label: tStatus(stage), state: "upcoming" });
    }
  }
  const marker = { done: "✓", current: "●", upcoming: "○" } as const;
  return (
    <section aria-labelledby="timeline-title" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="timeline-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <ol className="mt-3 flex flex-col gap-2 md:flex-row md:flex-wrap md:gap-0" data-testid="status-timeline">
        {steps.map((step, index) => (
          <li
            key={step.key}
            data-state={step.state}
            aria-current={step.state === "current" ? "step" : undefined}
            className="flex items-start gap-2 md:min-w-36 md:flex-1"
          >
            <span
              aria-hidden="true"
              className={`mt-0.5 inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full border text-xs ${
                step.state === "done"
                  ? "border-emerald-600 bg-emerald-50 text-emerald-800"
                  : step.state === "current"
                    ? "border-blue-700 bg-blue-700 text-white"
                    : "border-slate-300 bg-white text-slate-400"
              }`}
            >
              {marker[step.state]}
            </span>
            <span className="min-w-0 pr-2">
              <span className={`block text-sm ${step.state === "upcoming" ? "text-slate-500" : "font-medium"}`}>
                {step.label}
                <span className="sr-only"> ({t(step.state)})</span>
              </span>
              {step.at ? (
                <time dateTime={step.at} className="block text-xs text-slate-600">
                  {props.formatInstant(step.at)}
                </time>
              ) : null}
            </span>
            {index < steps.length - 1 ? <span aria-hidden="true" className="hidden md:block md:flex-1" /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
