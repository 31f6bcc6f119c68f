// One PoE upload, for the API and the browser alike: authorize before reading a byte, count the attempt against
// the organization's upload rate, stream the body to storage (hashing as it goes, never buffering the whole file)
// within the smallest of the file, claim and organization-day limits, check the type from the stored content,
// count its bytes against the organization's day, then record it through the service (whose transaction checks
// the claim's quota again, race-safe). A refused upload stores nothing and counts no bytes.
import "server-only";
import type { Readable } from "node:stream";
import { fileTypeFromBuffer } from "file-type";
import type { Db } from "../db";
import { sanitizeFileName } from "../poe/file-name";
import { checkPoeType, isPoeExtension, extensionOf, POE_EXTENSIONS } from "../poe/poe-type";
import { FileTooLargeError, getFileStorage, type FileStorage } from "../storage/file-storage";
import { claimStateOf } from "./claim-detail";
import { ClaimError } from "./errors";
import { findVisibleClaim } from "./find-visible-claim";
import type { Actor } from "./lifecycle";
import { checkPoeQuota, checkPoeUpload, POE_MAX_BYTES_PER_CLAIM } from "./policy";
import { recordPoeFile } from "./service/record-poe-file";
import { raise, type ServiceOptions } from "./service/steps";
import { getSlaSettings } from "./settings";
import { uploadLimits } from "./upload-limits";

const SNIFF_BYTES = 1024 * 1024;
const FILE_NAME_MAX = 255;

/** A file name as shown and served (lib/poe/file-name.ts): no path, direction formatting or control characters. */
export const cleanFileName = sanitizeFileName;

export interface PoeUpload {
  fileName: string;
  body: Readable | ReadableStream<Uint8Array>;
  /** The declared size (Content-Length), when known: refuses an oversized file before reading it. */
  declaredSize?: number;
}

/**
 * Checks that need no body: visibility, permission, the organization's upload rate (429), name, declared size
 * and the quotas the declared size already breaks. Throws ClaimError or RateLimitedError.
 */
export async function preflightPoeUpload(db: Db, actor: Actor, claimId: string, fileName: string, declaredSize?: number) {
  const claim = await findVisibleClaim(db, actor, claimId);
  const refused = checkPoeUpload(actor, claimStateOf(claim));
  if (refused) throw new ClaimError(refused.code, refused.message);
  // Every authorized attempt counts, whatever happens next: a flood of refused uploads is a flood too.
  const limits = await uploadLimits();
  await limits.takeUpload(claim.organizationId);
  const name = cleanFileName(fileName);
  if (!name) throw new ClaimError("VALIDATION", "Give the file a name.", [{ path: "fileName", message: "Give the file a name." }]);
  if (name.length > FILE_NAME_MAX) {
    throw new ClaimError("VALIDATION", "The file name is too long.", [
      { path: "fileName", message: `Shorten the file name to ${FILE_NAME_MAX} characters or fewer.` },
    ]);
  }
  if (!isPoeExtension(extensionOf(name))) {
    throw new ClaimError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Files of type ".${extensionOf(name) || "(none)"}" are not accepted as proof of execution. Accepted: ${POE_EXTENSIONS.join(", ")}.`,
    );
  }
  const { poeMaxBytes } = await getSlaSettings(db);
  if (declaredSize !== undefined && declaredSize > poeMaxBytes) throw tooLarge(poeMaxBytes);
  const held = { files: claim.poeFiles.length, bytes: claim.poeFiles.reduce((sum, poe) => sum + poe.size, 0) };
  const overQuota = checkPoeQuota(held, declaredSize ?? 0);
  if (overQuota) raise(overQuota);
  const organizationBytesLeft = await limits.bytesLeft(claim.organizationId);
  if (declaredSize !== undefined && declaredSize > organizationBytesLeft) {
    throw limits.dailyBytesSpent(await limits.bytesState(claim.organizationId));
  }
  return {
    name,
    maxBytes: poeMaxBytes,
    held,
    claimBytesLeft: POE_MAX_BYTES_PER_CLAIM - held.bytes,
    organizationBytesLeft,
    organizationId: claim.organizationId,
  };
}

function tooLarge(limit: number): ClaimError {
  return new ClaimError("PAYLOAD_TOO_LARGE", `The file is larger than the limit of ${formatBytes(limit)}.`);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export async function uploadPoe(
  db: Db,
  actor: Actor,
  claimId: string,
  upload: PoeUpload,
  options: ServiceOptions & { storage?: FileStorage } = {},
) {
  const storage = options.storage ?? getFileStorage();
  const pre = await preflightPoeUpload(db, actor, claimId, upload.fileName, upload.declaredSize);
  const limits = await uploadLimits();
  // Streaming stops at the first limit the body passes; the refusal names that limit.
  const bound = Math.min(pre.maxBytes, pre.claimBytesLeft, pre.organizationBytesLeft);
  let stored;
  try {
    stored = await storage.put(upload.body, { maxBytes: bound });
  } catch (error) {
    if (!(error instanceof FileTooLargeError)) throw error;
    if (bound === pre.maxBytes) throw tooLarge(pre.maxBytes);
    if (bound === pre.claimBytesLeft) raise(checkPoeQuota(pre.held, bound + 1)!);
    throw limits.dailyBytesSpent(await limits.bytesState(pre.organizationId));
  }
  let bytesCounted = false;
  try {
    if (stored.size === 0) {
      throw new ClaimError("VALIDATION", "The file is empty.", [{ path: "file", message: "The file is empty." }]);
    }
    // The first megabyte holds every signature the detector reads (OOXML part names come first in the ZIP).
    const head = await storage.head(stored.key, SNIFF_BYTES);
    const detected = await fileTypeFromBuffer(head);
    const check = checkPoeType(pre.name, { detected: detected?.ext, head, truncated: stored.size > head.length });
    if (!check.ok) throw new ClaimError("UNSUPPORTED_MEDIA_TYPE", check.message);
    // Atomic in the shared store: two concurrent uploads cannot both take the day's last bytes.
    await limits.takeBytes(pre.organizationId, stored.size);
    bytesCounted = true;
    return await recordPoeFile(
      db,
      actor,
      claimId,
      { fileName: pre.name, size: stored.size, sha256: stored.sha256, contentType: check.contentType, storageKey: stored.key },
      options,
    );
  } catch (error) {
    await storage.delete(stored.key);
    if (bytesCounted) await limits.refundBytes(pre.organizationId, stored.size);
    throw error;
  }
}

/** The PoE file if the actor may see its claim (NOT_FOUND otherwise, exactly like a missing one). */
export async function findPoeForDownload(db: Db, actor: Actor, claimId: string, poeId: string) {
  const claim = await findVisibleClaim(db, actor, claimId);
  const poe = claim.poeFiles.find((p) => p.id === poeId);
  if (!poe) throw new ClaimError("NOT_FOUND", "File not found.");
  return poe;
}
