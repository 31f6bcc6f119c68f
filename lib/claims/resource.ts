// Stored rows → the API's resource shapes (docs/api.md; zod schemas in schemas/). One mapping, used by the
// HTTP API, the CSV export and anything else that shows a claim outside its own page.
// No "server-only" marker: the sweep CLI (tsx, no react-server condition) maps claims for webhook bodies.
import type { ClaimNote, Comment, Dispute, PoeFile } from "../generated/prisma/client";
import { formatClaimNumber } from "./claim-number";
import type { ClaimResource } from "./schemas";
import { claimValuesOf, type ClaimDetail } from "./claim-detail";
import { isOverdue } from "./sla";

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export function disputeResource(dispute: Dispute) {
  return {
    id: dispute.id,
    status: dispute.status,
    details: dispute.details,
    ...(dispute.products ? { products: dispute.products as ClaimResource["products"] } : {}),
    createdAt: dispute.createdAt.toISOString(),
    ...(dispute.resolvedAt ? { resolvedAt: dispute.resolvedAt.toISOString() } : {}),
    ...(dispute.comment ? { comment: dispute.comment } : {}),
  };
}

/** One PoE file as the API shows it (in a claim's `poe` and as the answer to an upload). */
export function poeResource(file: PoeFile): ClaimResource["poe"][number] {
  return {
    id: file.id,
    fileName: file.fileName,
    size: file.size,
    sha256: file.sha256,
    contentType: file.contentType,
    uploadedAt: file.uploadedAt.toISOString(),
  };
}

export function claimResource(claim: ClaimDetail, now = new Date()): ClaimResource {
  const values = claimValuesOf(claim);
  return {
    id: claim.id,
    number: formatClaimNumber(claim.number),
    status: claim.status,
    version: claim.version,
    organizationId: claim.organizationId,
    // The claim's own fields as a partner enters them (one mapping, claimValuesOf); the API shows absent
    // contacts as null.
    ...values,
    products: values.products ?? [],
    customerContact: values.customerContact ?? null,
    partnerContact: values.partnerContact ?? null,
    commentary: claim.commentary,
    poe: claim.poeFiles.map(poeResource),
    reasonCodes: claim.reasonCodes,
    rejectionReason: claim.rejectionReason,
    rejectionComment: claim.rejectionComment,
    withdrawReason: claim.withdrawReason,
    dispute: claim.dispute ? disputeResource(claim.dispute) : null,
    dueAt: iso(claim.dueAt),
    overdue: isOverdue(claim, now),
    consentEndsAt: iso(claim.consentEndsAt),
    sentForIncentiveAssessmentAt: iso(claim.sentForIncentiveAssessmentAt),
    createdAt: claim.createdAt.toISOString(),
    updatedAt: claim.updatedAt.toISOString(),
    ...(claim.submittedAt ? { submittedAt: claim.submittedAt.toISOString() } : {}),
    ...(claim.decidedAt ? { decidedAt: claim.decidedAt.toISOString() } : {}),
    assignedReviewer: claim.reviewer ? { id: claim.reviewer.id, name: claim.reviewer.name } : null,
  };
}

export function commentResource(comment: Comment) {
  return {
    id: comment.id,
    body: comment.body,
    author: { id: comment.authorId, name: comment.authorName, role: comment.authorRole },
    createdAt: comment.createdAt.toISOString(),
  };
}

export function noteResource(note: ClaimNote & { author: { id: string; name: string } }) {
  return {
    id: note.id,
    body: note.body,
    author: { id: note.author.id, name: note.author.name },
    createdAt: note.createdAt.toISOString(),
  };
}
