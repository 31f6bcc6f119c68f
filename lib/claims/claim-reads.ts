// Read side of one claim: comments, history, competing claims. Each first checks that the actor may see
// the claim (NOT_FOUND otherwise), exactly like the use cases.
import "server-only";
import type { z } from "zod";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { ACTIVE_STATUSES, type ClaimStatus, type DisputeStatus } from "./catalogue";
import { formatClaimNumber } from "./claim-number";
import { ClaimError } from "./errors";
import { parseClaimEvent } from "./events";
import type { Actor } from "./lifecycle";
import { canReadNotes, canViewClaim } from "./policy";
import { commentResource, disputeResource, noteResource } from "./resource";
import { findClaimForNotes, findVisibleClaim } from "./find-visible-claim";
import type { conflictItemSchema, historyItemSchema } from "./schemas";
import { visibilityScope, visibilityWhere } from "./visibility";
import { cursorBigint, cursorInstant, decodeCursor, encodeCursor, type CursorList } from "../paging/cursor";

/** Keyset paging of the API's thread-like lists (history, comments, disputes): lib/paging/cursor.ts. */
export interface ThreadPaging {
  cursor?: string;
  pageSize: number;
}

/** A cursor's (createdAt, id) position, validated: a malformed one is a VALIDATION ClaimError. */
function createdAtPosition(list: CursorList, scope: Record<string, unknown>, raw: string): { createdAt: Date; id: string } {
  const position = decodeCursor(list, scope, raw);
  const createdAt = position.keys.length === 1 ? cursorInstant(position.keys[0]) : null;
  if (!createdAt) throw new ClaimError("VALIDATION", "The cursor is not valid.", [{ path: "cursor", message: "Not a cursor of this list" }]);
  return { createdAt, id: position.id };
}

/** Rows after (createdAt, id) ascending; the redundant `>=` bounds the (…, createdAt) index range scan. */
function afterCreatedAt(position: { createdAt: Date; id: string }) {
  return {
    createdAt: { gte: position.createdAt },
    OR: [{ createdAt: { gt: position.createdAt } }, { id: { gt: position.id } }],
  };
}

/** A page of rows read with one row more than asked, and the cursor after its last row (null at the end). */
function pageOf<T>(rows: T[], pageSize: number, cursorOf: (row: T) => string): { rows: T[]; nextCursor: string | null } {
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > pageSize && last ? cursorOf(last) : null };
}

/** A page of a claim's comments, oldest first (GET /claims/{id}/comments). */
export async function listCommentsPage(db: Db, actor: Actor, claimId: string, paging: ThreadPaging) {
  await findVisibleClaim(db, actor, claimId);
  const scope = { claimId };
  const after = paging.cursor ? createdAtPosition("comments", scope, paging.cursor) : null;
  const rows = await db.comment.findMany({
    where: { claimId, ...(after ? afterCreatedAt(after) : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: paging.pageSize + 1,
  });
  const page = pageOf(rows, paging.pageSize, (row) => encodeCursor("comments", scope, { keys: [row.createdAt.toISOString()], id: row.id }));
  return { items: page.rows.map(commentResource), nextCursor: page.nextCursor };
}

/** A page of a claim's history, oldest first (GET /claims/{id}/history): a walk of (claimId, id). */
export async function getClaimHistoryPage(db: Db, actor: Actor, claimId: string, paging: ThreadPaging) {
  await findVisibleClaim(db, actor, claimId);
  const scope = { claimId };
  const after = paging.cursor ? cursorBigint(decodeCursor("history", scope, paging.cursor).id) : null;
  const rows = await db.claimEvent.findMany({
    where: { claimId, ...(after !== null ? { id: { gt: after } } : {}) },
    orderBy: { id: "asc" },
    take: paging.pageSize + 1,
  });
  const page = pageOf(rows, paging.pageSize, (row) => encodeCursor("history", scope, { keys: [], id: row.id.toString() }));
  return { items: page.rows.map(historyItemOf), nextCursor: page.nextCursor };
}

export async function listComments(db: Db, actor: Actor, claimId: string) {
  await findVisibleClaim(db, actor, claimId);
  return commentsOf(db, claimId);
}

/** The comments of a claim the caller already found visible (findVisibleClaim), oldest first: (claimId, createdAt). */
export async function commentsOf(db: Db, claimId: string) {
  const comments = await db.comment.findMany({ where: { claimId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return comments.map(commentResource);
}

/** A claim's internal notes, oldest first: reviewers and admins; partners NOT_FOUND (findClaimForNotes). */
export async function listNotes(db: Db, actor: Actor, claimId: string) {
  await findClaimForNotes(db, actor, claimId);
  return notesOf(db, actor, claimId);
}

/** listNotes for a claim the caller already found visible (the claim page reads it once). */
export async function notesOf(db: Db, actor: Actor, claimId: string) {
  if (!canReadNotes(actor)) throw new ClaimError("NOT_FOUND", "Claim not found.");
  const notes = await db.claimNote.findMany({
    where: { claimId },
    include: { author: { select: { id: true, name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return notes.map(noteResource);
}

export type HistoryItem = z.infer<typeof historyItemSchema>;

/** The columns an event is shown from (not its chain's seq, mac and key id). */
export const historyEventSelect = {
  id: true,
  type: true,
  actorId: true,
  actorRole: true,
  actorName: true,
  at: true,
  fromStatus: true,
  toStatus: true,
  data: true,
} satisfies Prisma.ClaimEventSelect;

/** One event in the api-v1 shape. Field edits expose their diffs as `changes`. */
export function historyItemOf(row: Prisma.ClaimEventGetPayload<{ select: typeof historyEventSelect }>): HistoryItem {
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
}

const competitorSelect = {
  conflictKey: true,
  claim: {
    select: {
      id: true,
      number: true,
      organizationId: true,
      status: true,
      submittedAt: true,
      updatedAt: true,
      dueAt: true,
      organization: { select: { name: true } },
    },
  },
} satisfies Prisma.ClaimProductSelect;
type Competitor = Prisma.ClaimProductGetPayload<{ select: typeof competitorSelect }>;

/**
 * The one query of competing claims (domain.md "Competing claims"): other claims, active on one of this
 * claim's keys (ClaimProduct.conflictKey, indexed), one row per shared key, by claim number. The status is
 * checked here, not in SQL: a relation filter (`claim: { status: { in } }`) becomes a semi-join that
 * PostgreSQL answered by reading every active claim (seconds at 1M claims); the rows sharing a key are few,
 * so the walk of the conflictKey index with each row's claim joined by primary key is the whole cost.
 */
async function competitorsOf(db: Db, claim: { id: string; products: { conflictKey: string }[] }): Promise<Competitor[]> {
  const keys = claim.products.map((p) => p.conflictKey);
  if (keys.length === 0) return [];
  const rows = await db.claimProduct.findMany({
    where: { conflictKey: { in: keys }, claimId: { not: claim.id } },
    select: competitorSelect,
  });
  const active = new Set<string>(ACTIVE_STATUSES);
  return rows.filter((row) => active.has(row.claim.status)).sort((a, b) => a.claim.number - b.claim.number);
}

export type ConflictItem = z.infer<typeof conflictItemSchema>;

/**
 * Other active claims holding one of this claim's keys (domain.md "Competing claims"). A warning, never a
 * block. Partners see their own organization's competing claims with numbers and another partner's with
 * no detail at all; reviewers and admins see numbers for every claim.
 */
export async function findConflicts(db: Db, actor: Actor, claimId: string): Promise<ConflictItem[]> {
  return conflictsOf(db, actor, await findVisibleClaim(db, actor, claimId));
}

/** findConflicts for a claim the caller already found visible (the claim page reads it once). */
export async function conflictsOf(
  db: Db,
  actor: Actor,
  claim: { id: string; organizationId: string; products: { conflictKey: string }[] },
): Promise<ConflictItem[]> {
  const others = await competitorsOf(db, claim);
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

export interface CompetingClaim {
  id: string;
  number: string;
  status: ClaimStatus;
  organizationName: string;
  submittedAt: Date | null;
  updatedAt: Date;
  dueAt: Date | null;
  /** The products of THIS claim that the competitor also claims (by conflict key): workload codes or Dynamics names. */
  sharedProducts: string[];
}

/**
 * Reviewers' and admins' side-by-side view of the competing claims: the same keys and active statuses as
 * findConflicts (one query shape, competitorsOf), with each competitor's organization, status and dates.
 */
export async function findCompetingClaims(db: Db, actor: Actor, claimId: string): Promise<CompetingClaim[]> {
  return competingClaimsOf(db, actor, await findVisibleClaim(db, actor, claimId));
}

/** findCompetingClaims for a claim the caller already found visible (the claim page reads it once). */
export async function competingClaimsOf(
  db: Db,
  actor: Actor,
  claim: { id: string; products: { conflictKey: string; name: string }[] },
): Promise<CompetingClaim[]> {
  if (actor.kind !== "user" || (actor.role !== "REVIEWER" && actor.role !== "ADMIN")) {
    throw new ClaimError("FORBIDDEN", "Only reviewers and admins compare competing claims.");
  }
  const rows = await competitorsOf(db, claim);
  const byClaim = new Map<string, CompetingClaim>();
  for (const row of rows) {
    const other = row.claim;
    const entry = byClaim.get(other.id) ?? {
      id: other.id,
      number: formatClaimNumber(other.number),
      status: other.status,
      organizationName: other.organization.name,
      submittedAt: other.submittedAt,
      updatedAt: other.updatedAt,
      dueAt: other.dueAt,
      sharedProducts: [],
    };
    for (const product of claim.products.filter((p) => p.conflictKey === row.conflictKey)) {
      if (!entry.sharedProducts.includes(product.name)) entry.sharedProducts.push(product.name);
    }
    byClaim.set(other.id, entry);
  }
  return [...byClaim.values()];
}

/**
 * Disputes for the people who resolve them (reviewers) and audit them (admins), oldest first: the order a
 * queue is worked in, a page at a time (keyset on (createdAt, id)). Partners see their claim's dispute on the
 * claim itself.
 */
export async function listDisputes(db: Db, actor: Actor, query: { status?: DisputeStatus } & ThreadPaging) {
  if (actor.kind !== "user" || (actor.role !== "REVIEWER" && actor.role !== "ADMIN")) {
    throw new ClaimError("FORBIDDEN", "Only reviewers and admins list disputes.");
  }
  const cursorScope = { status: query.status };
  const after = query.cursor ? createdAtPosition("disputes", cursorScope, query.cursor) : null;
  const scope = visibilityWhere(visibilityScope(actor));
  if (!scope) return { items: [], nextCursor: null };
  const rows = await db.dispute.findMany({
    where: { ...(query.status ? { status: query.status } : {}), claim: scope, ...(after ? afterCreatedAt(after) : {}) },
    include: { claim: { select: { number: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: query.pageSize + 1,
  });
  const page = pageOf(rows, query.pageSize, (row) => encodeCursor("disputes", cursorScope, { keys: [row.createdAt.toISOString()], id: row.id }));
  return {
    items: page.rows.map(({ claim, ...dispute }) => ({
      ...disputeResource(dispute),
      claimId: dispute.claimId,
      claimNumber: formatClaimNumber(claim.number),
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * The dispute queue (reviewers): open disputes oldest first, each with what a reviewer needs to decide it
 * without opening the claim: number, partner organization, the rejection (reason and comment) and the
 * partner's details.
 */
export async function listOpenDisputeQueue(db: Db, actor: Actor) {
  if (actor.kind !== "user" || (actor.role !== "REVIEWER" && actor.role !== "ADMIN")) {
    throw new ClaimError("FORBIDDEN", "Only reviewers and admins list disputes.");
  }
  const scope = visibilityWhere(visibilityScope(actor));
  if (!scope) return [];
  return db.dispute.findMany({
    where: { status: "OPEN", claim: scope },
    select: {
      id: true,
      details: true,
      createdAt: true,
      claim: {
        select: {
          id: true,
          number: true,
          rejectionReason: true,
          rejectionComment: true,
          rejectedAt: true,
          customerName: true,
          organization: { select: { name: true } },
        },
      },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}
