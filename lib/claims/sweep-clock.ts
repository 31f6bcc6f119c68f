// Where a sweep's time goes: each step's duration and the longest single batch (one short transaction, or one
// statement outside a transaction). The bench prints both, so "no transaction over 2 s" is a figure, not a hope
// (docs/performance-notes.md "Sweep"). Timed from the client: a batch's time includes waiting for a connection,
// so it bounds the database transaction from above.

export interface SweepTimings {
  /** Milliseconds per step, in the order the steps ran. */
  steps: Record<string, number>;
  totalMs: number;
  /** The longest batch of the run and the step it belonged to ("" when no batch ran). */
  longestBatchMs: number;
  longestBatchStep: string;
  /** How many batches (transactions or single statements) the run's steps took. */
  batches: number;
}

export class SweepClock {
  private readonly started = performance.now();
  private readonly steps: Record<string, number> = {};
  private current = "";
  private longestBatchMs = 0;
  private longestBatchStep = "";
  private batches = 0;

  async step<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    this.current = name;
    try {
      return await work();
    } finally {
      this.steps[name] = (this.steps[name] ?? 0) + (performance.now() - started);
      this.current = "";
    }
  }

  /** Times one batch of the current step. */
  async batch<T>(work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      const ms = performance.now() - started;
      this.batches++;
      if (ms > this.longestBatchMs) {
        this.longestBatchMs = ms;
        this.longestBatchStep = this.current;
      }
    }
  }

  timings(): SweepTimings {
    return {
      steps: { ...this.steps },
      totalMs: performance.now() - this.started,
      longestBatchMs: this.longestBatchMs,
      longestBatchStep: this.longestBatchStep,
      batches: this.batches,
    };
  }
}

/** For callers that time nothing (a step run on its own, e.g. by a test). */
export const untimed = { batch: <T>(work: () => Promise<T>) => work() };
export type BatchTimer = Pick<SweepClock, "batch">;

export function formatSweepTimings(t: SweepTimings): string {
  const steps = Object.entries(t.steps)
    .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
    .join(", ");
  return `  took ${t.totalMs.toFixed(1)} ms (${steps}); ${t.batches} batches, the longest ${t.longestBatchMs.toFixed(1)} ms${t.longestBatchStep ? ` (${t.longestBatchStep})` : ""}`;
}
