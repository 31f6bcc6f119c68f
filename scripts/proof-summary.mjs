// Prints the proof suite's ledger (tests/proof/report.ts) as one table per category: cases tried and held.
// `npm test` clears the ledger before the tests and runs this after them.
import { existsSync, readFileSync } from "node:fs";

const ledger = "test-results/proof/ledger.jsonl";
if (!existsSync(ledger)) {
  console.log("proof suite: no cases recorded");
  process.exit(0);
}
const rows = readFileSync(ledger, "utf8").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line));
const byCategory = new Map();
for (const row of rows) {
  const list = byCategory.get(row.category) ?? [];
  list.push(row);
  byCategory.set(row.category, list);
}
console.log("\nProof suite: cases tried and held");
console.log("| category | subject | tried | held |\n|---|---|---:|---:|");
let failed = 0;
for (const [category, list] of [...byCategory].sort(([a], [b]) => a.localeCompare(b))) {
  for (const row of list) {
    console.log(`| ${category} | ${row.subject} | ${row.tried} | ${row.held} |`);
    if (row.held !== row.tried) failed++;
  }
  const tried = list.reduce((s, r) => s + r.tried, 0);
  const held = list.reduce((s, r) => s + r.held, 0);
  console.log(`| **${category}** | all | **${tried}** | **${held}** |`);
}
if (failed) console.log(`\n${failed} subject(s) with cases that did not hold (their tests failed above).`);
