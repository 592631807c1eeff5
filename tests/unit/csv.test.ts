import { describe, expect, it } from "vitest";
import { CSV_BOM, csvChunks, encodeCsvCell, encodeCsvRow, toCsv } from "../../lib/domain/csv";
import { parseCsv } from "../support/csv-reader";


describe("encodeCsvCell", () => {
  it("leaves plain text and numbers alone", () => {
    expect(encodeCsvCell("Hydrogen fuel cells")).toBe("Hydrogen fuel cells");
    expect(encodeCsvCell(42)).toBe("42");
  });

  it("writes numbers unrounded, and negative numbers as numbers", () => {
    expect(encodeCsvCell(14 / 3)).toBe("4.666666666666667");
    expect(encodeCsvCell(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(encodeCsvCell(-3.5)).toBe("-3.5");
  });

  it("writes empty cells for null, undefined and non-finite numbers", () => {
    expect(encodeCsvCell(null)).toBe("");
    expect(encodeCsvCell(undefined)).toBe("");
    expect(encodeCsvCell(Number.NaN)).toBe("");
    expect(encodeCsvCell(Number.POSITIVE_INFINITY)).toBe("");
  });

  it("writes booleans as yes/no and dates as ISO 8601 in UTC", () => {
    expect(encodeCsvCell(true)).toBe("yes");
    expect(encodeCsvCell(false)).toBe("no");
    expect(encodeCsvCell(new Date(Date.UTC(2026, 0, 31, 9, 5)))).toBe("2026-01-31T09:05:00.000Z");
  });

  it("quotes fields with commas, quotes, line breaks or surrounding spaces, doubling quotes", () => {
    expect(encodeCsvCell("Leeds, UK")).toBe('"Leeds, UK"');
    expect(encodeCsvCell('The "win-win" case')).toBe('"The ""win-win"" case"');
    expect(encodeCsvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(encodeCsvCell("a\r\nb")).toBe('"a\r\nb"');
    expect(encodeCsvCell(" padded ")).toBe('" padded "');
  });

  it("neutralises text a spreadsheet would run as a formula", () => {
    expect(encodeCsvCell("=HYPERLINK(\"http://evil.example\",\"click\")")).toBe('"\'=HYPERLINK(""http://evil.example"",""click"")"');
    expect(encodeCsvCell("+44 20 7946 0000")).toBe("'+44 20 7946 0000");
    expect(encodeCsvCell("-1+2")).toBe("'-1+2");
    expect(encodeCsvCell("@SUM(A1:A9)")).toBe("'@SUM(A1:A9)");
    expect(encodeCsvCell("\t=1+1")).toBe("'\t=1+1");
    expect(encodeCsvCell("a=b")).toBe("a=b");
  });
});

describe("toCsv", () => {
  it("starts with a UTF-8 byte order mark and a header row, and ends every record with CRLF", () => {
    const csv = toCsv(["Rank", "Title"], [[1, "Alpha"], [2, "Beta"]]);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.slice(1)).toBe("Rank,Title\r\n1,Alpha\r\n2,Beta\r\n");
  });

  it("round-trips awkward text through an RFC 4180 reader", () => {
    const rows = [
      ["Zürich, ETH", 'He said "yes"', "multi\nline", "£1,000", 4.5],
      ["Ångström Labs", "", "plain", "naïve café", -2],
    ] as const;
    const csv = toCsv(["Organisation", "Quote", "Text", "Money", "Number"], rows);
    expect(parseCsv(csv.slice(CSV_BOM.length))).toEqual([
      ["Organisation", "Quote", "Text", "Money", "Number"],
      ["Zürich, ETH", 'He said "yes"', "multi\nline", "£1,000", "4.5"],
      ["Ångström Labs", "", "plain", "naïve café", "-2"],
    ]);
  });

  it("encodes a row the same way toCsv does", () => {
    expect(encodeCsvRow(["a,b", 1, null])).toBe('"a,b",1,');
  });

  it("writes only the header when there are no rows", () => {
    expect(toCsv(["A", "B"], [])).toBe(`${CSV_BOM}A,B\r\n`);
  });
});

describe("csvChunks", () => {
  it("streams exactly toCsv's text: the BOM and header first, then records in pieces of the given size", () => {
    const rows = Array.from({ length: 7 }, (_, i) => [i + 1, `Title, ${i}`, i % 2 === 0]);
    const chunks = [...csvChunks(["Rank", "Title", "Even"], rows, 3)];
    expect(chunks).toHaveLength(1 + 3);
    expect(chunks[0]).toBe(`${CSV_BOM}Rank,Title,Even\r\n`);
    expect(chunks.join("")).toBe(toCsv(["Rank", "Title", "Even"], rows));
    expect([...csvChunks(["A"], [], 3)]).toEqual([`${CSV_BOM}A\r\n`]);
  });
});
