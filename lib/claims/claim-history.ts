// The claim page's view of threads that may be long. History: the latest events (a window), older windows on
// request ("Show older events", by the id of the oldest event shown), and the few milestone events that place
// the claim on its status path (the timeline, the last request for information), whatever the window shows.
// Comments: the latest ones, earlier ones a window at a time ("Show earlier comments", by a keyset cursor). A
// claim with 200 events and comments used to load and render all of them on every request; everything stays
// reachable window by window on the page, and in full through GET /claims/{id}/history and /comments.
import "server-only";
import type { Db } from "../db";
import { cursorInstant, decodeCursor, encodeCursor } from "../paging/cursor";
import { commentResource } from "./resource";
import { historyEventSelect, historyItemOf, type HistoryItem } from "./claim-reads";
import type { ClaimEventType } from "./events";

/** Events shown at once in the claim page's history (newest first). */
export const HISTORY_WINDOW = 50;

/** The events the page's status timeline and the partner's "what the reviewer asked" are made of. */
export const MILESTONE_TYPES = [
  "CLAIM_CREATED",
  "STATUS_CHANGED",
  "DISPUTE_OPENED",
  "DISPUTE_RESOLVED",
  "SENT_FOR_INCENTIVE_ASSESSMENT",
] as const satisfies readonly ClaimEventType[];

export interface HistoryWindow {
  /** Up to HISTORY_WINDOW events, oldest first: the latest ones, or the ones before `before`. */
  items: HistoryItem[];
  /** The `before` that shows the events older than these; null when these reach back to the first event. */
  olderBefore: string | null;
  /** Whether this window was asked for by `before` (not the latest events). */
  isOlderWindow: boolean;
  /** Every milestone event of the claim, oldest first, also those outside the window. */
  milestones: HistoryItem[];
}

/** An event id from a URL (`?historyBefore=`): digits only, else null (the page then shows the latest events). */
export function parseHistoryBefore(raw: unknown): bigint | null {
  return typeof raw === "string" && /^[1-9][0-9]{0,17}$/.test(raw) ? BigInt(raw) : null;
}

const isMilestone = (item: HistoryItem) => (MILESTONE_TYPES as readonly string[]).includes(item.type);

/**
 * One window of a visible claim's history (the caller has checked visibility): a backward walk of the
 * (claimId, id) index from the end or from `before`, one row more than the window to tell whether older
 * events exist. The milestones come from the same rows when the window holds the whole history, else from a
 * second walk of the claim's own events (a claim has hundreds of events at most, never another claim's).
 */
export async function claimHistoryWindow(db: Db, claimId: string, before: bigint | null, size = HISTORY_WINDOW): Promise<HistoryWindow> {
  const rows = await db.claimEvent.findMany({
    where: { claimId, ...(before !== null ? { id: { lt: before } } : {}) },
    select: historyEventSelect,
    orderBy: { id: "desc" },
    take: size + 1,
  });
  const window = rows.slice(0, size).reverse();
  const hasOlder = rows.length > size;
  const items = window.map(historyItemOf);
  const milestones =
    before === null && !hasOlder
      ? items.filter(isMilestone)
      : (
          await db.claimEvent.findMany({
            where: { claimId, type: { in: [...MILESTONE_TYPES] } },
            select: historyEventSelect,
            orderBy: { id: "asc" },
          })
        ).map(historyItemOf);
  return {
    items,
    olderBefore: hasOlder && window[0] ? window[0].id.toString() : null,
    isOlderWindow: before !== null,
    milestones,
  };
}

/** Comments shown at once in the claim page's thread (the latest, oldest first like a conversation). */
export const COMMENTS_WINDOW = 50;

export interface CommentsWindow {
  /** Up to COMMENTS_WINDOW comments, oldest first: the latest ones, or the ones before `commentsBefore`. */
  items: ReturnType<typeof commentResource>[];
  /** The `commentsBefore` that shows the comments before these; null when these reach back to the first. */
  earlierBefore: string | null;
  /** Whether this window was asked for by a cursor (not the latest comments). */
  isEarlierWindow: boolean;
}

/** The (createdAt, id) a `?commentsBefore=` cursor of this claim holds; null for a missing or foreign one. */
function commentsPosition(claimId: string, raw: string | undefined): { createdAt: Date; id: string } | null {
  if (!raw) return null;
  try {
    const position = decodeCursor("comments", { claimId }, raw);
    const createdAt = position.keys.length === 1 ? cursorInstant(position.keys[0]) : null;
    return createdAt ? { createdAt, id: position.id } : null;
  } catch {
    return null; // pages are lenient with URLs: a cursor edited by hand shows the latest comments
  }
}

/**
 * One window of a visible claim's comments (the caller has checked visibility): a backward walk of the
 * (claimId, createdAt) index from the end or from the cursor's position; the redundant `<=` bounds the range.
 */
export async function claimCommentsWindow(db: Db, claimId: string, before: string | undefined, size = COMMENTS_WINDOW): Promise<CommentsWindow> {
  const position = commentsPosition(claimId, before);
  const rows = await db.comment.findMany({
    where: {
      claimId,
      ...(position
        ? { createdAt: { lte: position.createdAt }, OR: [{ createdAt: { lt: position.createdAt } }, { id: { lt: position.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: size + 1,
  });
  const window = rows.slice(0, size).reverse();
  const first = window[0];
  return {
    items: window.map(commentResource),
    earlierBefore:
      rows.length > size && first ? encodeCursor("comments", { claimId }, { keys: [first.createdAt.toISOString()], id: first.id }) : null,
    isEarlierWindow: position !== null,
  };
}
