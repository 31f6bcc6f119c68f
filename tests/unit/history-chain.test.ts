// The verifier's pure half of the tamper-evident history (lib/audit/chain.ts) and the key handling
// (lib/audit/chain-key.mjs). The database signs with the pre-padded keys of chainSessionSetting(); the first test
// pins that this is exactly HMAC-SHA-256, for short and long keys alike.
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  chainField,
  chainMac,
  claimEventMessage,
  createChainVerifier,
  verifyChain,
  type ClaimEventChainRow,
} from "../../lib/audit/chain";
import { chainKeyId, chainSessionOptions, chainSessionSetting, DEVELOPMENT_CHAIN_KEY, previousChainKeys, resolveChainKey } from "../../lib/audit/chain-key.mjs";

/** What the trigger computes: sha256(K^opad || sha256(K^ipad || message)), from the session setting. */
function macAsTheDatabaseDoes(setting: string, message: string): string {
  const [, ipad, opad] = setting.split(":");
  const inner = createHash("sha256").update(Buffer.from(ipad, "hex")).update(message, "utf8").digest();
  return createHash("sha256").update(Buffer.from(opad, "hex")).update(inner).digest("hex");
}

function row(seq: number, overrides: Partial<ClaimEventChainRow> = {}): ClaimEventChainRow {
  return {
    id: String(100 + seq),
    claimId: "claim-1",
    seq,
    type: "COMMENT_ADDED",
    actorId: "user-1",
    actorRole: "REVIEWER",
    actorName: "Rita Reviewer",
    at: `2026-12-01T09:00:0${seq % 10}.000Z`,
    fromStatus: null,
    toStatus: null,
    data: `{"body": "note ${seq}", "commentId": "c${seq}"}`,
    keyId: chainKeyId("k"),
    mac: "",
    ...overrides,
  };
}

/** A chain signed like the trigger signs it. */
function signed(count: number, key = "k"): ClaimEventChainRow[] {
  const rows: ClaimEventChainRow[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const r = row(seq, { keyId: chainKeyId(key) });
    r.mac = chainMac(key, claimEventMessage(r, rows.at(-1)?.mac ?? null));
    rows.push(r);
  }
  return rows;
}

const keys = new Map([[chainKeyId("k"), "k"]]);

describe("the chain MAC", () => {
  it("the database's pre-padded construction is HMAC-SHA-256, for short, 64-byte, long and non-ASCII keys", () => {
    for (const key of ["k", "x".repeat(64), "y".repeat(65), "clé-🔑-".repeat(20), DEVELOPMENT_CHAIN_KEY]) {
      const setting = chainSessionSetting(key);
      expect(setting).toMatch(/^[0-9a-f]{16}:[0-9a-f]{128}:[0-9a-f]{128}$/);
      expect(setting.split(":")[0]).toBe(chainKeyId(key));
      for (const message of ["", "cpor-claim-event/1\n3:abc\n", "é ✓ 🔑\n-\n"]) {
        expect(macAsTheDatabaseDoes(setting, message)).toBe(createHmac("sha256", key).update(message, "utf8").digest("hex"));
        expect(chainMac(key, message)).toBe(macAsTheDatabaseDoes(setting, message));
      }
    }
  });

  it("fields are length-prefixed in UTF-8 bytes, NULL is '-', so no two field lists give one message", () => {
    expect(chainField(null)).toBe("-\n");
    expect(chainField("")).toBe("0:\n");
    expect(chainField("é")).toBe("2:é\n");
    expect(chainField("🔑")).toBe("4:🔑\n");
    expect(chainField(12)).toBe("2:12\n");
    const a = claimEventMessage(row(1, { actorName: "A\n1:B" }), null);
    const b = claimEventMessage(row(1, { actorName: "A", actorRole: "B" }), null);
    expect(a).not.toBe(b);
    expect(claimEventMessage(row(1, { actorId: null }), null)).not.toBe(claimEventMessage(row(1, { actorId: "" }), null));
  });

  it("the message lists the fields in their fixed order, ending with the previous row's MAC", () => {
    const message = claimEventMessage(row(2), "ab");
    expect(message.split("\n")).toEqual([
      "cpor-claim-event/1",
      "7:claim-1",
      "1:2",
      "3:102",
      "13:COMMENT_ADDED",
      "6:user-1",
      "8:REVIEWER",
      "13:Rita Reviewer",
      "24:2026-12-01T09:00:02.000Z",
      "-",
      "-",
      `${'{"body": "note 2", "commentId": "c2"}'.length}:{"body": "note 2", "commentId": "c2"}`,
      `16:${chainKeyId("k")}`,
      "2:ab",
      "",
    ]);
  });

  it("the session options carry the setting without spaces (nothing to escape)", () => {
    expect(chainSessionOptions("a key with spaces")).toBe(`-c cpor.audit_chain_key=${chainSessionSetting("a key with spaces")}`);
    expect(chainSessionOptions("a key with spaces").split(" ")).toHaveLength(2);
  });
});

describe("verifying a chain", () => {
  it("an intact chain verifies every row; an empty one verifies nothing and is intact", () => {
    expect(verifyChain(signed(5), keys, claimEventMessage)).toEqual({ verified: 5, broken: null });
    expect(verifyChain([], keys, claimEventMessage)).toEqual({ verified: 0, broken: null });
  });

  it("an edited row breaks at that row; the rows before it still count as verified", () => {
    const rows = signed(5);
    rows[2] = { ...rows[2], data: '{"body": "rewritten"}' };
    expect(verifyChain(rows, keys, claimEventMessage)).toEqual({ verified: 2, broken: { id: "103", seq: 3, expectedSeq: 3, reason: "MAC_MISMATCH" } });
  });

  it("an edited MAC breaks at the row after it (its predecessor's MAC no longer matches)", () => {
    const rows = signed(5);
    rows[1] = { ...rows[1], mac: rows[1].mac.replace(/^./, (c) => (c === "0" ? "1" : "0")) };
    expect(verifyChain(rows, keys, claimEventMessage).broken).toMatchObject({ id: "102", reason: "MAC_MISMATCH" });
  });

  it("a missing row is a sequence gap at the next one; a missing first row too", () => {
    const rows = signed(5);
    expect(verifyChain([...rows.slice(0, 2), ...rows.slice(3)], keys, claimEventMessage).broken).toEqual({
      id: "104",
      seq: 4,
      expectedSeq: 3,
      reason: "SEQUENCE_GAP",
    });
    expect(verifyChain(rows.slice(1), keys, claimEventMessage).broken).toMatchObject({ id: "102", expectedSeq: 1, reason: "SEQUENCE_GAP" });
  });

  it("swapped rows, renumbered to look contiguous, break at the first moved one", () => {
    const rows = signed(4);
    const swapped = [rows[0], { ...rows[2], seq: 2 }, { ...rows[1], seq: 3 }, rows[3]];
    expect(verifyChain(swapped, keys, claimEventMessage).broken).toMatchObject({ id: "103", seq: 2, reason: "MAC_MISMATCH" });
  });

  it("a row signed with a key the portal does not hold is UNKNOWN_KEY; a retired key still verifies when listed", () => {
    const old = signed(2, "old");
    const next = row(3, { keyId: chainKeyId("new") });
    next.mac = chainMac("new", claimEventMessage(next, old[1].mac));
    const rotated = [...old, next];
    expect(verifyChain(rotated, new Map([[chainKeyId("new"), "new"]]), claimEventMessage).broken).toMatchObject({ id: "101", reason: "UNKNOWN_KEY" });
    const both = new Map([
      [chainKeyId("new"), "new"],
      [chainKeyId("old"), "old"],
    ]);
    expect(verifyChain(rotated, both, claimEventMessage)).toEqual({ verified: 3, broken: null });
  });

  it("the streaming verifier stops at the first break: later rows neither count nor replace it", () => {
    const rows = signed(4);
    const verifier = createChainVerifier(keys, claimEventMessage);
    verifier.push(rows[0]);
    verifier.push({ ...rows[1], actorName: "Mallory" });
    verifier.push(rows[2]);
    verifier.push({ ...rows[3], seq: 9 });
    expect(verifier.result()).toEqual({ verified: 1, broken: { id: "102", seq: 2, expectedSeq: 2, reason: "MAC_MISMATCH" } });
  });
});

describe("AUDIT_CHAIN_KEY", () => {
  it("is required in production, defaults to the public development key elsewhere, and names keys by id", () => {
    expect(() => resolveChainKey({ NODE_ENV: "production" })).toThrow(/AUDIT_CHAIN_KEY/);
    expect(resolveChainKey({ NODE_ENV: "production", AUDIT_CHAIN_KEY: "s3cret" })).toBe("s3cret");
    expect(resolveChainKey({ NODE_ENV: "test", VITEST: "1" })).toBe(DEVELOPMENT_CHAIN_KEY);
    expect(chainKeyId("a")).toMatch(/^[0-9a-f]{16}$/);
    expect(chainKeyId("a")).toBe(chainKeyId("a"));
    expect(chainKeyId("a")).not.toBe(chainKeyId("b"));
    expect(previousChainKeys({ AUDIT_CHAIN_PREVIOUS_KEYS: " old1, ,old2 " })).toEqual(["old1", "old2"]);
    expect(previousChainKeys({})).toEqual([]);
  });
});
