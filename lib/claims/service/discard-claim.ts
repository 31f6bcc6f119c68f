// A partner discards a draft (docs/domain.md "Partner tools"): the claim, its history and its stored files are
// deleted; a CLAIM_DISCARDED audit event is all that remains. Order of checks as every use case: visibility
// (NOT_FOUND) → role (FORBIDDEN) → version (CONFLICT) → status (INVALID_TRANSITION).
import type { Db } from "../../db";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { getFileStorage, type FileStorage } from "../../storage/file-storage";
import { claimStateOf } from "../claim-detail";
import { formatClaimNumber } from "../claim-number";
import { findVisibleClaim } from "../find-visible-claim";
import { decideDiscard, type Actor } from "../lifecycle";
import { checkVersion, guardedUpdate, raise, transaction, type ServiceOptions } from "./steps";

export async function discardClaim(
  db: Db,
  actor: Actor,
  claimId: string,
  version: number | undefined,
  options: ServiceOptions & { storage?: FileStorage } = {},
): Promise<void> {
  const now = options.now ?? new Date();
  const claim = await findVisibleClaim(db, actor, claimId);
  const roleCheck = decideDiscard(claimStateOf(claim), actor);
  if (!roleCheck.ok && roleCheck.error.code === "FORBIDDEN") raise(roleCheck.error);
  checkVersion(claim, version);
  if (!roleCheck.ok) raise(roleCheck.error);
  const storageKeys = await transaction(db, async (tx) => {
    // The guarded update locks the row while it is still the EDITING version we checked (0 rows: CONFLICT), so
    // no submit or upload can slip in between the history deletion and the claim's.
    await guardedUpdate(tx, claim, {}, now);
    const files = await tx.poeFile.findMany({ where: { claimId }, select: { storageKey: true } });
    // The history trigger allows DELETE only for the claim named here, in this transaction, while it is EDITING
    // (migration 20261201014000_discard_draft_history).
    await tx.$executeRaw`SELECT set_config('cpor.discard_claim_id', ${claimId}, true)`;
    await tx.claimEvent.deleteMany({ where: { claimId } });
    // Products, PoE rows and comments cascade; the status-count trigger subtracts the draft.
    await tx.claim.delete({ where: { id: claimId } });
    await recordAuditEvent(tx, {
      type: "CLAIM_DISCARDED",
      data: { claimId, number: formatClaimNumber(claim.number), organizationId: claim.organizationId },
      actor,
      organizationId: claim.organizationId,
      claimId,
      at: now,
    });
    return files.map((file) => file.storageKey);
  });
  // After the commit: a failed delete leaves an unreferenced file, which the sweep's cleanup removes later.
  const storage = options.storage ?? getFileStorage();
  await Promise.allSettled(storageKeys.map((key) => storage.delete(key)));
}
