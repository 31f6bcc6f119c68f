// The CPOR-Signature header (Stripe's scheme): `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
// Receivers verify it with the snippet in docs/api.md "Webhooks"; verifyWebhookSignature is that snippet's logic.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "CPOR-Signature";
/** How far a receiver should accept a timestamp from its own clock (replay window). */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export function signWebhookBody(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${v1}`;
}

export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const parts = new Map((header ?? "").split(",").map((part) => part.trim().split("=", 2) as [string, string]));
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1") ?? "";
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"), "utf8");
  const given = Buffer.from(v1, "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
