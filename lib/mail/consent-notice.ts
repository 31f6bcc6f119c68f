// The customer's consent token as those who act as the customer read it back: approveClaim never returns it. The
// token exists in clear only in the email sent; until then it is sealed in the notice's outbox row.
import { openSecret } from "./secret-box";

/** The token in a received notice's link (the email's text or HTML), or null. */
export function consentTokenInNotice(text: string): string | null {
  return /\/consent\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? null;
}

/**
 * The token sealed in a queued notice's outbox row (the seed and tests acting as the customer before delivery), or
 * null once the row was sent (its secret is wiped then).
 */
export function consentTokenOfOutboxRow(row: { secret: Uint8Array | null }): string | null {
  return row.secret ? openSecret(row.secret) : null;
}
