import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";

/**
 * The proof suite's ledger. Each proof test (isolation matrix, bad input, hostile files, injection, faults,
 * tamper-evident history, accessibility) records how many cases it tried and how many held; the line is printed
 * at once and appended to `test-results/proof/ledger.jsonl`, and `scripts/proof-summary.mjs` prints the table at
 * the end of `npm test`. Works from vitest workers and Playwright workers alike (append is atomic per line).
 */
export interface ProofRecord {
  category: ProofCategory;
  /** What was tried, e.g. "API endpoints × roles × own/other organization". */
  subject: string;
  tried: number;
  held: number;
}

export type ProofCategory =
  | "isolation"
  | "bad-input"
  | "hostile-files"
  | "injection"
  | "faults"
  | "tamper-evident-history"
  | "accessibility";

export const PROOF_LEDGER = path.resolve(import.meta.dirname, "../../test-results/proof/ledger.jsonl");

export function recordProof(record: ProofRecord): void {
  mkdirSync(path.dirname(PROOF_LEDGER), { recursive: true });
  appendFileSync(PROOF_LEDGER, `${JSON.stringify({ ...record, at: new Date().toISOString() })}\n`);
  console.log(`proof · ${record.category} · ${record.subject}: tried ${record.tried}, held ${record.held}`);
}
