// One PoE upload, for the API and the browser alike: authorize before reading a byte, stream the body to
// storage (hashing as it goes, never buffering the whole file), check the type from the stored content,
// then record it through the service. A refused upload stores nothing.
import "server-only";
import type { Readable } from "node:stream";
import { fileTypeFromBuffer } from "file-type";
import type { Db } from "../db";
import { checkPoeType, isPoeExtension, extensionOf, POE_EXTENSIONS } from "../poe/poe-type";
import { FileTooLargeError, getFileStorage, type FileStorage } from "../storage/file-storage";
import { claimStateOf } from "./claim-detail";
import { ClaimError } from "./errors";
import { findVisibleClaim } from "./find-visible-claim";
import type { Actor } from "./lifecycle";
import { checkPoeUpload } from "./policy";
import { recordPoeFile } from "./service/record-poe-file";
import type { ServiceOptions } from "./service/steps";
import { getSlaSettings } from "./settings";

const SNIFF_BYTES = 1024 * 1024;
const FILE_NAME_MAX = 255;

/** A file name as shown and served: no path, no control characters, at most 255 characters. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  return base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
}

export interface PoeUpload {
  fileName: string;
  body: Readable | ReadableStream<Uint8Array>;
  /** The declared size (Content-Length), when known: refuses an oversized file before reading it. */
  declaredSize?: number;
}

/** Checks that need no body: visibility, permission, name and declared size. Throws ClaimError. */
export async function preflightPoeUpload(db: Db, actor: Actor, claimId: string, fileName: string, declaredSize?: number) {
  const claim = await findVisibleClaim(db, actor, claimId);
  const refused = checkPoeUpload(actor, claimStateOf(claim));
  if (refused) throw new ClaimError(refused.code, refused.message);
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
  return { name, maxBytes: poeMaxBytes };
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
  const { name, maxBytes } = await preflightPoeUpload(db, actor, claimId, upload.fileName, upload.declaredSize);
  let stored;
  try {
    stored = await storage.put(upload.body, { maxBytes });
  } catch (error) {
    if (error instanceof FileTooLargeError) throw tooLarge(maxBytes);
    throw error;
  }
  try {
    if (stored.size === 0) {
      throw new ClaimError("VALIDATION", "The file is empty.", [{ path: "file", message: "The file is empty." }]);
    }
    // The first megabyte holds every signature the detector reads (OOXML part names come first in the ZIP).
    const head = await storage.head(stored.key, SNIFF_BYTES);
    const detected = await fileTypeFromBuffer(head);
    const check = checkPoeType(name, { detected: detected?.ext, head, truncated: stored.size > head.length });
    if (!check.ok) throw new ClaimError("UNSUPPORTED_MEDIA_TYPE", check.message);
    return await recordPoeFile(
      db,
      actor,
      claimId,
      { fileName: name, size: stored.size, sha256: stored.sha256, contentType: check.contentType, storageKey: stored.key },
      options,
    );
  } catch (error) {
    await storage.delete(stored.key);
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
