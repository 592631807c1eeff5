import { describe, expect, it } from "vitest";
import { matchesFilters, portfolioBalance, portfolioFacts, type BalanceItem, type PortfolioFacts } from "../../lib/domain/portfolio";
import { normaliseAnswers } from "../../lib/domain/proposal/normalise";

const facts = (overrides: Partial<PortfolioFacts> = {}): PortfolioFacts => ({
  domainId: "hydrogen-fuel-cells",
  themeId: "net-zero",
  rdCategory: "production-technology",
  partnerCountries: ["DE"],
  fit: "shortlisted",
  ...overrides,
});

describe("portfolioFacts", () => {
  it("derives theme, partner countries (without the UK) and strategic fit from the answers", () => {
    const answers = normaliseAnswers({
      project: { domainId: "hydrogen-fuel-cells", rdCategory: "challenge-led" },
      consortium: {
        partners: [
          { organisation: "A", country: "DE" },
          { organisation: "B", country: "GB" },
          { organisation: "C", country: "DE" },
          { organisation: "D", country: "JP" },
        ],
      },
    });
    expect(portfolioFacts(answers)).toEqual({
      domainId: "hydrogen-fuel-cells",
      themeId: "net-zero",
      rdCategory: "challenge-led",
      partnerCountries: ["DE", "JP"],
      fit: "shortlisted",
    });
  });

  it("has no theme when no technology domain is given", () => {
    const f = portfolioFacts(normaliseAnswers({}));
    expect(f.themeId).toBeNull();
    expect(f.domainId).toBeNull();
    expect(f.fit).toBe("none");
  });
});

describe("matchesFilters", () => {
  it("matches everything when no filter is set", () => {
    expect(matchesFilters(facts(), {})).toBe(true);
  });

  it("filters by theme, domain, partner country and R&D category", () => {
    expect(matchesFilters(facts(), { theme: "net-zero" })).toBe(true);
    expect(matchesFilters(facts(), { theme: "other" })).toBe(false);
    expect(matchesFilters(facts(), { domain: "hydrogen-fuel-cells" })).toBe(true);
    expect(matchesFilters(facts(), { domain: "batteries" })).toBe(false);
    expect(matchesFilters(facts({ partnerCountries: ["DE", "JP"] }), { country: "jp" })).toBe(true);
    expect(matchesFilters(facts(), { country: "US" })).toBe(false);
    expect(matchesFilters(facts(), { rdCategory: "production-technology" })).toBe(true);
    expect(matchesFilters(facts(), { rdCategory: "cross-cutting" })).toBe(false);
  });

  it("filters by strategic fit, where 'listed' means shortlisted or longlisted", () => {
    expect(matchesFilters(facts({ fit: "longlisted" }), { fit: "listed" })).toBe(true);
    expect(matchesFilters(facts({ fit: "shortlisted" }), { fit: "listed" })).toBe(true);
    expect(matchesFilters(facts({ fit: "none" }), { fit: "listed" })).toBe(false);
    expect(matchesFilters(facts({ fit: "none" }), { fit: "none" })).toBe(true);
    expect(matchesFilters(facts({ fit: "longlisted" }), { fit: "shortlisted" })).toBe(false);
  });

  it("needs every filter to match", () => {
    expect(matchesFilters(facts(), { theme: "net-zero", country: "US" })).toBe(false);
  });
});

describe("portfolioBalance", () => {
  const item = (overrides: Partial<BalanceItem>): BalanceItem => ({ ...facts(), grantRequested: 100, withinBudget: false, ...overrides });

  it("counts proposals and the grant within budget by theme, R&D category and country", () => {
    const balance = portfolioBalance([
      item({ withinBudget: true, grantRequested: 300, partnerCountries: ["DE", "JP"] }),
      item({ withinBudget: false, grantRequested: 500, partnerCountries: ["JP"] }),
      item({ themeId: "other", rdCategory: "cross-cutting", withinBudget: true, grantRequested: 200, partnerCountries: ["US"] }),
    ]);
    expect(balance.themes.find((r) => r.key === "net-zero")).toMatchObject({ proposals: 2, withinBudget: 1, grantWithinBudget: 300 });
    expect(balance.themes.find((r) => r.key === "other")).toMatchObject({ proposals: 1, withinBudget: 1, grantWithinBudget: 200 });
    // Every theme and category shows, even with no proposals.
    expect(balance.themes.find((r) => r.key === "industrial-digitalisation")).toMatchObject({ proposals: 0 });
    expect(balance.rdCategories).toHaveLength(5);
    expect(balance.rdCategories.find((r) => r.key === "manufacturability")).toMatchObject({ proposals: 0 });
    // A proposal counts once in each of its partner countries; most proposals first.
    expect(balance.countries.map((r) => [r.label, r.proposals, r.withinBudget])).toEqual([
      ["Japan", 2, 1],
      ["Germany", 1, 1],
      ["United States", 1, 1],
    ]);
  });

  it("groups proposals without a domain or category apart", () => {
    const balance = portfolioBalance([item({ themeId: null, rdCategory: null, domainId: null })]);
    expect(balance.themes.at(-1)).toMatchObject({ key: "none", proposals: 1 });
    expect(balance.rdCategories.at(-1)).toMatchObject({ key: "none", proposals: 1 });
  });
});
