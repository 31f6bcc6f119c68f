// Read side of one claim: comments, history, competing claims. Each first checks that the actor may see
// the claim (NOT_FOUND otherwise), exactly like the use cases.
import "server-only";
import type { z } from "zod";
import type { Db } from "../db";
import { ACTIVE_STATUSES, type DisputeStatus } from "./catalogue";
import { formatClaimNumber } from "./claim-number";
import { ClaimError } from "./errors";
import { parseClaimEvent } from "./events";
import type { Actor } from "./lifecycle";
import { canViewClaim } from "./policy";
import { commentResource, disputeResource, noteResource } from "./resource";
import { findClaimForNotes, findVisibleClaim } from "./find-visible-claim";
import type { conflictItemSchema, historyItemSchema } from "./schemas";
import { visibilityScope, visibilityWhere } from "./visibility";

export async function listComments(db: Db, actor: Actor, claimId: string) {
  await findVisibleClaim(db, actor, claimId);
  const comments = await db.comment.findMany({ where: { claimId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return comments.map(commentResource);
}

/** A claim's internal notes, oldest first: reviewers and admins; partners NOT_FOUND (findClaimForNotes). */
export async function listNotes(db: Db, actor: Actor, claimId: string) {
  await findClaimForNotes(db, actor, claimId);
  const notes = await db.claimNote.findMany({
    where: { claimId },
    include: { author: { select: { id: true, name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return notes.map(noteResource);
}

export type HistoryItem = z.infer<typeof historyItemSchema>;

/** Every event of the claim, oldest first (api-v1 shape). Field edits expose their diffs as `changes`. */
export async function getClaimHistory(db: Db, actor: Actor, claimId: string): Promise<HistoryItem[]> {
  await findVisibleClaim(db, actor, claimId);
  const rows = await db.claimEvent.findMany({ where: { claimId }, orderBy: { id: "asc" } });
  return rows.map((row) => {
    const event = parseClaimEvent(row);
    const data = (row.data ?? {}) as Record<string, unknown>;
    return {
      id: row.id.toString(),
      at: row.at.toISOString(),
      // The columns are text in the database; only the event union's types and ACTOR_ROLES are ever written.
      actor: { id: row.actorId, name: row.actorName, role: row.actorRole as HistoryItem["actor"]["role"] },
      type: row.type as HistoryItem["type"],
      ...(row.fromStatus ? { fromStatus: row.fromStatus } : {}),
      ...(row.toStatus ? { toStatus: row.toStatus } : {}),
      ...(event?.type === "FIELDS_UPDATED" ? { changes: event.data.changes } : { data }),
    };
  });
}

export type ConflictItem = z.infer<typeof conflictItemSchema>;

/**
 * Other active claims holding one of this claim's keys (domain.md "Competing claims"). A warning, never a
 * block. Partners see their own organization's competing claims with numbers and another partner's with
 * no detail at all; reviewers and admins see numbers for every claim.
 */
export async function findConflicts(db: Db, actor: Actor, claimId: string): Promise<ConflictItem[]> {
  const claim = await findVisibleClaim(db, actor, claimId);
  const keys = claim.products.map((p) => p.conflictKey);
  if (keys.length === 0) return [];
  const others = await db.claimProduct.findMany({
    where: { conflictKey: { in: keys }, claimId: { not: claimId }, claim: { status: { in: [...ACTIVE_STATUSES] } } },
    select: { conflictKey: true, claim: { select: { number: true, organizationId: true, status: true } } },
    orderBy: { claim: { number: "asc" } },
  });
  return others.map((o) => {
    const sameOrganization = o.claim.organizationId === claim.organizationId;
    return {
      key: o.conflictKey,
      ...(canViewClaim(actor, o.claim) ? { claimNumber: formatClaimNumber(o.claim.number) } : {}),
      sameOrganization,
      status: o.claim.status,
    };
  });
}

/**
 * Disputes for the people who resolve them (reviewers) and audit them (admins), oldest first: the order a
 * queue is worked in. Partners see their claim's dispute on the claim itself.
 */
export async function listDisputes(db: Db, actor: Actor, filters: { status?: DisputeStatus } = {}) {
  if (actor.kind !== "user" || (actor.role !== "REVIEWER" && actor.role !== "ADMIN")) {
    throw new ClaimError("FORBIDDEN", "Only reviewers and admins list disputes.");
  }
  const scope = visibilityWhere(visibilityScope(actor));
  if (!scope) return [];
  const rows = await db.dispute.findMany({
    where: { ...(filters.status ? { status: filters.status } : {}), claim: scope },
    include: { claim: { select: { number: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(({ claim, ...dispute }) => ({
    ...disputeResource(dispute),
    claimId: dispute.claimId,
    claimNumber: formatClaimNumber(claim.number),
  }));
}
