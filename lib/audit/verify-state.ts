// Maps a chain result to what the "Verify history" button shows (components/admin/verify-history-button.tsx).
import type { ChainResult } from "./chain";

export function verifyHistoryState(result: ChainResult) {
  return result.broken
    ? ({ status: "broken", verified: result.verified, eventId: result.broken.id, seq: result.broken.seq, expectedSeq: result.broken.expectedSeq, reason: result.broken.reason } as const)
    : ({ status: "intact", verified: result.verified } as const);
}
