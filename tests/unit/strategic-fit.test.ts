import { describe, expect, it } from "vitest";
import { strategicFit } from "../../lib/domain/report";

describe("strategicFit", () => {
  it("marks a shortlisted technology–country pair (Table 6.2)", () => {
    const fit = strategicFit("hydrogen-fuel-cells", ["JP"]);
    expect(fit.level).toBe("shortlisted");
    expect(fit.matches).toEqual([
      { country: "JP", source: "Table 6.2", opportunityTitle: "Hydrogen: fuel cells" },
    ]);
  });

  it("marks a pair that is only longlisted (Table 6.1)", () => {
    // Table 6.1 longlists Hydrogen – aerospace for the US; Table 6.2 does not shortlist the US.
    const fit = strategicFit("hydrogen-aerospace", ["US"]);
    expect(fit.level).toBe("longlisted");
    expect(fit.matches).toEqual([{ country: "US", source: "Table 6.1" }]);
  });

  it("marks a longlisted domain that has no shortlisted opportunity at all", () => {
    expect(strategicFit("robotics", ["SG"]).level).toBe("longlisted");
    expect(strategicFit("robotics", ["DE"]).level).toBe("none");
  });

  it("returns none for a pair in neither table", () => {
    expect(strategicFit("remanufacturing", ["DE", "US", "JP"])).toEqual({
      level: "none",
      matches: [],
    });
    expect(strategicFit("batteries", ["BR"])).toEqual({ level: "none", matches: [] });
  });

  it("lets shortlisted win over longlisted and lists each partner once", () => {
    // Germany is both shortlisted (Table 6.2) and longlisted (Table 6.1) for batteries; China too.
    const fit = strategicFit("batteries", ["DE", "CN"]);
    expect(fit.level).toBe("shortlisted");
    expect(fit.matches.map((m) => [m.country, m.source])).toEqual([
      ["DE", "Table 6.2"],
      ["CN", "Table 6.2"],
    ]);
  });

  it("keeps the longlisted partners alongside a shortlisted one, shortlisted first", () => {
    // Hydrogen: aerospace — the US is longlisted only, Japan is shortlisted.
    const fit = strategicFit("hydrogen-aerospace", ["US", "JP"]);
    expect(fit.level).toBe("shortlisted");
    expect(fit.matches).toEqual([
      { country: "JP", source: "Table 6.2", opportunityTitle: "Hydrogen: aerospace" },
      { country: "US", source: "Table 6.1" },
    ]);
  });

  it("matches a partner in an EU member state to an opportunity listed for the EU", () => {
    // Synthetic biology manufacturing lists "the EU"; Italy is not named but is a member state.
    const fit = strategicFit("synthetic-biology-manufacturing", ["IT"]);
    expect(fit.level).toBe("shortlisted");
    expect(fit.matches).toEqual([
      {
        country: "IT",
        source: "Table 6.2",
        opportunityTitle: "Synthetic biology manufacturing",
        via: "EU",
      },
    ]);
  });

  it("matches EU members to an EU longlist entry only through membership, not Switzerland", () => {
    expect(strategicFit("synthetic-biology-manufacturing", ["CH"]).level).toBe("none");
    expect(strategicFit("power-electronics", ["PL"]).level).toBe("shortlisted");
  });

  it("does not mark a named member state as matched via the EU", () => {
    const fit = strategicFit("hydrogen-aerospace", ["FR"]);
    expect(fit.matches).toEqual([
      { country: "FR", source: "Table 6.2", opportunityTitle: "Hydrogen: aerospace" },
    ]);
  });

  it("never counts the UK as a partner country", () => {
    expect(strategicFit("batteries", ["GB"])).toEqual({ level: "none", matches: [] });
    expect(strategicFit("batteries", ["UK", "gb"])).toEqual({ level: "none", matches: [] });
    const fit = strategicFit("batteries", ["GB", "AU"]);
    expect(fit.matches.map((m) => m.country)).toEqual(["AU"]);
  });

  it("returns none without a domain", () => {
    expect(strategicFit(null, ["DE"])).toEqual({ level: "none", matches: [] });
    expect(strategicFit(undefined, ["DE"])).toEqual({ level: "none", matches: [] });
    expect(strategicFit("", ["DE"])).toEqual({ level: "none", matches: [] });
  });

  it("returns none for an unknown domain or no partners", () => {
    expect(strategicFit("no-such-domain", ["DE"]).level).toBe("none");
    expect(strategicFit("batteries", []).level).toBe("none");
  });

  it("treats the three data-science domains as the 'Data science and sensors' opportunity", () => {
    for (const id of [
      "data-analytics-visualisation",
      "data-science-database-management",
      "data-capture-sensors",
    ]) {
      const fit = strategicFit(id, ["TW"]);
      expect(fit.level).toBe("shortlisted");
      expect(fit.matches[0]?.opportunityTitle).toBe("Data science and sensors");
    }
  });

  it("normalises codes and ignores duplicates", () => {
    const fit = strategicFit("quantum-systems-manufacturing", [" ca", "CA", "il"]);
    expect(fit.matches.map((m) => m.country)).toEqual(["CA", "IL"]);
  });

  it("gives §6 additions no fit, as the report pairs them with no country", () => {
    expect(strategicFit("low-cost-nuclear", ["US", "FR"]).level).toBe("none");
  });

  it("maps 'Scandinavian countries' to Denmark, Norway and Sweden, not Finland", () => {
    expect(strategicFit("power-electronics", ["NO"]).level).toBe("shortlisted");
    // Finland is an EU member, so it still matches electric machines through the EU entry.
    expect(strategicFit("power-electronics", ["FI"]).matches[0]?.via).toBe("EU");
  });
});
