// The one path of every status-changing action: load the visible claim → decide() → guarded updateMany →
// history event(s), the last two in one transaction with the plan's own effects.
import { z } from "zod";
import type { Db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { InfoRequestReason, RejectionReason, WithdrawReason } from "../catalogue";
import { claimStateOf, type ClaimDetail } from "../claim-detail";
import type { ClaimEventInput } from "../events";
import { findVisibleClaim } from "../find-visible-claim";
import { decide, type Actor, type ClaimAction, type ClaimState } from "../lifecycle";
import { getSlaSettings } from "../settings";
import type { SlaSettings } from "../sla";
import { appendEvents, checkVersion, guardedUpdate, parseInput, raise, reload, transaction, type ServiceOptions, type Tx } from "./steps";

export interface TransitionPlan {
  data: Prisma.ClaimUncheckedUpdateManyInput;
  events?: ClaimEventInput[];
  /** Runs inside the transaction after the guarded update (outbox, tokens, dispute rows, comments). */
  also?: (tx: Tx) => Promise<void>;
  /** Nothing to change (take-over by the holder): no update, no version bump, no event; the claim as it is. */
  unchanged?: true;
}

export type PlanContext<Body> = { claim: ClaimDetail; body: Body; now: Date; settings: SlaSettings };

/**
 * Visibility → role → body → version → status → guards (docs/api.md "Order of checks"), then the guarded update, the
 * STATUS_CHANGED event and the plan's own effects.
 */
export async function runTransition<S extends z.ZodType>(
  db: Db,
  actor: Actor,
  claimId: string,
  action: ClaimAction,
  schema: S,
  input: unknown,
  options: ServiceOptions,
  plan: (ctx: PlanContext<z.infer<S>>) => TransitionPlan | Promise<TransitionPlan>,
  /** What the body itself contributes to the guards (resubmit: its comment counts as the partner's response). */
  stateWithBody: (state: ClaimState, body: z.infer<S>) => ClaimState = (state) => state,
): Promise<ClaimDetail> {
  const now = options.now ?? new Date();
  const claim = await findVisibleClaim(db, actor, claimId);
  const state = claimStateOf(claim);
  const roleCheck = decide(state, action, actor, now);
  if (!roleCheck.ok && roleCheck.error.code === "FORBIDDEN") raise(roleCheck.error);
  const body = parseInput(schema, input) as z.infer<S> & { version?: number };
  checkVersion(claim, body.version);
  const decision = decide(stateWithBody(state, body), action, actor, now);
  if (!decision.ok) raise(decision.error);
  const settings = await getSlaSettings(db);
  const planned = await plan({ claim, body, now, settings });
  if (planned.unchanged) return claim;
  await transaction(db, async (tx) => {
    await guardedUpdate(tx, claim, { status: decision.to, ...planned.data }, now);
    // A dispute opened or upheld leaves the claim REJECTED: its own event (DISPUTE_*) tells the story, and a
    // "Rejected → Rejected" row would only add noise to the history.
    const statusChange: ClaimEventInput[] =
      decision.to === claim.status
        ? []
        : [
            {
              type: "STATUS_CHANGED",
              data: {
                action,
                fromStatus: claim.status,
                toStatus: decision.to,
                ...statusEventDetails(planned.data, body as { comment?: string }),
              },
            },
          ];
    await appendEvents(tx, claimId, actor, now, [
      ...statusChange.map((event) => ({ ...event, fromStatus: claim.status, toStatus: decision.to })),
      ...(planned.events ?? []),
    ]);
    await planned.also?.(tx);
  });
  return reload(db, claimId);
}

function statusEventDetails(data: Prisma.ClaimUncheckedUpdateManyInput, body: { comment?: string }) {
  const details: { reasonCodes?: InfoRequestReason[]; rejectionReason?: RejectionReason; withdrawReason?: WithdrawReason; comment?: string } = {};
  if (Array.isArray(data.reasonCodes) && data.reasonCodes.length) details.reasonCodes = data.reasonCodes as InfoRequestReason[];
  if (typeof data.rejectionReason === "string") details.rejectionReason = data.rejectionReason as RejectionReason;
  if (typeof data.withdrawReason === "string") details.withdrawReason = data.withdrawReason as WithdrawReason;
  if (body.comment) details.comment = body.comment;
  return details;
}
