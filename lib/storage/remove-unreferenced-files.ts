// The periodic cleanup of stored files that no claim references (docs/domain.md "Partner tools"): a discarded
// draft whose file deletion failed, an upload whose claim vanished before its row was written. Only files older
// than an hour by the real clock: an upload in flight has its file but not yet its PoeFile row.
import type { Db } from "../db";
import type { FileStorage } from "./file-storage";

export const UNREFERENCED_FILE_MIN_AGE_MS = 60 * 60 * 1000;
const BATCH = 500;

/** Deletes every stored file older than the minimum age whose key no PoeFile row holds; returns how many. */
export async function removeUnreferencedFiles(db: Db, storage: FileStorage, clock: Date = new Date()): Promise<number> {
  const cutoff = clock.getTime() - UNREFERENCED_FILE_MIN_AGE_MS;
  let removed = 0;
  let batch: string[] = [];
  const flush = async () => {
    const referenced = await db.poeFile.findMany({ where: { storageKey: { in: batch } }, select: { storageKey: true } });
    const keep = new Set(referenced.map((row) => row.storageKey));
    for (const key of batch) {
      if (keep.has(key)) continue;
      await storage.delete(key);
      removed += 1;
    }
    batch = [];
  };
  for await (const file of storage.list()) {
    if (file.modifiedAt.getTime() >= cutoff) continue;
    batch.push(file.key);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length) await flush();
  return removed;
}
