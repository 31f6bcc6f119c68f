import { describe, expect, it } from "vitest";
import { csvCell, csvCellText, csvLine } from "../../lib/csv/csv-cell";

describe("csvCell (OWASP CSV injection)", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-1+1", "'-1+1"],
    ["@SUM(1)", "'@SUM(1)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "\"'\r=1+1\""],
    ['=HYPERLINK("http://evil.example","x")', '"\'=HYPERLINK(""http://evil.example"",""x"")"'],
  ])("neutralizes a leading formula character: %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
    expect(csvCellText(csvCell(value).replace(/^"|"$/g, "").replace(/""/g, '"'))).toBe(value);
  });

  it("leaves other text alone, quoting per RFC 4180", () => {
    expect(csvCell("Contoso, Ltd")).toBe('"Contoso, Ltd"');
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(null)).toBe("");
    expect(csvCell(new Date("2026-03-02T09:00:00.000Z"))).toBe("2026-03-02T09:00:00.000Z");
    expect(csvLine(["a", "=b", 3])).toBe("a,'=b,3\r\n");
    expect(csvCellText("'plain")).toBe("'plain");
  });
});
