// The per-claim PoE quota (lib/claims/policy.ts checkPoeQuota): 50 files and 250 MB, both limits inclusive.
import { describe, expect, it } from "vitest";
import { checkPoeQuota, POE_MAX_BYTES_PER_CLAIM, POE_MAX_FILES_PER_CLAIM } from "../../lib/claims/policy";

describe("checkPoeQuota", () => {
  it("allows the 50th file and the byte that reaches 250 MB exactly", () => {
    expect(checkPoeQuota({ files: POE_MAX_FILES_PER_CLAIM - 1, bytes: 0 }, 10)).toBeNull();
    expect(checkPoeQuota({ files: 3, bytes: POE_MAX_BYTES_PER_CLAIM - 10 }, 10)).toBeNull();
  });

  it("refuses the 51st file and one byte over 250 MB: VALIDATION, LIMIT_REACHED on file", () => {
    const files = checkPoeQuota({ files: POE_MAX_FILES_PER_CLAIM, bytes: 0 }, 1);
    expect(files).toMatchObject({ code: "VALIDATION", errors: [{ path: "file", code: "LIMIT_REACHED" }] });
    expect(files?.message).toMatch(/at most 50/);
    const bytes = checkPoeQuota({ files: 3, bytes: POE_MAX_BYTES_PER_CLAIM - 10 }, 11);
    expect(bytes).toMatchObject({ code: "VALIDATION", errors: [{ path: "file", code: "LIMIT_REACHED" }] });
    expect(bytes?.message).toMatch(/250 MB; 0 MB are left/);
  });
});
