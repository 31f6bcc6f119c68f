// lib/http/pull-stream.ts: streams that produce a chunk only when their reader asks for one.
import { describe, expect, it } from "vitest";
import { pullStream, relayStream } from "../../lib/http/pull-stream";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (chunk: Uint8Array | undefined) => new TextDecoder().decode(chunk);
/** Lets every pending promise and pull run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function counted(chunks: string[]) {
  const calls = { next: 0 };
  let i = 0;
  const stream = pullStream(async () => {
    calls.next++;
    return i < chunks.length ? bytes(chunks[i++]) : null;
  });
  return { stream, calls };
}

describe("pullStream", () => {
  it("calls its producer once per read, never ahead, and ends on null", async () => {
    const { stream, calls } = counted(["a", "b"]);
    await settle();
    expect(calls.next).toBe(0);
    const reader = stream.getReader();
    expect(text((await reader.read()).value)).toBe("a");
    await settle();
    expect(calls.next).toBe(1);
    expect(text((await reader.read()).value)).toBe("b");
    expect((await reader.read()).done).toBe(true);
    expect(calls.next).toBe(3);
  });
});

describe("relayStream", () => {
  it("sends `first`, then the source's chunks as read, with no read-ahead through the relay", async () => {
    const { stream, calls } = counted(["x", "y"]);
    let chunks = 0;
    let ends = 0;
    const relay = relayStream(stream, { first: bytes("!"), onChunk: async () => void chunks++, onEnd: async () => void ends++ });
    await settle();
    expect(calls.next).toBe(0);
    const reader = relay.getReader();
    expect(text((await reader.read()).value)).toBe("!");
    await settle();
    expect(calls.next).toBe(0);
    expect(text((await reader.read()).value)).toBe("x");
    await settle();
    expect(calls.next).toBe(1);
    expect(text((await reader.read()).value)).toBe("y");
    expect((await reader.read()).done).toBe(true);
    expect({ chunks, ends }).toEqual({ chunks: 2, ends: 1 });
  });

  it("runs onEnd once when the reader cancels, and cancels the source", async () => {
    let cancelled = false;
    const source = pullStream(async () => bytes("z"), () => void (cancelled = true));
    let ends = 0;
    const reader = relayStream(source, { onEnd: async () => void ends++ }).getReader();
    await reader.read();
    await reader.cancel("gone");
    expect({ cancelled, ends }).toEqual({ cancelled: true, ends: 1 });
  });

  it("runs onEnd once and errors the relay when the source fails", async () => {
    const source = pullStream(async () => {
      throw new Error("database gone");
    });
    let ends = 0;
    const reader = relayStream(source, { onEnd: async () => void ends++ }).getReader();
    await expect(reader.read()).rejects.toThrow("database gone");
    expect(ends).toBe(1);
  });
});
