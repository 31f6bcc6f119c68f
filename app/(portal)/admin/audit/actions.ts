"use server";

// The administrator's "Verify history" for the audit log's own chain (lib/audit/verify-history.ts).
import type { VerifyHistoryState } from "@/components/admin/verify-history-button";
import { verifyHistoryState } from "@/lib/audit/verify-state";
import { verifyAuditChain } from "@/lib/audit/verify-history";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";

export async function verifyAuditChainAction(): Promise<VerifyHistoryState> {
  await requireUser(["ADMIN"]);
  return verifyHistoryState(await verifyAuditChain(getDb()));
}
