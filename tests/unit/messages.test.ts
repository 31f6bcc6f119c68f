import { describe, expect, it } from "vitest";
import { loadMessages } from "../../messages";

/** The ICU arguments a message takes ({date}, {days, plural, …}); plural branches ({# day}) are not arguments. */
function argumentsOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)(?=\s*[,}])/g)].map((m) => m[1]))].sort();
}

function leaves(value: unknown, prefix = ""): [string, string][] {
  if (typeof value === "string") return [[prefix, value]];
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

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

  it("French messages take exactly the arguments their English originals take", async () => {
    const [en, fr] = await Promise.all([loadMessages("en"), loadMessages("fr")]);
    const french = new Map(leaves(fr));
    const differing = leaves(en).filter(([key, message]) => argumentsOf(message).join() !== argumentsOf(french.get(key) ?? "").join());
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it("durations an admin can change are arguments, never words in the text", async () => {
    // The SLA settings (and the dispute window) are numbers the page passes in; "five business days" written
    // into a message would go stale the moment an admin changes the setting.
    const spelled = /\b(two|three|four|five|six|seven|eight|nine|ten|thirty|\d+)[- ](business[- ])?days?\b|\b(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|trente|\d+) jours?\b/i;
    for (const locale of ["en", "fr"] as const) {
      const found = leaves(await loadMessages(locale)).filter(([, message]) => spelled.test(message));
      expect(found.map(([key]) => `${locale}:${key}`)).toEqual([]);
    }
  });
});
