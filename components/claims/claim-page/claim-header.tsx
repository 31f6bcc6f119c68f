import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ClaimPageModel } from "@/app/(portal)/claims/[id]/claim-page-model";
import { oneOf } from "@/i18n/message-keys";
import { homePathFor } from "@/lib/auth/session";
import { formatClaimNumber } from "@/lib/claims/claim-number";
import { STAGES_WITH_DEADLINE, type StageWithDeadline } from "@/lib/claims/sla";
import type { Messages } from "@/messages";
import { secondaryButtonClass } from "@/components/ui/button";
import { ModalDialog } from "@/components/ui/dialog";
import { DeadlineText } from "../deadline-text";
import { getFieldFormatter } from "../field-format";
import { HistoryList } from "../history-list";
import { ClockIcon } from "../icons";
import { StatusBadge } from "../status-badge";

const DEADLINE_LABEL = {
  SUBMITTED: "deadlineSUBMITTED",
  UNDER_REVIEW: "deadlineUNDER_REVIEW",
  PARTNER_ACTION_REQUIRED: "deadlinePARTNER_ACTION_REQUIRED",
  APPROVED: "deadlineAPPROVED",
} as const satisfies Record<StageWithDeadline, keyof Messages["claimPage"]>;

/** The top of the claim page: where it sits, the number and customer, the history, status and deadline. */
export async function ClaimHeader({ model, notice }: { model: ClaimPageModel; notice?: "created" | "saved" }) {
  const { claim, user, partner, formatInstant, history } = model;
  const claimPath = `/claims/${claim.id}`;
  const [t, tNav, tHistory, fields] = await Promise.all([
    getTranslations("claimPage"),
    getTranslations("nav"),
    getTranslations("claimHistory"),
    getFieldFormatter(),
  ]);
  const number = formatClaimNumber(claim.number);
  const stage = oneOf(STAGES_WITH_DEADLINE, claim.status);
  return (
    <>
      <nav aria-label={t("breadcrumb")} className="text-sm">
        <Link href={homePathFor(user.role)} className="text-blue-700 underline">
          {tNav(user.role === "REVIEWER" ? "review" : user.role === "ADMIN" ? "admin" : "claims")}
        </Link>
      </nav>

      <header className="flex items-start justify-between gap-4">
        <div className="min-w-0 space-y-1">
          <h1 id="claim-title" className="font-mono text-2xl font-semibold" data-testid="claim-number">
            {number}
          </h1>
          <p className="text-slate-700">
            <span className="font-medium">{claim.customerName}</span> · {claim.customerDomain}
            {!partner && model.organizationName ? <> · {model.organizationName}</> : null}
          </p>
        </div>
        <div className="flex shrink-0 flex-wrap justify-end gap-2">
          <ModalDialog
            buttonLabel={
              <>
                <ClockIcon className="mr-1 inline h-4 w-4" />
                {t("history")}
              </>
            }
            title={tHistory("title", { number })}
            closeLabel={tHistory("close")}
            buttonClassName={secondaryButtonClass}
            testId="history-dialog"
            wide
            openOnLoad={history.isOlderWindow}
          >
            <p className="mb-3 text-sm text-slate-700">{tHistory("intro")}</p>
            <HistoryList
              items={history.items}
              format={fields.format}
              formatInstant={formatInstant}
              olderHref={history.olderBefore ? `${claimPath}?historyBefore=${history.olderBefore}` : undefined}
              latestHref={history.isOlderWindow ? claimPath : undefined}
            />
          </ModalDialog>
        </div>
      </header>

      <dl className="grid gap-4 rounded border border-slate-200 bg-white p-4 md:grid-cols-2">
        <div>
          <dt className="text-xs font-medium uppercase text-slate-600">{t("statusLabel")}</dt>
          <dd className="mt-1">
            <StatusBadge status={claim.status} wording={model.wording} withMeaning />
          </dd>
        </div>
        <div data-testid="claim-deadline">
          <dt className="text-xs font-medium uppercase text-slate-600">{t("deadlineLabel")}</dt>
          <dd className="mt-1 space-y-0.5">
            {stage && claim.dueAt ? (
              <>
                <p>
                  {t(DEADLINE_LABEL[stage])}{" "}
                  <time dateTime={claim.dueAt.toISOString()} className="font-medium" data-testid="claim-due-at">
                    {formatInstant(claim.dueAt)}
                  </time>
                </p>
                <p className="text-sm" data-testid="claim-sla">
                  <DeadlineText status={claim.status} dueAt={claim.dueAt} now={model.now} calendar={model.calendar} />
                </p>
              </>
            ) : (
              <p className="text-slate-600">{t("noDeadline")}</p>
            )}
          </dd>
        </div>
      </dl>

      {notice ? (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-emerald-900" data-testid="notice">
          ✓ {t(notice)}
        </p>
      ) : null}
      {user.role === "REVIEWER" ? <p className="rounded bg-indigo-50 p-3 text-sm text-indigo-900">{t("reviewerView")}</p> : null}
      {user.role === "ADMIN" ? <p className="rounded bg-slate-100 p-3 text-sm">{t("adminView")}</p> : null}
    </>
  );
}
