import "server-only";
// Everything the claim page shows, derived once per request from ONE read of the claim (loadClaimForPage,
// shared with the metadata) plus the reads that hang off it. Every section renders from this model, so two
// panels can never disagree about the claim (e.g. the timeline saying "Dispute open" while the rejection
// panel still offers to open one).
import { cache } from "react";
import { getInstantFormatter } from "@/components/claims/date-format";
import { slaWording } from "@/components/claims/sla-wording";
import { organizationNameOf } from "@/lib/claims/claim-page";
import { claimCommentsWindow, claimHistoryWindow, parseHistoryBefore } from "@/lib/claims/claim-history";
import { conflictsOf } from "@/lib/claims/claim-reads";
import { decideDiscard, disputeWindowEndsAt, type ClaimAction } from "@/lib/claims/lifecycle";
import { availableActions, checkComment, checkPoeUpload, editableFields, isPartner } from "@/lib/claims/policy";
import { claimStateOf } from "@/lib/claims/claim-detail";
import { getSlaSettings } from "@/lib/claims/settings";
import { calendarOf } from "@/lib/claims/sla";
import { getDb } from "@/lib/db";
import { loadClaimForPage } from "./claim-data";

export type ClaimPageModel = Awaited<ReturnType<typeof loadClaimPageModel>>;

/**
 * `windows`: the URL's `?historyBefore=` (an event id) and `?commentsBefore=` (a cursor): the history and the
 * comment thread show the window before them instead of the latest (claim-history.ts).
 */
export const loadClaimPageModel = cache(async (claimId: string, historyBefore?: string, commentsBefore?: string) => {
  const { user, actor, claim } = await loadClaimForPage(claimId);
  const db = getDb();
  const now = new Date();
  const state = claimStateOf(claim);
  const actions = availableActions(actor, state, now);
  const find = (name: ClaimAction) => actions.find((a) => a.action === name);
  const partner = isPartner(actor);
  const submit = find("submit");

  // The claim was found visible above (loadClaimForPage): the reads below take it as it is, instead of each
  // finding it again (five statements apiece before relation joins).
  const [comments, history, conflicts, settings, organizationName] = await Promise.all([
    claimCommentsWindow(db, claim.id, commentsBefore),
    claimHistoryWindow(db, claim.id, parseHistoryBefore(historyBefore)),
    submit ? conflictsOf(db, actor, claim) : Promise.resolve([]),
    getSlaSettings(db),
    partner ? Promise.resolve(user.organizationName ?? "") : organizationNameOf(db, claim.organizationId),
  ]);
  const calendar = calendarOf(settings);

  // The reviewer's comment of the latest request for information (shown while the partner must act).
  const lastInfoRequest = history.milestones.findLast(
    (h) => h.type === "STATUS_CHANGED" && (h.data as { action?: string } | undefined)?.action === "request-info",
  );

  return {
    user,
    actor,
    claim,
    state,
    now,
    partner,
    /** What the actor may do now (policy.availableActions): buttons and forms show from this alone. */
    actions: {
      submit,
      resubmit: Boolean(find("resubmit")),
      withdraw: Boolean(find("withdraw")),
      // A draft is discarded, not withdrawn (lifecycle.decideDiscard); any claim may be duplicated by its partners.
      discard: decideDiscard(state, actor).ok,
      duplicate: partner,
      openDispute: Boolean(find("open-dispute")),
      /** Taking the claim over from its holder (the reviewer workbench offers it). */
      takeOver: Boolean(find("take-over")),
      /** For the reviewer panel: the decisions not blocked by a guard (take-over is the workbench's). */
      unblocked: actions.filter((a) => !a.blockedBy && a.action !== "take-over").map((a) => a.action),
    },
    editable: editableFields(actor, claim),
    canUpload: checkPoeUpload(actor, state) === null,
    canComment: checkComment(actor, state, now) === null,
    comments,
    history,
    conflicts,
    settings,
    calendar,
    wording: slaWording(settings),
    formatInstant: await getInstantFormatter(calendar.timeZone),
    organizationName,
    requestComment: (lastInfoRequest?.data as { comment?: string } | undefined)?.comment,
    disputeWindowEndsAt: claim.rejectedAt ? disputeWindowEndsAt(claim.rejectedAt) : null,
    /**
     * Changes whenever the claim does: the page keys its forms with it, so no client state (an open dialog,
     * a form's last answer, a product choice) outlives the claim it was made for.
     */
    stateKey: `${claim.version}:${claim.status}:${claim.dispute?.status ?? "-"}`,
  };
});
