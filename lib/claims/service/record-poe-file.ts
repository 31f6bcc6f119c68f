// Records a PoE file's row and event once lib/claims/upload-poe.ts has stored its bytes.
import type { Db } from "../../db";
import { claimStateOf, type ClaimDetail } from "../claim-detail";
import { findVisibleClaim } from "../find-visible-claim";
import type { Actor } from "../lifecycle";
import { checkPoeQuota, checkPoeUpload } from "../policy";
import { appendEvents, guardedUpdate, raise, transaction, type ServiceOptions } from "./steps";

export interface PoeFileRecord {
  fileName: string;
  size: number;
  sha256: string;
  contentType: string;
  storageKey: string;
}

/** Records a PoE file already written to storage (lib/storage). The caller deletes the file on error. */
export async function recordPoeFile(
  db: Db,
  actor: Actor,
  claimId: string,
  file: PoeFileRecord,
  options: ServiceOptions = {},
): Promise<ClaimDetail["poeFiles"][number]> {
  const now = options.now ?? new Date();
  const claim = await findVisibleClaim(db, actor, claimId);
  const refused = checkPoeUpload(actor, claimStateOf(claim));
  if (refused) raise(refused);
  return transaction(db, async (tx) => {
    await guardedUpdate(tx, claim, { partnerRespondedAt: now }, now);
    // The per-claim quota, counted after the guarded update: that update holds the claim row's lock until
    // commit and succeeds only on the version read, so a concurrent upload either committed before it (and
    // is counted here) or waits and then fails its own guard. Two uploads cannot both take the last slot.
    const held = await tx.poeFile.aggregate({ where: { claimId }, _count: { _all: true }, _sum: { size: true } });
    const overQuota = checkPoeQuota({ files: held._count._all, bytes: held._sum.size ?? 0 }, file.size);
    if (overQuota) raise(overQuota);
    const poe = await tx.poeFile.create({
      data: { claimId, ...file, uploadedAt: now, uploadedById: actor.kind === "user" ? actor.userId : null },
    });
    await appendEvents(tx, claimId, actor, now, [
      { type: "POE_UPLOADED", data: { poeId: poe.id, fileName: file.fileName, size: file.size, sha256: file.sha256 } },
    ]);
    return poe;
  });
}
