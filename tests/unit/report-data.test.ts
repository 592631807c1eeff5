import { describe, expect, it } from "vitest";
import {
  COUNTRIES,
  EU_MEMBER_CODES,
  FUTURE_PRIORITY_DOMAINS,
  KNOW_HOW_RISKS,
  LONGLISTED_BY_COUNTRY,
  MOTIVATIONS,
  NATIONAL_CONTEXT_FACTORS,
  PRIORITISATION_CRITERIA,
  RD_CATEGORIES,
  SECTION_6_FUTURE_SUGGESTIONS,
  SHORTLIST_LEAD_COUNTRIES,
  SHORTLISTED_OPPORTUNITIES,
  TABLE_4_1_DOMAINS,
  TECH_GROUPS,
  TECHNOLOGY_DOMAINS,
  THEMES,
  VALUE_CAPTURE_PATHWAYS,
  VALUE_CAPTURE_PERSPECTIVES,
  WIN_WIN_PRINCIPLES,
  countryName,
  findCountry,
  findDomain,
  findOpportunity,
  isEuMember,
  longlistedCountriesForDomain,
  opportunitiesForDomain,
} from "../../lib/domain/report";

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function domain(id: string) {
  const d = findDomain(id);
  if (d === undefined) throw new Error(`unknown domain ${id}`);
  return d;
}

function opportunity(id: string) {
  const o = findOpportunity(id);
  if (o === undefined) throw new Error(`unknown opportunity ${id}`);
  return o;
}

function longlistRow(code: string) {
  const r = LONGLISTED_BY_COUNTRY.find((row) => row.country === code);
  if (r === undefined) throw new Error(`no longlist row for ${code}`);
  return r;
}

describe("Table 4.1 technology domains", () => {
  it("has exactly 33 domains, all from Table 4.1", () => {
    expect(TABLE_4_1_DOMAINS).toHaveLength(33);
    for (const d of TABLE_4_1_DOMAINS) expect(d.source).toBe("Table 4.1");
  });

  it("gives every selectable domain a unique kebab-case id", () => {
    const ids = TECHNOLOGY_DOMAINS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(KEBAB);
  });

  it("splits the 33 domains 11 / 14 / 8 across the three themes", () => {
    const count = (theme: string) => TABLE_4_1_DOMAINS.filter((d) => d.theme === theme).length;
    expect(count("net-zero")).toBe(11);
    expect(count("industrial-digitalisation")).toBe(14);
    expect(count("other")).toBe(8);
  });

  it("uses the 18 tech groups (A)–(R), each domain's group belonging to its theme", () => {
    expect(TECH_GROUPS.map((g) => g.code).join("")).toBe("ABCDEFGHIJKLMNOPQR");
    for (const d of TABLE_4_1_DOMAINS) {
      const group = TECH_GROUPS.find((g) => g.code === d.techGroupCode);
      expect(group?.name).toBe(d.techGroup);
      expect(group?.theme).toBe(d.theme);
    }
    const used = new Set(TABLE_4_1_DOMAINS.map((d) => d.techGroupCode));
    expect(used.size).toBe(18);
  });

  it("pairs domains with their tech group and theme as in the table", () => {
    expect(domain("batteries")).toMatchObject({
      techGroup: "Energy storage",
      techGroupCode: "A",
      theme: "net-zero",
      shortName: "Batteries",
    });
    expect(domain("ccus").techGroup).toBe("Greenhouse-gas removal (GGR) technologies");
    expect(domain("autonomous-vehicles")).toMatchObject({
      techGroup: "Future transport",
      shortName: "Autonomous vehicles",
      longName:
        "Connected and autonomous vehicles (CAV) – demonstration, safety validation, insurance and service models",
    });
    expect(domain("hydrogen-aerospace").techGroup).toBe("Hydrogen");
    expect(domain("green-hydrogen-production").techGroup).toBe("Hydrogen");
    expect(domain("hydrogen-vehicles").techGroup).toBe("Low-carbon transport");
    expect(domain("robotics").techGroup).toBe("Automation");
    expect(domain("digital-twins").techGroup).toBe("Digital");
    expect(domain("end-to-end-supply-chain-integration")).toMatchObject({
      techGroup: "System integration",
      shortName: "End-to-end SC integration",
      longName: "Digital end-to-end supply chain integration (digital thread)",
    });
    expect(domain("predictive-systems").longName).toBe("Predictive, self-reconfiguring system");
    expect(domain("quantum-systems-manufacturing")).toMatchObject({
      techGroup: "High-performance computing",
      theme: "other",
    });
    expect(domain("laser-based-processes")).toMatchObject({
      techGroup: "Production technology",
      longName: "Laser-based manufacturing processes",
    });
    expect(domain("graphene-2d-materials")).toMatchObject({
      techGroup: "Advanced materials",
      techGroupCode: "R",
      theme: "other",
    });
    expect(domain("materials-informatics")).toMatchObject({
      techGroup: "Advanced materials",
      techGroupCode: "H",
    });
    expect(domain("ai-ml").longName).toBe(
      "Artificial intelligence and machine learning -- programming and application",
    );
  });

  it("keeps the report's shared short name for the three data-science rows", () => {
    const dataScience = TABLE_4_1_DOMAINS.filter((d) => d.shortName === "Data science and sensors");
    expect(dataScience.map((d) => d.longName)).toEqual([
      "(Big) data analytics and visualisation",
      "Data science and database management (and data governance)",
      "Data capture, management and sensors",
    ]);
  });

  it("records the selection-rationale ticks", () => {
    expect(domain("batteries").selectionRationale).toEqual({
      enhanceExistingIndustries: true,
      supportFutureIndustries: true,
      supportCurrentStrength: true,
      addressCurrentWeakness: false,
    });
    expect(domain("remanufacturing").selectionRationale).toEqual({
      enhanceExistingIndustries: false,
      supportFutureIndustries: true,
      supportCurrentStrength: false,
      addressCurrentWeakness: true,
    });
    expect(domain("quantum-systems-manufacturing").selectionRationale).toEqual({
      enhanceExistingIndustries: false,
      supportFutureIndustries: true,
      supportCurrentStrength: true,
      addressCurrentWeakness: false,
    });
    for (const d of TABLE_4_1_DOMAINS) {
      const r = d.selectionRationale;
      expect(r).not.toBeNull();
      if (r === null) continue;
      // Every row has a tick under both headings: industrial competitiveness and R&I excellence.
      expect(r.enhanceExistingIndustries || r.supportFutureIndustries).toBe(true);
      expect(r.supportCurrentStrength || r.addressCurrentWeakness).toBe(true);
    }
  });

  it("has three themes and finds domains by id", () => {
    expect(THEMES.map((t) => t.id)).toEqual(["net-zero", "industrial-digitalisation", "other"]);
    expect(findDomain("no-such-domain")).toBeUndefined();
    expect(findDomain(null)).toBeUndefined();
  });
});

describe("§6 technologies suggested for future prioritisation", () => {
  it("records all seven suggestions, three on existing domains and four as additions", () => {
    expect(SECTION_6_FUTURE_SUGGESTIONS).toHaveLength(7);
    expect(FUTURE_PRIORITY_DOMAINS).toHaveLength(4);
    expect(TECHNOLOGY_DOMAINS).toHaveLength(37);
    for (const s of SECTION_6_FUTURE_SUGGESTIONS) {
      const d = domain(s.domainId);
      expect(d.suggestedForFuture).toBe(true);
      expect(d.futureSuggestionText).toBe(s.text);
    }
  });

  it("marks existing Table 4.1 domains that §6 suggests", () => {
    const marked = TABLE_4_1_DOMAINS.filter((d) => d.suggestedForFuture).map((d) => d.id);
    expect(marked.sort()).toEqual(
      ["automation-machine-building", "digital-systems-integration", "green-hydrogen-production"].sort(),
    );
  });

  it("adds the others as §6 entries", () => {
    expect(FUTURE_PRIORITY_DOMAINS.map((d) => d.longName)).toEqual([
      "Low-cost nuclear – small modular reactor design, manufacturing and operation",
      "Hydrogen distribution systems, transport and storage",
      "Smart grids for electricity distribution",
      "Sustainable materials beyond composites",
    ]);
    for (const d of FUTURE_PRIORITY_DOMAINS) {
      expect(d.source).toBe("§6");
      expect(d.suggestedForFuture).toBe(true);
      expect(d.selectionRationale).toBeNull();
    }
  });
});

describe("countries", () => {
  it("lists all 249 ISO 3166-1 entries once, with two-letter upper-case codes", () => {
    expect(COUNTRIES).toHaveLength(249);
    const codes = COUNTRIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(249);
    for (const c of codes) expect(c).toMatch(/^[A-Z]{2}$/);
    expect(codes).not.toContain("EU");
  });

  it("names the UK, Taiwan, South Korea and the US as users expect", () => {
    expect(findCountry("GB")?.name).toBe("United Kingdom");
    expect(findCountry("tw")?.name).toBe("Taiwan");
    expect(countryName("KR")).toBe("South Korea");
    expect(countryName("US")).toBe("United States");
    expect(findCountry("EU")?.name).toBe("European Union");
    expect(findCountry("XX")).toBeUndefined();
  });

  it("has the 27 EU member states, all real countries, without the UK", () => {
    expect(EU_MEMBER_CODES).toHaveLength(27);
    expect(new Set(EU_MEMBER_CODES).size).toBe(27);
    for (const code of EU_MEMBER_CODES) expect(findCountry(code)).toBeDefined();
    expect(isEuMember("FR")).toBe(true);
    expect(isEuMember("gr")).toBe(true);
    expect(isEuMember("GB")).toBe(false);
    expect(isEuMember("CH")).toBe(false);
    expect(isEuMember("NO")).toBe(false);
  });
});

describe("Table 1 / Table 6.2 shortlisted opportunities", () => {
  it("has 16 opportunities, 5 / 6 / 5 by theme", () => {
    expect(SHORTLISTED_OPPORTUNITIES).toHaveLength(16);
    const count = (theme: string) =>
      SHORTLISTED_OPPORTUNITIES.filter((o) => o.theme === theme).length;
    expect(count("net-zero")).toBe(5);
    expect(count("industrial-digitalisation")).toBe(6);
    expect(count("other")).toBe(5);
    for (const o of SHORTLISTED_OPPORTUNITIES) expect(o.source).toBe("Table 6.2");
  });

  it("keeps Table 1 titles in table order", () => {
    expect(SHORTLISTED_OPPORTUNITIES.map((o) => o.title)).toEqual([
      "Electric machines (including power electronics)",
      "Hydrogen: aerospace",
      "Hydrogen: fuel cells",
      "Batteries",
      "Carbon capture, utilisation and storage (CCUS)",
      "AI and machine learning",
      "Augmented reality and virtual reality (AR/VR)",
      "Data science and sensors",
      "Digital twins",
      "End-to-end supply chain integration",
      "Industrial cyber-security",
      "Additive manufacturing",
      "Bio-derived materials manufacturing",
      "Graphene & 2D materials",
      "Quantum systems manufacturing",
      "Synthetic biology manufacturing",
    ]);
  });

  it("refers only to known domains and known countries", () => {
    for (const o of SHORTLISTED_OPPORTUNITIES) {
      expect(o.id).toMatch(KEBAB);
      expect(o.domainIds[0]).toBe(o.domainId);
      for (const id of o.domainIds) {
        expect(findDomain(id)?.source).toBe("Table 4.1");
        expect(findDomain(id)?.theme).toBe(o.theme);
      }
      for (const c of o.countries) expect(findCountry(c)).toBeDefined();
      expect(new Set(o.countries).size).toBe(o.countries.length);
      expect(o.rationale.length).toBeGreaterThan(0);
    }
    const ids = SHORTLISTED_OPPORTUNITIES.map((o) => o.id);
    expect(new Set(ids).size).toBe(16);
  });

  it("pairs technologies with the report's countries", () => {
    expect(opportunity("hydrogen-fuel-cells").countries).toEqual(["DE", "US", "JP"]);
    expect(opportunity("hydrogen-fuel-cells").countriesAsWritten).toBe("Germany, the US, Japan");
    expect(opportunity("bio-derived-materials-manufacturing").countries).toEqual([
      "US",
      "JP",
      "IN",
      "FR",
    ]);
    expect(opportunity("quantum-systems-manufacturing").countries).toEqual([
      "CA",
      "IL",
      "DE",
      "SG",
      "US",
    ]);
    expect(opportunity("graphene-2d-materials").countriesAsWritten).toBe(
      "Germany, South Korea, Australia, Switzerland, China, the US, Denmark, Spain",
    );
    expect(opportunity("graphene-2d-materials").countries).toEqual([
      "DE",
      "KR",
      "AU",
      "CH",
      "CN",
      "US",
      "DK",
      "ES",
    ]);
    expect(opportunity("batteries").countries).toEqual([
      "DE",
      "CA",
      "IN",
      "IL",
      "CH",
      "CN",
      "AU",
      "US",
      "FI",
      "JP",
    ]);
    expect(opportunity("synthetic-biology-manufacturing").countries).toEqual([
      "SG",
      "IN",
      "TW",
      "US",
      "IL",
      "JP",
      "EU",
    ]);
    expect(opportunity("industrial-cyber-security").countries).toHaveLength(10);
    expect(opportunity("industrial-cyber-security").countries).toContain("EE");
    expect(opportunity("ai-ml").countries).toHaveLength(11);
    expect(opportunity("digital-twins").countries).toHaveLength(9);
  });

  it("encodes 'The EU (France, Germany)' and 'Scandinavian countries'", () => {
    expect(opportunity("hydrogen-aerospace").countries).toEqual(["EU", "FR", "DE", "CH", "JP", "KR"]);
    const em = opportunity("electric-machines");
    expect(em.domainId).toBe("power-electronics");
    expect(em.countries.slice(0, 10)).toEqual([
      "EU",
      "US",
      "CA",
      "DE",
      "NL",
      "SG",
      "IN",
      "TW",
      "JP",
      "KR",
    ]);
    expect(em.countries.slice(10)).toEqual(["DK", "NO", "SE"]);
  });

  it("maps 'Data science and sensors' to all three data-science domains", () => {
    expect(opportunity("data-science-sensors").domainIds).toEqual([
      "data-analytics-visualisation",
      "data-science-database-management",
      "data-capture-sensors",
    ]);
    expect(opportunitiesForDomain("data-capture-sensors").map((o) => o.id)).toEqual([
      "data-science-sensors",
    ]);
  });

  it("has as first-listed countries exactly the nine the executive summary says the shortlist covers", () => {
    const leads = new Set(SHORTLISTED_OPPORTUNITIES.map((o) => o.countries[0]));
    expect([...leads].sort()).toEqual([...SHORTLIST_LEAD_COUNTRIES].sort());
    expect(SHORTLIST_LEAD_COUNTRIES).toHaveLength(9);
  });

  it("quotes Table 6.2 rationale", () => {
    expect(opportunity("additive-manufacturing").rationale).toContain(
      "Alignment with the UK's national strategy for developing the UK's additive manufacturing industry.",
    );
    expect(opportunity("synthetic-biology-manufacturing").description).toBe(
      "Processes to support applications in biopharma, carbon recycling, fashion and fabric, cosmetics, and food ingredients, among others",
    );
  });
});

describe("Table 6.1 longlisted opportunities", () => {
  it("covers 12 economies and the EU, in table order", () => {
    expect(LONGLISTED_BY_COUNTRY.map((r) => r.country)).toEqual([
      "AU",
      "CA",
      "CN",
      "EU",
      "DE",
      "IN",
      "IL",
      "JP",
      "KR",
      "SG",
      "CH",
      "TW",
      "US",
    ]);
  });

  it("has 54 bullets with the report's per-country counts", () => {
    const counts = Object.fromEntries(LONGLISTED_BY_COUNTRY.map((r) => [r.country, r.entries.length]));
    expect(counts).toEqual({
      AU: 1,
      CA: 4,
      CN: 5,
      EU: 2,
      DE: 9,
      IN: 2,
      IL: 2,
      JP: 7,
      KR: 6,
      SG: 4,
      CH: 2,
      TW: 2,
      US: 8,
    });
    const total = LONGLISTED_BY_COUNTRY.reduce((n, r) => n + r.entries.length, 0);
    expect(total).toBe(54);
  });

  it("refers only to known Table 4.1 domains, in the column of their theme", () => {
    for (const r of LONGLISTED_BY_COUNTRY) {
      expect(findCountry(r.country)).toBeDefined();
      for (const e of r.entries) {
        expect(e.domainIds.length).toBeGreaterThan(0);
        for (const id of e.domainIds) {
          expect(findDomain(id)?.source).toBe("Table 4.1");
          expect(findDomain(id)?.theme).toBe(e.column);
        }
      }
      expect(new Set(r.domainIds).size).toBe(r.domainIds.length);
    }
  });

  it("pairs countries with the report's technologies", () => {
    expect(longlistRow("AU").entries.map((e) => e.label)).toEqual(["Green hydrogen production"]);
    expect(longlistRow("EU").domainIds).toEqual(["hydrogen-aerospace", "power-electronics"]);
    expect(longlistRow("DE").entries.map((e) => e.label)).toEqual([
      "Batteries",
      "CCUS",
      "Hydrogen – fuel cells",
      "Materials informatics",
      "IoT and IIoT",
      "Digital systems integration",
      "Predictive systems",
      "High-performance computing",
      "Graphene and 2D materials",
    ]);
    expect(longlistRow("CH").domainIds).toEqual(["automation-machine-building", "ar-vr"]);
    expect(longlistRow("KR").domainIds).toContain("bio-refinery-processes");
    expect(longlistRow("US").domainIds).toEqual([
      "hydrogen-aerospace",
      "hydrogen-fuel-cells",
      "power-electronics",
      "materials-informatics",
      "industrial-cyber-security",
      "digital-systems-integration",
      "bio-derived-materials-manufacturing",
      "additive-manufacturing",
    ]);
    expect(longlistRow("TW").domainIds).toEqual([
      "data-analytics-visualisation",
      "data-science-database-management",
      "data-capture-sensors",
      "iot-iiot",
    ]);
    expect(longlistedCountriesForDomain("quantum-systems-manufacturing")).toEqual(["CA", "IL"]);
    expect(longlistedCountriesForDomain("electric-vehicles")).toEqual(["CN", "KR"]);
  });
});

describe("§2 principles, motivations and prioritisation criteria", () => {
  it("has the five win-win principles in report order", () => {
    expect(WIN_WIN_PRINCIPLES.map((p) => p.key)).toEqual([
      "reciprocity",
      "transparency",
      "accountability",
      "equity",
      "long-term-perspective",
    ]);
    expect(WIN_WIN_PRINCIPLES[4]?.title).toBe("Long-term perspective");
    expect(WIN_WIN_PRINCIPLES[2]?.description).toBe(
      "Monitoring and evaluation of collaboration programmes are needed to measure and understand pathways to impact and improve the economic and social benefits derived from public investment.",
    );
  });

  it("has the five Table 2.1 motivations", () => {
    expect(MOTIVATIONS.map((m) => m.title)).toEqual([
      "Research and innovation excellence",
      "Economic competitiveness",
      "Grand challenges",
      "Diplomacy",
      "Additionality",
    ]);
    expect(MOTIVATIONS[0]?.accessTo).toHaveLength(6);
    expect(MOTIVATIONS[3]?.items).toContain("Defence and security priorities");
  });

  it("has the five Table 2.2 criteria with their sub-questions", () => {
    expect(PRIORITISATION_CRITERIA.map((c) => c.key)).toEqual([
      "ri-excellence",
      "economic-competitiveness",
      "grand-challenges",
      "additionality",
      "feasibility",
    ]);
    expect(PRIORITISATION_CRITERIA.map((c) => c.subQuestions.length)).toEqual([4, 6, 2, 3, 3]);
    expect(PRIORITISATION_CRITERIA.filter((c) => c.group === "opportunity")).toHaveLength(4);
    const feasibility = PRIORITISATION_CRITERIA[4];
    expect(feasibility?.description).toBe("The viability of implementing collaboration in practice");
    expect(feasibility?.subQuestions).toEqual([
      "Does collaboration build on a previous track record of success?",
      "Are resources and appropriate institutions available in the partner country?",
      "Is there a long-term commitment to funding?",
    ]);
    expect(PRIORITISATION_CRITERIA[1]?.subQuestions).toContain(
      "Does it have the potential to attract foreign direct investment to the UK?",
    );
    expect(PRIORITISATION_CRITERIA.map((c) => c.key)).not.toContain("diplomacy");
  });
});

describe("§7 value capture, R&D categories and national context", () => {
  it("has the four Table 7.1 perspectives with their bullets", () => {
    expect(VALUE_CAPTURE_PERSPECTIVES.map((p) => p.key)).toEqual([
      "workforce-skills",
      "supply-chain",
      "manufacturing-process",
      "technology",
    ]);
    expect(VALUE_CAPTURE_PERSPECTIVES.map((p) => [p.valueCreationItems.length, p.valueCaptureItems.length])).toEqual([
      [2, 2],
      [1, 5],
      [3, 5],
      [3, 2],
    ]);
    expect(VALUE_CAPTURE_PERSPECTIVES[3]?.valueCaptureItems).toEqual([
      "Technology patenting and licensing",
      "Generation of R&D jobs",
    ]);
    expect(VALUE_CAPTURE_PERSPECTIVES[3]?.valueCapture).toBe(
      "Technology patenting and licensing; Generation of R&D jobs",
    );
    expect(VALUE_CAPTURE_PERSPECTIVES[2]?.valueCaptureItems).toContain(
      "Manufacturing intellectual property creation",
    );
  });

  it("has the three §7.1 know-how risks", () => {
    expect(KNOW_HOW_RISKS.map((r) => r.key)).toEqual([
      "scale-up-abroad",
      "unclear-ip",
      "partner-benefits-more",
    ]);
    expect(KNOW_HOW_RISKS[1]?.description).toBe(
      "intellectual property agreements are not clearly defined or adhered to",
    );
  });

  it("has six value-capture pathways, three of them named in the report", () => {
    expect(VALUE_CAPTURE_PATHWAYS.map((p) => p.key)).toEqual([
      "ip-creation",
      "workforce-skills",
      "domestic-manufacture",
      "supply-chain-adoption",
      "uk-jobs",
      "standards",
    ]);
    expect(VALUE_CAPTURE_PATHWAYS.filter((p) => p.namedInReport).map((p) => p.key)).toEqual([
      "ip-creation",
      "workforce-skills",
      "domestic-manufacture",
    ]);
    for (const p of VALUE_CAPTURE_PATHWAYS) expect(p.reportText.length).toBeGreaterThan(0);
  });

  it("has the five §7.3 R&D categories", () => {
    expect(RD_CATEGORIES.map((c) => c.key)).toEqual([
      "production-technology",
      "manufacturability",
      "challenge-led",
      "manufacturing-enabling",
      "cross-cutting",
    ]);
    expect(RD_CATEGORIES[3]?.examples).toEqual(["Metrology", "Simulation", "Modelling"]);
    expect(RD_CATEGORIES[4]?.examples).toContain("Engineering design");
  });

  it("has the §7.4 national-context factors", () => {
    expect(NATIONAL_CONTEXT_FACTORS.map((f) => f.key)).toEqual([
      "trust",
      "track-record",
      "understanding-context",
      "partner-funding",
      "trl-alignment",
    ]);
    expect(NATIONAL_CONTEXT_FACTORS.find((f) => f.key === "trl-alignment")?.text).toContain(
      "at TRL levels of interest to Innovate UK",
    );
  });
});
