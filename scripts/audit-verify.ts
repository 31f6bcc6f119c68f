// npm run audit:verify: verifies the tamper-evident chain of every claim's history and of the audit log
// (docs/architecture.md "Tamper-evident history"), streaming in batches. Prints the counts and, for each broken
// chain, its first broken link (claim number, event id, what failed). Exit code 1 when any chain is broken.
import { describeBreak } from "../lib/audit/chain";
import { verifyAllClaimHistories, verifyAuditChain } from "../lib/audit/verify-history";
import { closeDb, getDb } from "../lib/db";

async function main(): Promise<number> {
  const db = getDb();
  try {
    const claims = await verifyAllClaimHistories(db);
    console.log(`claim histories: ${claims.claims} chains, ${claims.events} events, ${claims.broken.length} broken`);
    for (const b of claims.broken) console.log(`  BROKEN ${b.number} (claim ${b.claimId}): ${describeBreak(b)}`);
    const audit = await verifyAuditChain(db);
    console.log(`audit log: ${audit.events} events, ${audit.broken ? "broken" : "intact"}`);
    if (audit.broken) console.log(`  BROKEN audit log: ${describeBreak(audit.broken)}`);
    const ok = claims.broken.length === 0 && !audit.broken;
    console.log(ok ? "history intact" : "history BROKEN: see above");
    return ok ? 0 : 1;
  } finally {
    await closeDb();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
