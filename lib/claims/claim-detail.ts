// One claim as the use cases and the read side load it, and the pure views derived from it (the
// lifecycle's ClaimState, the editable values). Read side: the write module imports this, never the reverse.
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { ClaimField } from "./catalogue";
import type { ClaimState } from "./lifecycle";
import type { claimDraftSchema } from "./schemas";

export const claimDetailInclude = {
  products: { orderBy: { position: "asc" } },
  poeFiles: { orderBy: { uploadedAt: "asc" } },
  dispute: true,
  // The holder's name for the claim resource's assignedReviewer and the reviewer's panel.
  reviewer: { select: { id: true, name: true } },
} satisfies Prisma.ClaimInclude;
export type ClaimDetail = Prisma.ClaimGetPayload<{ include: typeof claimDetailInclude }>;

function contactComplete(value: unknown): boolean {
  const contact = value as { name?: string; title?: string; email?: string } | null;
  return Boolean(contact?.name && contact?.title && contact?.email);
}

export function claimStateOf(claim: ClaimDetail): ClaimState {
  return {
    status: claim.status,
    organizationId: claim.organizationId,
    rejectedAt: claim.rejectedAt,
    consentEndsAt: claim.consentEndsAt,
    sentForIncentiveAssessmentAt: claim.sentForIncentiveAssessmentAt,
    dispute: claim.dispute ? { status: claim.dispute.status } : null,
    rejectionReason: claim.rejectionReason,
    reviewerId: claim.reviewerId,
    dueAt: claim.dueAt,
    productCount: claim.products.length,
    customerContactComplete: contactComplete(claim.customerContact),
    partnerContactComplete: contactComplete(claim.partnerContact),
    poeCount: claim.poeFiles.length,
    partnerRespondedSinceInfoRequest: Boolean(
      claim.infoRequestedAt && claim.partnerRespondedAt && claim.partnerRespondedAt > claim.infoRequestedAt,
    ),
  };
}

export type ClaimValues = z.infer<typeof claimDraftSchema>;

/** A claim's editable values in the shape of the API and the forms (for diffs and history). */
type JsonValue = z.infer<ReturnType<typeof z.json>>;

export function fieldValues(claim: ClaimValues): Record<ClaimField, JsonValue> {
  return {
    mpnId: claim.mpnId,
    program: claim.program,
    activity: claim.activity,
    solutionArea: claim.solutionArea,
    customer: claim.customer,
    products: (claim.products ?? []) as JsonValue,
    customerContact: (claim.customerContact ?? null) as JsonValue,
    partnerContact: (claim.partnerContact ?? null) as JsonValue,
    commentary: claim.commentary ?? "",
  };
}

export function claimValuesOf(claim: ClaimDetail): ClaimValues {
  return {
    mpnId: claim.mpnId,
    program: claim.program,
    activity: claim.activity,
    solutionArea: claim.solutionArea,
    customer: { tenantId: claim.customerTenantId, domain: claim.customerDomain, name: claim.customerName },
    products: claim.products.map((p) =>
      p.kind === "DYNAMICS"
        ? { kind: "DYNAMICS" as const, name: p.name as never, subscriptionId: p.subscriptionId ?? "" }
        : { kind: "WORKLOAD" as const, name: p.name as never },
    ),
    customerContact: (claim.customerContact ?? undefined) as ClaimValues["customerContact"],
    partnerContact: (claim.partnerContact ?? undefined) as ClaimValues["partnerContact"],
    commentary: claim.commentary,
  };
}
