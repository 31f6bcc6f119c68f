import type { ClaimStatus } from "@/lib/claims/catalogue";

// Shared by the server badge (status-badge.tsx) and the lists' client rows (claim-rows.tsx): plain values only,
// so both a server and a client module may import them.

/** Colour is a second channel only: the status is always written out, with a shape marker too. */
export const STATUS_MARKER: Record<ClaimStatus, string> = {
  EDITING: "✎",
  SUBMITTED: "➜",
  UNDER_REVIEW: "◔",
  PARTNER_ACTION_REQUIRED: "!",
  APPROVED: "✓",
  REJECTED: "✕",
};

/** The id of a status's entry in a list's legend, which the rows' badges point to. */
export function statusMeaningId(status: ClaimStatus): string {
  return `status-meaning-${status}`;
}
