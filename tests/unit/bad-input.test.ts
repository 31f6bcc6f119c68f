// Regressions found by the proof suite's bad-input fuzzing (tests/integration/proof-bad-input.test.ts): input
// that used to end in a 500 is now refused (or made harmless) before it reaches PostgreSQL.
import { describe, expect, it } from "vitest";
import { holdsUnstorableText } from "../../lib/api/request";
import { parseListQueryLeniently } from "../../lib/claims/list-params";
import { organizationCreateSchema } from "../../lib/admin/organization-schemas";
import { userCreateSchema } from "../../lib/admin/user-schemas";
import { commentarySchema, commentBodySchema, noteBodySchema } from "../../lib/claims/schemas";
import { rejectBodySchema } from "../../lib/claims/schemas/action-bodies";

describe("bad input that used to answer 500", () => {
  it("a rejection reason that is not a string is a validation error, even an object whose toString is not a function", () => {
    for (const reason of [{ toString: null }, [{ toString: 1 }], { valueOf: {} }, Object.create(null), 42, null]) {
      const result = rejectBodySchema.safeParse({ reason });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toMatch(/Choose the rejection reason/);
    }
    // A system-only reason still gets its own explanation.
    expect(rejectBodySchema.safeParse({ reason: "CUSTOMER_DECLINE" }).error?.issues[0].message).toMatch(/customer denies consent/);
  });

  it("holdsUnstorableText finds U+0000 or an unpaired surrogate in any string or key of a JSON value, and nothing else", () => {
    expect(holdsUnstorableText("a\u0000b")).toBe(true);
    // A lone surrogate in the history's JSON payload is refused by PostgreSQL (a 500 the fuzzer found in CI).
    expect(holdsUnstorableText(JSON.parse('{"body":"\\ud800"}'))).toBe(true);
    expect(holdsUnstorableText({ body: "x\uDC00" })).toBe(true);
    expect(holdsUnstorableText({ ["\uDBFFk"]: 1 })).toBe(true);
    expect(holdsUnstorableText({ body: "😀 \uD83D\uDE00 é" })).toBe(false);
    expect(holdsUnstorableText({ customer: { name: ["x", "\u0000"] } })).toBe(true);
    expect(holdsUnstorableText({ "k\u0000": 1 })).toBe(true);
    expect(holdsUnstorableText({ text: "\\u0000 written out", n: 0, none: null, list: [] })).toBe(false);
  });

  it("the pages' lenient list parser drops U+0000 from a search instead of sending it to the database", () => {
    expect(parseListQueryLeniently({ q: "Con\u0000toso" }).q).toBe("Contoso");
    expect(parseListQueryLeniently({ q: "\u0000" }).q).toBeUndefined();
  });

  it("text fields refuse U+0000 (PostgreSQL cannot store it) with a message saying so", () => {
    for (const schema of [commentBodySchema, noteBodySchema]) {
      const result = schema.safeParse({ body: "signed\u0000" });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toMatch(/NUL/);
      expect(schema.safeParse({ body: "signed" }).success).toBe(true);
      expect(schema.safeParse({ body: "signed \uD800" }).error?.issues[0].message).toMatch(/unpaired surrogate/);
      expect(schema.safeParse({ body: "signed 😀" }).success).toBe(true);
    }
  });

  it("commentary and admin names refuse U+0000 (found by the server-action fuzzer in CI)", () => {
    expect(commentarySchema.safeParse("\u0000").success).toBe(false);
    expect(commentarySchema.safeParse("Deployed Teams.").success).toBe(true);
    expect(organizationCreateSchema.safeParse({ name: "Contoso\u0000" }).success).toBe(false);
    expect(userCreateSchema.safeParse({ email: "x@y.example", name: "A\u0000", role: "ADMIN" }).success).toBe(false);
  });
});
