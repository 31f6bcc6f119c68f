import { runSweep } from "./claims/sweep";
import { databaseUrl, embeddedDataDir, getDb, isEmbeddedDatabase, lockEmbeddedDataDir } from "./db";
import { releaseAbortReasonStacks } from "./runtime/release-abort-stacks";
import { getFileStorage } from "./storage/file-storage";

export async function startServer(): Promise<void> {
  releaseAbortReasonStacks();
  if (isEmbeddedDatabase()) {
    // Fail at start, not at the first request, when another process has the embedded database open.
    try {
      lockEmbeddedDataDir(embeddedDataDir());
    } catch (error) {
      console.error(`\n${(error as Error).message}\n`);
      process.exit(1);
    }
  }
  // The SLA sweep on an interval (SWEEP_INTERVAL_SECONDS, default 60; 0 turns it off, as the tests do).
  // It is idempotent and safe on several nodes at once, so every node may run it.
  const seconds = Number(process.env.SWEEP_INTERVAL_SECONDS ?? 60);
  if (seconds > 0) {
    const timer = setInterval(() => {
      runSweep(getDb(), new Date(), { storage: getFileStorage() }).catch((error) => console.error("sweep failed:", error));
    }, seconds * 1000);
    timer.unref();
    console.log(`SLA sweep every ${seconds} s on ${databaseUrl().split(":")[0]}`);
  }
}
