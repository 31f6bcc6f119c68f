// The consent link's token exists in clear only in the message sent (docs/domain.md "Notifications"): the outbox
// row keeps it sealed with AES-256-GCM and delivery wipes it once sent. Layout: iv (12) + tag (16) + ciphertext.
// No "server-only" marker: the sweep CLI (tsx, no react-server condition) imports this too.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * APP_ENCRYPTION_KEY: 32 bytes as base64 or 64 hex digits. Unset: derived from NEXTAUTH_SECRET with HKDF-SHA-256,
 * so a newcomer needs no extra setting (rotating NEXTAUTH_SECRET then makes queued secrets unreadable; those
 * messages fail and show on the outbox page).
 */
export function encryptionKey(env: { APP_ENCRYPTION_KEY?: string; NEXTAUTH_SECRET?: string } = process.env): Buffer {
  const configured = env.APP_ENCRYPTION_KEY?.trim();
  if (configured) {
    const key = /^[0-9a-f]{64}$/i.test(configured) ? Buffer.from(configured, "hex") : Buffer.from(configured, "base64");
    if (key.length !== 32) throw new Error("APP_ENCRYPTION_KEY must be 32 bytes, as base64 or 64 hex digits.");
    return key;
  }
  const secret = env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("Set APP_ENCRYPTION_KEY or NEXTAUTH_SECRET: outbox secrets are encrypted with it.");
  return Buffer.from(hkdfSync("sha256", secret, "cpor-outbox", "outbox-secret-v1", 32));
}

export function sealSecret(plain: string, key: Buffer = encryptionKey()): Uint8Array<ArrayBuffer> {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]);
  return new Uint8Array(sealed);
}

export function openSecret(sealed: Uint8Array, key: Buffer = encryptionKey()): string {
  const bytes = Buffer.from(sealed);
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}
