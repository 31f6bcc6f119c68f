import { describe, expect, it } from "vitest";
import { loadMessages } from "../../messages";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("UI messages", () => {
  it("French has exactly the English keys (no string left untranslated or orphaned)", async () => {
    const [en, fr] = await Promise.all([loadMessages("en"), loadMessages("fr")]);
    expect(keys(fr).sort()).toEqual(keys(en).sort());
  });

  it("no message is empty", async () => {
    for (const locale of ["en", "fr"] as const) {
      const messages = await loadMessages(locale);
      const empty = keys(messages).filter((k) => {
        const value = k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], messages);
        return typeof value === "string" && value.trim() === "";
      });
      expect(empty).toEqual([]);
    }
  });
});
