// Frees what an aborted signal's reason would otherwise keep alive: the frames of its stack trace.
//
// Why: V8 keeps an Error's stack as structured frames, each holding its function and receiver (`this`), until
// something reads `error.stack`; only then does it format the text and drop the frames. React's server renderer
// aborts a signal per render when the render completes (`cacheController.abort(Error("This render completed…"))`),
// from a `setImmediate` callback, so the reason's frames hold that Immediate. On Node 20 every async resource also
// carries the AsyncLocalStorage stores of the request that created it, and Node leaves each executed Immediate
// linked to the ones queued after it (`_idleNext`). Together: one long-lived object from one request (a pooled
// database socket, a module first loaded during a request) held that render, its reason's frames held an Immediate,
// the Immediate chain held the next renders' stores, and so on — a heap snapshot 20 s after a load of list pages
// found 732 finished renders still live, ~100 MB of the 187 MB heap (docs/performance-notes.md "Memory").
// Reading the reason's stack once, when the signal is aborted, keeps the text and lets the rest go.
const PATCHED = Symbol.for("cpor.abort-releases-stack");

function releaseStack(reason: unknown): void {
  try {
    if (reason !== null && typeof reason === "object" && "stack" in reason) void (reason as { stack?: unknown }).stack;
  } catch {
    // A reason whose own `stack` getter throws keeps its frames; aborting must not fail because of it.
  }
}

export function releaseAbortReasonStacks(): void {
  const prototype = AbortController.prototype as AbortController & { [PATCHED]?: true };
  if (prototype[PATCHED]) return;
  const abort = prototype.abort;
  prototype.abort = function abortReleasingStack(this: AbortController, reason?: unknown) {
    abort.call(this, reason);
    releaseStack(this.signal.reason);
  };
  Object.defineProperty(prototype, PATCHED, { value: true });
}
