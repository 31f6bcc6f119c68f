import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { releaseAbortReasonStacks } from "@/lib/runtime/release-abort-stacks";

v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

/**
 * Aborts a controller with an Error made inside a method of a large object (the object is that stack frame's
 * receiver), drops every other reference to the object and reports whether a full collection freed it.
 * The controller stays alive, as a finished render's controller does in the leak this module fixes.
 */
async function receiverSurvivesAbort(): Promise<{ survived: boolean; controller: AbortController }> {
  const controller = new AbortController();
  let ref!: WeakRef<object>;
  (() => {
    const render = {
      rows: new Array(100_000).fill("row"),
      complete(this: { rows: string[] }) {
        controller.abort(new Error("This render completed successfully."));
      },
    };
    ref = new WeakRef(render);
    render.complete();
  })();
  // WeakRef targets stay alive until the current job ends.
  await new Promise((resolve) => setTimeout(resolve, 0));
  collectGarbage();
  return { survived: ref.deref() !== undefined, controller };
}

describe("abort reasons release their stack frames", () => {
  it("without it, an unread abort reason keeps its frames' receivers alive (the leak)", async () => {
    const { survived, controller } = await receiverSurvivesAbort();
    expect(controller.signal.aborted).toBe(true);
    expect(survived).toBe(true);
  });

  it("with it, the receiver is collected and the reason keeps its message and stack text", async () => {
    releaseAbortReasonStacks();
    releaseAbortReasonStacks(); // idempotent: a second call does not wrap twice
    const { survived, controller } = await receiverSurvivesAbort();
    expect(survived).toBe(false);
    const reason = controller.signal.reason as Error;
    expect(reason.message).toBe("This render completed successfully.");
    expect(reason.stack).toContain("complete");
  });

  it("keeps abort's behaviour: the default reason, listeners, a second abort ignored", () => {
    releaseAbortReasonStacks();
    const controller = new AbortController();
    const seen: unknown[] = [];
    controller.signal.addEventListener("abort", () => seen.push(controller.signal.reason));
    controller.abort();
    controller.abort(new Error("later"));
    expect(seen).toHaveLength(1);
    expect((controller.signal.reason as DOMException).name).toBe("AbortError");

    const odd = new AbortController();
    const reason = Object.defineProperty({}, "stack", { get: () => { throw new Error("no stack here"); } });
    expect(() => odd.abort(reason)).not.toThrow();
    expect(odd.signal.reason).toBe(reason);
  });
});
