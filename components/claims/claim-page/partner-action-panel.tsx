import { getTranslations } from "next-intl/server";
import type { ClaimPageModel } from "@/app/(portal)/claims/[id]/claim-page-model";
import { oneOf } from "@/i18n/message-keys";
import { INFO_REQUEST_REASONS } from "@/lib/claims/catalogue";
import { COMMENT_MAX_LENGTH } from "@/lib/claims/schemas";
import { Card } from "@/components/ui/card";
import type { ActionState } from "../action-state";
import { DeadlineText } from "../deadline-text";
import { TextActionForm } from "../text-action-form";

/** Partner action required: why (reason codes and the reviewer's comment), by when, and how to resubmit. */
export async function PartnerActionPanel(props: {
  model: ClaimPageModel;
  resubmit: (state: ActionState, payload: { text?: string }) => Promise<ActionState>;
}) {
  const { claim, formatInstant, wording } = props.model;
  const [t, tReasons] = await Promise.all([getTranslations("claimResubmit"), getTranslations("claimReasons")]);
  const reasons = claim.reasonCodes.flatMap((code) => oneOf(INFO_REQUEST_REASONS, code) ?? []);
  return (
    <Card title={t("title")} id="par-title" tone="warning" testId="partner-action">
      {claim.dueAt ? (
        <p>
          {t("intro", { date: formatInstant(claim.dueAt) })}{" "}
          <DeadlineText status={claim.status} dueAt={claim.dueAt} now={props.model.now} calendar={props.model.calendar} />
        </p>
      ) : null}
      <div>
        <h3 className="font-medium">{t("reasons")}</h3>
        <ul className="mt-1 list-disc space-y-1 pl-5" data-testid="reason-codes">
          {reasons.map((code) => (
            <li key={code} data-code={code}>
              <span className="font-medium">{tReasons(`info.${code}.label`)}</span> – {tReasons(`info.${code}.explanation`, wording)}
            </li>
          ))}
        </ul>
      </div>
      {props.model.requestComment ? (
        <div>
          <h3 className="font-medium">{t("request")}</h3>
          <blockquote className="mt-1 whitespace-pre-wrap border-l-4 border-amber-400 pl-3" data-testid="request-comment">
            {props.model.requestComment}
          </blockquote>
        </div>
      ) : null}
      {props.model.actions.resubmit ? (
        <>
          <p className="text-sm">{t("howTo")}</p>
          {!props.model.state.partnerRespondedSinceInfoRequest ? <p className="text-sm text-amber-900">{t("notYet")}</p> : null}
          <TextActionForm
            key={props.model.stateKey}
            action={props.resubmit}
            submitLabel={t("submit")}
            pendingLabel={t("submitting")}
            textField={{ label: t("comment"), hint: t("commentHint"), path: "comment", maxLength: COMMENT_MAX_LENGTH }}
            testId="resubmit-form"
          />
        </>
      ) : null}
    </Card>
  );
}
