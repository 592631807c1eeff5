import { describe, expect, it } from "vitest";
import { parseRouteId } from "@/lib/route-id";

describe("parseRouteId", () => {
  it("reads plain decimal ids", () => {
    expect(parseRouteId("1")).toBe(1);
    expect(parseRouteId("10")).toBe(10);
    expect(parseRouteId("9007199254740991")).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("refuses exponent, hex, binary and octal forms (so /proposals/1e1 never opens proposal 10)", () => {
    for (const raw of ["1e1", "1E1", "0x10", "0b1", "0o7", "Infinity", "NaN"]) expect(parseRouteId(raw)).toBeNull();
  });

  it("refuses signs, leading zeros, zero, decimals and whitespace", () => {
    for (const raw of ["+1", "-1", "01", "0", "00", "1.0", "1.", " 1", "1 ", "", "1\n", "١"]) expect(parseRouteId(raw)).toBeNull();
  });

  it("refuses ids beyond the safe integer range", () => {
    expect(parseRouteId("9007199254740992")).toBeNull();
    expect(parseRouteId("12345678901234567890")).toBeNull();
  });
});
