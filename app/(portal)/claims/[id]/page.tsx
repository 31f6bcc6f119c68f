import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ClaimTimeline } from "@/components/claims/claim-timeline";
import { CommentsThread } from "@/components/claims/comments-thread";
import { getInstantFormatter } from "@/components/claims/date-format";
import { DeadlineText } from "@/components/claims/deadline-text";
import { DisputeForm, type DisputeProduct } from "@/components/claims/dispute-form";
import { getFieldFormatter } from "@/components/claims/field-format";
import { buttonClass, dangerButtonClass, secondaryButtonClass } from "@/components/claims/form-parts";
import { HistoryList } from "@/components/claims/history-list";
import { ClockIcon } from "@/components/claims/icons";
import { ModalDialog } from "@/components/claims/modal-dialog";
import { PoeList } from "@/components/claims/poe-list";
import { PoeUploader } from "@/components/claims/poe-uploader";
import { StatusBadge } from "@/components/claims/status-badge";
import { TextActionForm } from "@/components/claims/text-action-form";
import { WithdrawForm } from "@/components/claims/withdraw-form";
import { ReviewerPanel } from "@/components/review/reviewer-panel";
import { ReviewerWorkbench } from "@/components/review/reviewer-workbench";
import { homePathFor } from "@/lib/auth/session";
import { INFO_REQUEST_REASONS, REJECTION_REASONS, type ClaimField, type ClaimStatus } from "@/lib/claims/catalogue";
import { formatClaimNumber } from "@/lib/claims/claim-number";
import { organizationNameOf } from "@/lib/claims/claim-page";
import { findConflicts, getClaimHistory, listComments } from "@/lib/claims/claim-reads";
import { disputeWindowEndsAt } from "@/lib/claims/lifecycle";
import { availableActions, checkComment, checkPoeUpload, editableFields, isPartner } from "@/lib/claims/policy";
import { claimStateOf } from "@/lib/claims/claim-detail";
import { getSlaSettings } from "@/lib/claims/settings";
import { calendarOf, type StageWithDeadline } from "@/lib/claims/sla";
import { formatBytes } from "@/lib/claims/upload-poe";
import { POE_ACCEPT, POE_EXTENSIONS } from "@/lib/poe/poe-type";
import { getDb } from "@/lib/db";
import {
  addCommentAction,
  openDisputeAction,
  resubmitClaimAction,
  submitClaimAction,
  withdrawClaimAction,
} from "./actions";
import { loadClaimForPage } from "./claim-data";
import {
  addNoteAction,
  approveAction,
  rejectAction,
  requestInfoAction,
  resendConsentAction,
  resolveDisputeAction,
  startReviewAction,
  takeOverAction,
} from "../../review/actions";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { claim } = await loadClaimForPage((await props.params).id);
  return { title: formatClaimNumber(claim.number) };
}

const DEADLINE_STAGES: readonly ClaimStatus[] = ["SUBMITTED", "UNDER_REVIEW", "PARTNER_ACTION_REQUIRED", "APPROVED"];
const SUBMIT_CHECKLIST = ["products", "customerContact", "partnerContact", "poe"] as const;

function Card({ title, id, children, testId, tone = "default" }: { title: string; id: string; children: ReactNode; testId?: string; tone?: "default" | "warning" | "danger" | "success" }) {
  const tones = {
    default: "border-slate-200 bg-white",
    warning: "border-amber-400 bg-amber-50",
    danger: "border-rose-300 bg-rose-50",
    success: "border-emerald-300 bg-emerald-50",
  };
  return (
    <section aria-labelledby={id} className={`space-y-3 rounded border p-4 ${tones[tone]}`} data-testid={testId}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function ClaimPage(props: Props) {
  const { id } = await props.params;
  const searchParams = await props.searchParams;
  const { user, actor, claim } = await loadClaimForPage(id);
  const db = getDb();
  const now = new Date();
  const state = claimStateOf(claim);
  const actions = availableActions(actor, state, now);
  const action = (name: string) => actions.find((a) => a.action === name);
  const partner = isPartner(actor);
  const submit = action("submit");

  const [comments, history, conflicts, settings, organizationName] = await Promise.all([
    listComments(db, actor, claim.id),
    getClaimHistory(db, actor, claim.id),
    submit ? findConflicts(db, actor, claim.id) : Promise.resolve([]),
    getSlaSettings(db),
    partner ? Promise.resolve(user.organizationName ?? "") : organizationNameOf(db, claim.organizationId),
  ]);
  const calendar = calendarOf(settings);
  const [t, tField, tNav, tStatus, tSubmit, tResubmit, tReasons, tWithdraw, tDispute, tPoe, tComments, tHistory, tWorkload, tProgram, tActivity, tArea, format, formatInstant, fields] =
    await Promise.all([
      getTranslations("claimPage"),
      getTranslations("claimFields"),
      getTranslations("nav"),
      getTranslations("status"),
      getTranslations("claimSubmit"),
      getTranslations("claimResubmit"),
      getTranslations("claimReasons"),
      getTranslations("claimWithdraw"),
      getTranslations("claimDispute"),
      getTranslations("claimPoe"),
      getTranslations("claimComments"),
      getTranslations("claimHistory"),
      getTranslations("workload"),
      getTranslations("program"),
      getTranslations("activity"),
      getTranslations("solutionArea"),
      getFormatter(),
      getInstantFormatter(calendar.timeZone),
      getFieldFormatter(),
    ]);

  const number = formatClaimNumber(claim.number);
  const editable = editableFields(actor, claim);
  const canUpload = checkPoeUpload(actor, state) === null;
  const canComment = checkComment(actor, state, now) === null;
  const productLabel = (p: { kind: string; name: string; subscriptionId?: string | null }) =>
    p.kind === "WORKLOAD" ? tWorkload(p.name as never) : p.name;
  const editableList = format.list(
    [...editable.map((f: ClaimField) => tField(f)), ...(canUpload && editable.length ? [tField("poe")] : [])],
    { type: "conjunction" },
  );
  const dueLabel = DEADLINE_STAGES.includes(claim.status) && claim.dueAt ? t(`deadline${claim.status as StageWithDeadline}`) : null;

  // ── the request-info comment (Partner action required)
  const lastInfoRequest = [...history]
    .reverse()
    .find((h) => h.type === "STATUS_CHANGED" && (h.data as { action?: string } | undefined)?.action === "request-info");
  const requestComment = (lastInfoRequest?.data as { comment?: string } | undefined)?.comment;

  const historyDialog = (
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
    >
      <p className="mb-3 text-sm text-slate-700">{tHistory("intro")}</p>
      <HistoryList items={history} format={fields.format} formatInstant={formatInstant} />
    </ModalDialog>
  );

  // ── competing claims (shown with Submit)
  const conflictLines: string[] = [];
  for (const c of conflicts) {
    const mine = claim.products.find((p) => p.conflictKey === c.key);
    const product = mine ? productLabel(mine) : c.key;
    const line = c.claimNumber && c.sameOrganization
      ? tSubmit("conflictOwn", { number: c.claimNumber, status: tStatus(c.status), product })
      : tSubmit("conflictOther", { product });
    if (!conflictLines.includes(line)) conflictLines.push(line);
  }

  const disputeProducts: DisputeProduct[] = claim.products.map((p) => ({
    kind: p.kind,
    name: p.name,
    ...(p.subscriptionId ? { subscriptionId: p.subscriptionId } : {}),
    label: p.kind === "DYNAMICS" ? `${p.name} — ${tField("subscriptionId")} ${p.subscriptionId ?? ""}` : productLabel(p),
  }));

  const customerContact = claim.customerContact as Record<string, string> | null;
  const partnerContact = claim.partnerContact as Record<string, string> | null;
  const rejection = claim.rejectionReason && (REJECTION_REASONS as readonly string[]).includes(claim.rejectionReason) ? claim.rejectionReason : null;

  return (
    <article className="space-y-5" aria-labelledby="claim-title" data-testid="claim-page" data-status={claim.status}>
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
            {!partner && organizationName ? <> · {organizationName}</> : null}
          </p>
        </div>
        <div className="flex shrink-0 flex-wrap justify-end gap-2">{historyDialog}</div>
      </header>

      <dl className="grid gap-4 rounded border border-slate-200 bg-white p-4 md:grid-cols-2">
        <div>
          <dt className="text-xs font-medium uppercase text-slate-600">{t("statusLabel")}</dt>
          <dd className="mt-1">
            <StatusBadge status={claim.status} withMeaning />
          </dd>
        </div>
        <div data-testid="claim-deadline">
          <dt className="text-xs font-medium uppercase text-slate-600">{t("deadlineLabel")}</dt>
          <dd className="mt-1 space-y-0.5">
            {dueLabel && claim.dueAt ? (
              <>
                <p>
                  {dueLabel}{" "}
                  <time dateTime={claim.dueAt.toISOString()} className="font-medium" data-testid="claim-due-at">
                    {formatInstant(claim.dueAt)}
                  </time>
                </p>
                <p className="text-sm" data-testid="claim-sla">
                  <DeadlineText status={claim.status} dueAt={claim.dueAt} now={now} calendar={calendar} />
                </p>
              </>
            ) : (
              <p className="text-slate-600">{t("noDeadline")}</p>
            )}
          </dd>
        </div>
      </dl>

      {searchParams.created && claim.status === "EDITING" ? (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-emerald-900" data-testid="notice">
          ✓ {t("created")}
        </p>
      ) : null}
      {searchParams.saved ? (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-emerald-900" data-testid="notice">
          ✓ {t("saved")}
        </p>
      ) : null}
      {user.role === "REVIEWER" ? <p className="rounded bg-indigo-50 p-3 text-sm text-indigo-900">{t("reviewerView")}</p> : null}
      {user.role === "REVIEWER" ? (
        <ReviewerPanel
          actions={actions.filter((a) => !a.blockedBy && a.action !== "take-over").map((a) => a.action)}
          disputeId={claim.dispute?.status === "OPEN" ? claim.dispute.id : undefined}
          startReview={startReviewAction.bind(null, claim.id, claim.version)}
          requestInfo={requestInfoAction.bind(null, claim.id, claim.version)}
          approve={approveAction.bind(null, claim.id, claim.version)}
          reject={rejectAction.bind(null, claim.id, claim.version)}
          resolveDispute={resolveDisputeAction.bind(null, claim.id, claim.dispute?.id ?? "")}
          resendConsent={resendConsentAction.bind(null, claim.id, claim.version)}
          customerEmail={(claim.customerContact as { email?: string } | null)?.email}
        />
      ) : null}
      {user.role === "ADMIN" ? <p className="rounded bg-slate-100 p-3 text-sm">{t("adminView")}</p> : null}
      {user.role === "REVIEWER" || user.role === "ADMIN" ? (
        <ReviewerWorkbench
          claim={claim}
          actor={actor}
          viewerId={user.id}
          canTakeOver={Boolean(action("take-over"))}
          formatInstant={formatInstant}
          takeOver={takeOverAction.bind(null, claim.id, claim.version)}
          addNote={addNoteAction.bind(null, claim.id)}
        />
      ) : null}

      <ClaimTimeline
        history={history}
        status={claim.status}
        consentEndsAt={claim.consentEndsAt}
        sentForIncentiveAssessmentAt={claim.sentForIncentiveAssessmentAt}
        formatInstant={formatInstant}
      />

      {claim.status === "PARTNER_ACTION_REQUIRED" ? (
        <Card title={tResubmit("title")} id="par-title" tone="warning" testId="partner-action">
          {claim.dueAt ? (
            <p>
              {tResubmit("intro", { date: formatInstant(claim.dueAt) })}{" "}
              <DeadlineText status={claim.status} dueAt={claim.dueAt} now={now} calendar={calendar} />
            </p>
          ) : null}
          <div>
            <h3 className="font-medium">{tResubmit("reasons")}</h3>
            <ul className="mt-1 list-disc space-y-1 pl-5" data-testid="reason-codes">
              {claim.reasonCodes
                .filter((code) => (INFO_REQUEST_REASONS as readonly string[]).includes(code))
                .map((code) => (
                  <li key={code} data-code={code}>
                    <span className="font-medium">{tReasons(`info.${code}.label`)}</span> – {tReasons(`info.${code}.explanation`)}
                  </li>
                ))}
            </ul>
          </div>
          {requestComment ? (
            <div>
              <h3 className="font-medium">{tResubmit("request")}</h3>
              <blockquote className="mt-1 whitespace-pre-wrap border-l-4 border-amber-400 pl-3" data-testid="request-comment">
                {requestComment}
              </blockquote>
            </div>
          ) : null}
          {action("resubmit") ? (
            <>
              <p className="text-sm">{tResubmit("howTo")}</p>
              {!state.partnerRespondedSinceInfoRequest ? <p className="text-sm text-amber-900">{tResubmit("notYet")}</p> : null}
              <TextActionForm
                action={resubmitClaimAction.bind(null, claim.id, claim.version)}
                submitLabel={tResubmit("submit")}
                pendingLabel={tResubmit("submitting")}
                textField={{ label: tResubmit("comment"), hint: tResubmit("commentHint"), path: "comment", maxLength: 4000 }}
                testId="resubmit-form"
              />
            </>
          ) : null}
        </Card>
      ) : null}

      {submit ? (
        <Card title={tSubmit("title")} id="submit-title" testId="submit-panel">
          <p className="text-sm">{tSubmit("intro")}</p>
          <ul className="space-y-1" data-testid="submit-checklist">
            {SUBMIT_CHECKLIST.map((item) => {
              const missing = submit.blockedBy?.some((e) => e.path === item) ?? false;
              return (
                <li key={item} className="flex items-start gap-2" data-item={item} data-done={!missing}>
                  <span aria-hidden="true" className={missing ? "text-rose-700" : "text-emerald-700"}>
                    {missing ? "✕" : "✓"}
                  </span>
                  <span>
                    {tSubmit(`item_${item}`)}{" "}
                    <span className={`text-sm ${missing ? "font-medium text-rose-800" : "text-emerald-800"}`}>
                      ({missing ? tSubmit("missing") : tSubmit("done")})
                    </span>
                  </span>
                </li>
              );
            })}
          </ul>
          <div>
            <h3 className="font-medium">{tSubmit("conflictsTitle")}</h3>
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
                {tSubmit("conflictsNone")}
              </p>
            )}
          </div>
          <p className="text-sm text-slate-700">
            {tSubmit("sla", { days: settings.submittedBusinessDays, reviewDays: settings.underReviewBusinessDays })}
          </p>
          {submit.blockedBy?.length ? <p className="text-sm font-medium text-rose-800">{tSubmit("blocked")}</p> : null}
          <TextActionForm
            action={submitClaimAction.bind(null, claim.id, claim.version)}
            submitLabel={tSubmit("submit")}
            pendingLabel={tSubmit("submitting")}
            disabled={Boolean(submit.blockedBy?.length)}
            testId="submit-form"
          />
        </Card>
      ) : null}

      {claim.status === "REJECTED" ? (
        <Card title={t("rejectedTitle")} id="rejected-title" tone="danger" testId="rejection">
          {rejection ? (
            <p data-testid="rejection-reason" data-code={rejection}>
              <span className="font-medium">{tReasons(`rejection.${rejection}.label`)}</span> – {tReasons(`rejection.${rejection}.explanation`)}
            </p>
          ) : null}
          {claim.withdrawReason ? (
            <p data-testid="withdraw-reason" data-code={claim.withdrawReason}>
              {tWithdraw("shownReason", { reason: tWithdraw(`reason_${claim.withdrawReason}`) })}
            </p>
          ) : null}
          {claim.rejectionComment ? (
            <p className="whitespace-pre-wrap" data-testid="rejection-comment">
              {t("reviewerComment", { comment: claim.rejectionComment })}
            </p>
          ) : null}
          {claim.rejectedAt ? <p className="text-sm text-slate-700">{t("rejectedOn", { date: formatInstant(claim.rejectedAt) })}</p> : null}
          {claim.dispute ? (
            <div className="rounded border border-slate-300 bg-white p-3" data-testid="dispute" data-dispute-status={claim.dispute.status}>
              <h3 className="font-medium">{tDispute("section")}</h3>
              <p>{tDispute(`status${claim.dispute.status}`)}</p>
              <p className="text-sm text-slate-700">{tDispute("openedOn", { date: formatInstant(claim.dispute.createdAt) })}</p>
              <p className="mt-1 whitespace-pre-wrap">{claim.dispute.details}</p>
              {claim.dispute.resolvedAt ? (
                <p className="text-sm text-slate-700">{tDispute("resolvedOn", { date: formatInstant(claim.dispute.resolvedAt) })}</p>
              ) : null}
              {claim.dispute.comment ? <p className="whitespace-pre-wrap">{tDispute("resolution", { comment: claim.dispute.comment })}</p> : null}
            </div>
          ) : partner && claim.rejectionReason === "PARTNER_REQUEST" ? (
            <p className="text-sm">{t("withdrawnNoDispute")}</p>
          ) : partner && claim.rejectedAt && !action("open-dispute") ? (
            <p className="text-sm">{t("disputeWindowOver", { date: formatInstant(disputeWindowEndsAt(claim.rejectedAt)) })}</p>
          ) : null}
          {action("open-dispute") && claim.rejectedAt ? (
            <div className="space-y-2">
              <p className="text-sm">{t("disputeWindowOpen", { date: formatInstant(disputeWindowEndsAt(claim.rejectedAt)) })}</p>
              <ModalDialog
                buttonLabel={tDispute("open")}
                title={tDispute("title", { number })}
                closeLabel={tHistory("close")}
                buttonClassName={buttonClass}
                testId="dispute-dialog"
              >
                <DisputeForm
                  action={openDisputeAction.bind(null, claim.id)}
                  dynamics={claim.solutionArea === "BUSINESS_APPLICATIONS"}
                  products={disputeProducts}
                  prefilled={[
                    { label: tField("mpnId"), value: claim.mpnId, testId: "mpnId" },
                    { label: tField("program"), value: tProgram(claim.program), testId: "program" },
                    { label: tField("claimId"), value: number, testId: "claimId" },
                    { label: tField("customerTenantId"), value: claim.customerTenantId, testId: "tenantId" },
                  ]}
                />
              </ModalDialog>
            </div>
          ) : null}
        </Card>
      ) : null}

      {claim.status === "APPROVED" ? (
        <Card title={tStatus("APPROVED")} id="approved-title" tone="success" testId="approval">
          {claim.sentForIncentiveAssessmentAt ? (
            <p>{t("sentForAssessment", { date: formatInstant(claim.sentForIncentiveAssessmentAt) })}</p>
          ) : claim.consentEndsAt ? (
            <p>{t("consentOpen", { date: formatInstant(claim.consentEndsAt) })}</p>
          ) : null}
          <p className="text-sm text-slate-700">{t("incentiveNote")}</p>
        </Card>
      ) : null}

      <section aria-labelledby="details-title" className="space-y-4 rounded border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h2 id="details-title" className="text-lg font-semibold">
            {t("details")}
          </h2>
          <div className="flex flex-wrap gap-2">
            {editable.length ? (
              <Link href={`/claims/${claim.id}/edit`} className={buttonClass} data-testid="edit-claim">
                {t("edit")}
              </Link>
            ) : null}
            {action("withdraw") ? (
              <ModalDialog
                buttonLabel={tWithdraw("open")}
                title={tWithdraw("title", { number })}
                closeLabel={tHistory("close")}
                buttonClassName={dangerButtonClass}
                testId="withdraw-dialog"
              >
                <WithdrawForm action={withdrawClaimAction.bind(null, claim.id, claim.version)} />
              </ModalDialog>
            ) : null}
          </div>
        </div>
        {editable.length ? <p className="text-sm text-slate-700">{t("editHint", { fields: editableList })}</p> : null}
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="claim-details">
          <Detail label={tField("claimId")} value={number} mono />
          {!partner ? <Detail label={tField("organization")} value={organizationName} /> : null}
          <Detail label={tField("mpnId")} value={claim.mpnId} mono testId="detail-mpnId" />
          <Detail label={tField("program")} value={tProgram(claim.program)} />
          <Detail label={tField("activity")} value={tActivity(claim.activity)} />
          <Detail label={tField("solutionArea")} value={tArea(claim.solutionArea)} />
          <Detail label={tField("customerName")} value={claim.customerName} />
          <Detail label={tField("customerDomain")} value={claim.customerDomain} />
          <Detail label={tField("customerTenantId")} value={claim.customerTenantId} mono />
        </dl>
        <div>
          <h3 className="text-sm font-medium uppercase text-slate-600">{tField("products")}</h3>
          {claim.products.length ? (
            <ul className="mt-1 space-y-1" data-testid="detail-products">
              {claim.products.map((p) => (
                <li key={p.id}>
                  {productLabel(p)}
                  {p.subscriptionId ? (
                    <span className="text-sm text-slate-700">
                      {" "}
                      — {tField("subscriptionId")} <code className="break-all">{p.subscriptionId}</code>
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-600">{tField("empty")}</p>
          )}
        </div>
        <div className="grid gap-4 md:grid-cols-2">
          {(
            [
              ["customerContact", customerContact],
              ["partnerContact", partnerContact],
            ] as const
          ).map(([key, contact]) => (
            <div key={key} data-testid={`detail-${key}`}>
              <h3 className="text-sm font-medium uppercase text-slate-600">{tField(key)}</h3>
              {contact ? (
                <p className="mt-1">
                  {contact.name}, {contact.title}
                  <br />
                  <span className="break-all">{contact.email}</span>
                  {contact.phone ? (
                    <>
                      <br />
                      {contact.phone}
                    </>
                  ) : null}
                </p>
              ) : (
                <p className="text-slate-600">{tField("empty")}</p>
              )}
            </div>
          ))}
        </div>
        <div>
          <h3 className="text-sm font-medium uppercase text-slate-600">{tField("commentary")}</h3>
          <p className="mt-1 whitespace-pre-wrap break-words" data-testid="detail-commentary">
            {claim.commentary || tField("empty")}
          </p>
        </div>
      </section>

      <Card title={tPoe("title")} id="poe-title" testId="poe-section">
        <p className="text-sm text-slate-700">
          {tPoe("intro", { types: POE_EXTENSIONS.join(", "), limit: formatBytes(settings.poeMaxBytes) })}
        </p>
        <PoeList claimId={claim.id} files={claim.poeFiles} formatInstant={formatInstant} />
        {canUpload ? (
          <PoeUploader
            claimId={claim.id}
            maxBytes={settings.poeMaxBytes}
            limitLabel={formatBytes(settings.poeMaxBytes)}
            accept={POE_ACCEPT}
            typesLabel={POE_EXTENSIONS.join(", ")}
          />
        ) : partner ? (
          <p className="text-sm text-slate-700">{tPoe("closed")}</p>
        ) : null}
        {claim.poeFiles.length ? <p className="text-sm text-slate-600">{tPoe("kept")}</p> : null}
      </Card>

      <CommentsThread
        comments={comments}
        formatInstant={formatInstant}
        form={
          canComment ? (
            <TextActionForm
              action={addCommentAction.bind(null, claim.id)}
              submitLabel={tComments("post")}
              pendingLabel={tComments("posting")}
              successMessage={tComments("posted")}
              textField={{ label: tComments("add"), path: "body", rows: 3, required: true, maxLength: 4000 }}
              testId="comment-form"
            />
          ) : user.role === "ADMIN" ? (
            <p className="text-sm text-slate-600">{tComments("adminReadOnly")}</p>
          ) : (
            <p className="text-sm text-slate-600">{tComments("closed")}</p>
          )
        }
      />
    </article>
  );
}

function Detail({ label, value, mono, testId }: { label: string; value: string; mono?: boolean; testId?: string }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase text-slate-600">{label}</dt>
      <dd className={`mt-0.5 break-words ${mono ? "font-mono text-sm" : ""}`} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
