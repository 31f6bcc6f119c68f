"use server";

// The administrator's "Verify history" on a claim page: recomputes the claim's history chain
// (lib/audit/verify-history.ts). Admins only; anyone else gets the same 404 as a missing page.
import type { VerifyHistoryState } from "@/components/admin/verify-history-button";
import { verifyHistoryState } from "@/lib/audit/verify-state";
import { verifyClaimHistory } from "@/lib/audit/verify-history";
import { actorOf, requireUser } from "@/lib/auth/session";
import { findVisibleClaim } from "@/lib/claims/service";
import { getDb } from "@/lib/db";

export async function verifyClaimHistoryAction(claimId: string): Promise<VerifyHistoryState> {
  const admin = await requireUser(["ADMIN"]);
  const db = getDb();
  await findVisibleClaim(db, actorOf(admin), claimId);
  return verifyHistoryState(await verifyClaimHistory(db, claimId));
}
