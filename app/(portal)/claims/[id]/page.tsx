import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { VerifyHistoryButton } from "@/components/admin/verify-history-button";
import { ApprovalPanel } from "@/components/claims/claim-page/approval-panel";
import { ClaimDetails } from "@/components/claims/claim-page/claim-details";
import { ClaimHeader } from "@/components/claims/claim-page/claim-header";
import { PartnerActionPanel } from "@/components/claims/claim-page/partner-action-panel";
import { PoeSection } from "@/components/claims/claim-page/poe-section";
import { RejectionPanel } from "@/components/claims/claim-page/rejection-panel";
import { SubmitPanel } from "@/components/claims/claim-page/submit-panel";
import { ClaimTimeline } from "@/components/claims/claim-timeline";
import { CommentsThread } from "@/components/claims/comments-thread";
import { TextActionForm } from "@/components/claims/text-action-form";
import { ContactDomainWarning } from "@/components/review/contact-domain-warning";
import { ReviewerPanel } from "@/components/review/reviewer-panel";
import { ReviewerWorkbench } from "@/components/review/reviewer-workbench";
import { formatClaimNumber } from "@/lib/claims/claim-number";
import { COMMENT_MAX_LENGTH } from "@/lib/claims/schemas";
import {
  addCommentAction,
  discardClaimAction,
  duplicateClaimAction,
  openDisputeAction,
  resubmitClaimAction,
  submitClaimAction,
  withdrawClaimAction,
} from "./actions";
import { verifyClaimHistoryAction } from "./admin-actions";
import { loadClaimForPage } from "./claim-data";
import { loadClaimPageModel } from "./claim-page-model";
import {
  addNoteAction,
  approveAction,
  rejectAction,
  requestInfoAction,
  resendConsentAction,
  resolveDisputeAction,
  startReviewAction,
  takeOverAction,
} from "./reviewer-actions";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { claim } = await loadClaimForPage((await props.params).id);
  return { title: formatClaimNumber(claim.number) };
}

/**
 * The claim page: one model (loaded once, see claim-page-model.ts) and the sections that render it. The page
 * only binds the server actions to this claim and version and decides which sections the status calls for.
 */
export default async function ClaimPage(props: Props) {
  const { id } = await props.params;
  const searchParams = await props.searchParams;
  const param = (name: string) => (typeof searchParams[name] === "string" ? searchParams[name] : undefined);
  const model = await loadClaimPageModel(id, param("historyBefore"), param("commentsBefore"));
  const { claim, user } = model;
  const tComments = await getTranslations("claimComments");
  const tHistory = await getTranslations("historyVerify");
  const notice = searchParams.saved ? "saved" : searchParams.created && claim.status === "EDITING" ? "created" : undefined;

  return (
    <article className="space-y-5" aria-labelledby="claim-title" data-testid="claim-page" data-status={claim.status}>
      <ClaimHeader model={model} notice={notice} />
      {user.role === "REVIEWER" || user.role === "ADMIN" ? (
        <ContactDomainWarning email={(claim.customerContact as { email?: string } | null)?.email} domain={claim.customerDomain} />
      ) : null}
      {user.role === "REVIEWER" ? (
        <ReviewerPanel
          // Sibling keys must differ: two siblings sharing one key confuse React's reconciliation on refresh.
          key={`panel-${model.stateKey}`}
          actions={model.actions.unblocked}
          disputeId={claim.dispute?.status === "OPEN" ? claim.dispute.id : undefined}
          wording={model.wording}
          startReview={startReviewAction.bind(null, claim.id, claim.version)}
          requestInfo={requestInfoAction.bind(null, claim.id, claim.version)}
          approve={approveAction.bind(null, claim.id, claim.version)}
          reject={rejectAction.bind(null, claim.id, claim.version)}
          resolveDispute={resolveDisputeAction.bind(null, claim.id, claim.dispute?.id ?? "")}
          resendConsent={resendConsentAction.bind(null, claim.id, claim.version)}
          customerEmail={(claim.customerContact as { email?: string } | null)?.email}
        />
      ) : null}
      {user.role === "REVIEWER" || user.role === "ADMIN" ? (
        <ReviewerWorkbench
          key={`workbench-${model.stateKey}`}
          claim={claim}
          actor={model.actor}
          viewerId={user.id}
          canTakeOver={model.actions.takeOver}
          formatInstant={model.formatInstant}
          takeOver={takeOverAction.bind(null, claim.id, claim.version)}
          addNote={addNoteAction.bind(null, claim.id)}
        />
      ) : null}

      <ClaimTimeline
        history={model.history.milestones}
        status={claim.status}
        consentEndsAt={claim.consentEndsAt}
        sentForIncentiveAssessmentAt={claim.sentForIncentiveAssessmentAt}
        formatInstant={model.formatInstant}
      />
      {user.role === "ADMIN" ? (
        <section aria-labelledby="history-verify-title" className="space-y-2 rounded border border-slate-200 p-4">
          <h2 id="history-verify-title" className="text-lg font-semibold">
            {tHistory("title")}
          </h2>
          <p className="text-sm text-slate-600">{tHistory("claimIntro")}</p>
          <VerifyHistoryButton action={verifyClaimHistoryAction.bind(null, claim.id)} testId="verify-claim-history" />
        </section>
      ) : null}

      {claim.status === "PARTNER_ACTION_REQUIRED" ? (
        <PartnerActionPanel model={model} resubmit={resubmitClaimAction.bind(null, claim.id, claim.version)} />
      ) : null}
      {model.actions.submit ? <SubmitPanel model={model} submit={submitClaimAction.bind(null, claim.id, claim.version)} /> : null}
      {claim.status === "REJECTED" ? <RejectionPanel model={model} openDispute={openDisputeAction.bind(null, claim.id)} /> : null}
      {claim.status === "APPROVED" ? <ApprovalPanel model={model} /> : null}

      <ClaimDetails
        model={model}
        withdraw={withdrawClaimAction.bind(null, claim.id, claim.version)}
        discard={discardClaimAction.bind(null, claim.id, claim.version)}
        duplicate={duplicateClaimAction.bind(null, claim.id)}
      />
      <PoeSection model={model} />

      <CommentsThread
        comments={model.comments.items}
        earlierHref={model.comments.earlierBefore ? `/claims/${claim.id}?commentsBefore=${model.comments.earlierBefore}#comments-title` : undefined}
        latestHref={model.comments.isEarlierWindow ? `/claims/${claim.id}#comments-title` : undefined}
        formatInstant={model.formatInstant}
        form={
          model.canComment ? (
            <TextActionForm
              action={addCommentAction.bind(null, claim.id)}
              submitLabel={tComments("post")}
              pendingLabel={tComments("posting")}
              successMessage={tComments("posted")}
              textField={{ label: tComments("add"), path: "body", rows: 3, required: true, maxLength: COMMENT_MAX_LENGTH }}
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
