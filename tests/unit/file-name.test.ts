// The upload file name cleaning (lib/poe/file-name.ts): examples of each hostile kind, then properties over
// arbitrary strings with the dangerous characters mixed in.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sanitizeFileName } from "../../lib/poe/file-name";

const BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"];
const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i));
const C1 = Array.from({ length: 33 }, (_, i) => String.fromCharCode(0x7f + i));
const DANGEROUS = [...BIDI, ...C0, ...C1];
const FORBIDDEN = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u0000-\u001f\u007f-\u009f\\/]/;

describe("sanitizeFileName", () => {
  it("removes a right-to-left override that disguises an executable's extension", () => {
    expect(sanitizeFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(sanitizeFileName("\u2067report\u2069.pdf")).toBe("report.pdf");
    expect(sanitizeFileName("a\u200Eb\u200Fc\u061C.pdf")).toBe("abc.pdf");
  });

  it("removes C0 and C1 control characters and DEL", () => {
    expect(sanitizeFileName("bad\r\nSet-Cookie: x=1.pdf")).toBe("badSet-Cookie: x=1.pdf");
    expect(sanitizeFileName("nul\u0000.pdf")).toBe("nul.pdf");
    expect(sanitizeFileName("c1\u0085\u009b\u007f.pdf")).toBe("c1.pdf");
  });

  it("keeps the last path segment only, for either slash", () => {
    expect(sanitizeFileName("../../etc/passwd.pdf")).toBe("passwd.pdf");
    expect(sanitizeFileName("..\\..\\windows\\system.ini.pdf")).toBe("system.ini.pdf");
    expect(sanitizeFileName("C:\\Users\\pat\\Relevé.pdf")).toBe("Relevé.pdf");
  });

  it("normalizes to NFC: a decomposed accent becomes one character", () => {
    expect(sanitizeFileName("Rele\u0301ve\u0301.pdf")).toBe("Rel\u00e9v\u00e9.pdf");
    // The override removed, the accent joins the letter before it.
    expect(sanitizeFileName("Rele\u202E\u0301ve.pdf")).toBe("Rel\u00e9ve.pdf");
  });

  it("keeps ordinary Unicode names as they are", () => {
    for (const name of ["Énoncé de travail (signé).pdf", "合同.pdf", "عقد.pdf", "proof 👍🏽.png", "a.b.c.docx"]) {
      expect(sanitizeFileName(name)).toBe(name);
    }
  });

  it("gives \"\" when nothing visible is left, or only dots", () => {
    for (const name of ["", "   ", "\u202E\u0000\u200F", "a/", "..", ".", "dir/..", "\u202E..\u202C"]) expect(sanitizeFileName(name)).toBe("");
  });

  const hostile = fc
    .array(fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom(...DANGEROUS, "/", "\\", "..", ".pdf", "e\u0301", " ")), { maxLength: 12 })
    .map((parts) => parts.join(""));

  it("property: the result holds no direction formatting, control character or slash, and is NFC", () => {
    fc.assert(
      fc.property(hostile, (raw) => {
        const name = sanitizeFileName(raw);
        expect(name).not.toMatch(FORBIDDEN);
        expect(name.normalize("NFC")).toBe(name);
        expect(name).toBe(name.trim());
        expect(/^\.*$/.test(name) && name !== "").toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("property: idempotent, and a name of safe characters is kept", () => {
    fc.assert(fc.property(hostile, (raw) => {
        expect(sanitizeFileName(sanitizeFileName(raw))).toBe(sanitizeFileName(raw));
      }), { numRuns: 2000 });
    const safe = fc
      .string({ unit: fc.constantFrom(..."abcXYZ019 -_().éü合👍".split(/(?:)/u)), minLength: 1 })
      .map((s) => `${s.trim() || "x"}.pdf`)
      .filter((s) => s.normalize("NFC") === s);
    fc.assert(fc.property(safe, (name) => {
        expect(sanitizeFileName(name)).toBe(name);
      }));
  });

  it("property: any visible, non-dot character outside the removed sets survives", () => {
    const visible = fc.string({ unit: "grapheme", minLength: 1 }).map((s) => s.normalize("NFC").replace(FORBIDDEN, "").replace(/[\u2028\u2029\ufeff]/g, "").trim());
    fc.assert(
      fc.property(visible, fc.constantFrom(...DANGEROUS), (name, bad) => {
        fc.pre(!/^\.*$/.test(name));
        expect(sanitizeFileName(`${bad}${name}${bad}`)).toBe(sanitizeFileName(name));
        expect(sanitizeFileName(name)).not.toBe("");
      }),
    );
  });
});
