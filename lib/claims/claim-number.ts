// `number` is CPOR- followed by at least six digits from one global sequence (docs/api.md).
const CLAIM_NUMBER = /^CPOR-(\d{6,})$/i;

export function formatClaimNumber(sequence: number): string {
  return `CPOR-${String(sequence).padStart(6, "0")}`;
}

/** The sequence of a claim number, or null when `text` is not one. */
export function parseClaimNumber(text: string): number | null {
  const match = CLAIM_NUMBER.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]);
  return Number.isSafeInteger(value) && value <= 2_147_483_647 ? value : null;
}
