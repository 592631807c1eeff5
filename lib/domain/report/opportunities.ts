/**
 * International collaboration opportunities (report §6).
 *
 * - SHORTLISTED_OPPORTUNITIES: Table 1 (executive summary) = Table 6.2 "Shortlist – Opportunities
 *   by theme and technology", the 16 shortlisted technology opportunities and their countries.
 *   (In the text version Table 6.2 is mislabelled as a second "Table 6.1".)
 * - LONGLISTED_BY_COUNTRY: Table 6.1 "Distribution of longlisted opportunities by
 *   country/territory".
 *
 * Country codes are ISO 3166-1 alpha-2; "EU" stands for the European Union (see countries.ts).
 */

import type { ThemeId } from "./technology-domains";

export interface ShortlistedOpportunity {
  /** Stable kebab-case slug. */
  readonly id: string;
  /** The Table 4.1 domain the opportunity is about (the first of domainIds). */
  readonly domainId: string;
  /**
   * Every Table 4.1 domain the opportunity covers. Only "Data science and sensors" covers more than
   * one: Table 6.2 lists all three Table 4.1 rows of tech group (K) under it.
   */
  readonly domainIds: readonly string[];
  readonly theme: ThemeId;
  /** Title as written in Table 1. */
  readonly title: string;
  /** Title as written in Table 6.2 (sometimes shorter). */
  readonly table62Title: string;
  /** Table 6.2's description line(s) under the title, joined with "; " when several. */
  readonly description: string;
  /** Table 1 "Countries and territories shortlisted…" cell, verbatim. */
  readonly countriesAsWritten: string;
  /**
   * Country codes in report order. The first code is the country the executive summary counts
   * among the nine the shortlist "covers" (see SHORTLIST_LEAD_COUNTRIES).
   */
  readonly countries: readonly string[];
  /** Table 6.2 "Rationale – technology highlights" bullets, verbatim. */
  readonly rationale: readonly string[];
  readonly source: "Table 6.2";
}

/**
 * Table 1 "Scandinavian countries" (electric machines) is read as Denmark, Norway and Sweden, the
 * usual meaning of Scandinavia (Finland and Iceland are Nordic but not Scandinavian).
 */
export const SCANDINAVIAN_COUNTRY_CODES: readonly string[] = ["DK", "NO", "SE"];

/**
 * Table 1 / Table 6.2: the 16 shortlisted opportunities, in table order.
 *
 * Choices made:
 * - "The EU (France, Germany)" (Hydrogen: aerospace) is encoded as EU, FR and DE: the EU entry
 *   lets any member state match, and France and Germany are named explicitly.
 * - Additive manufacturing is under "other" as in Table 1 and Table 6.1; in the text version of
 *   Table 6.2 its row prints above the "Other…" theme label.
 * - Table 1 writes "…Japan and Singapore" for additive manufacturing, Table 6.2 "…Japan,
 *   Singapore"; the countries are the same.
 */
export const SHORTLISTED_OPPORTUNITIES: readonly ShortlistedOpportunity[] = [
  {
    id: "electric-machines",
    domainId: "power-electronics",
    domainIds: ["power-electronics"],
    theme: "net-zero",
    title: "Electric machines (including power electronics)",
    table62Title: "Electric machines",
    description: "Including power electronics, machines and drives (particularly in relation to propulsion and electrification of transport)",
    countriesAsWritten: "The EU, the US, Canada, Germany, the Netherlands, Singapore, India, Taiwan, Japan, South Korea, Scandinavian countries",
    countries: ["EU", "US", "CA", "DE", "NL", "SG", "IN", "TW", "JP", "KR", "DK", "NO", "SE"],
    rationale: [
      "Considered both an important enabler to support competitiveness in existing UK industries and an important sector to support the development of future industries.",
      "Numerous UK companies conducting electric traction machines and power-electronics-related research and development, including many SMEs.",
      "The UK counts with world-class engineering service providers and experience in manufacturing lower-power electric machine and power electronics.",
      "Irrespective of whether fuel-cell, plug-in-hybrid or battery electric vehicles dominate in the future, electric machine and power electronics will be required to convert their stored energy into motion.",
      "All vehicle manufacturers are seeking gains from next-generation power electronics systems.",
    ],
    source: "Table 6.2",
  },
  {
    id: "hydrogen-aerospace",
    domainId: "hydrogen-aerospace",
    domainIds: ["hydrogen-aerospace"],
    theme: "net-zero",
    title: "Hydrogen: aerospace",
    table62Title: "Hydrogen: aerospace",
    description: "Development of combustor systems and fuel tanks to allow the conversion of current aircraft configurations to hydrogen-powered variants",
    countriesAsWritten: "The EU (France, Germany), Switzerland, Japan, South Korea",
    countries: ["EU", "FR", "DE", "CH", "JP", "KR"],
    rationale: [
      "Considered an important technology domain to support the future competitiveness of the UK aviation sector: the UK aviation sector runs the risk of losing competitiveness if it does not adapt to new sustainable fuels, hydrogen and electrification trends.",
      "Opportunity to strengthen the UK's R&I capabilities in this area, in which other countries are leading.",
      "Hydrogen and electrified aviation to transform mobility is gaining momentum, and electrification is the most significant contributor to IP growth.",
      "By 2030 entirely new aviation markets will emerge, exploiting electrification and autonomy in the urban and sub-regional airspace.",
    ],
    source: "Table 6.2",
  },
  {
    id: "hydrogen-fuel-cells",
    domainId: "hydrogen-fuel-cells",
    domainIds: ["hydrogen-fuel-cells"],
    theme: "net-zero",
    title: "Hydrogen: fuel cells",
    table62Title: "Hydrogen: fuel cells",
    description: "Hydrogen fuel cells for transport (e.g. maritime, aerospace, rail, road vehicles, heavy-duty vehicles) and industrial applications",
    countriesAsWritten: "Germany, the US, Japan",
    countries: ["DE", "US", "JP"],
    rationale: [
      "Considered an important future industry where the UK has an opportunity to establish itself early on if R&I gaps are addressed appropriately.",
      "Three-quarters of the electrical energy storage and fuel-cell-related projects are being supported by external funding, which highlights the immaturity of the technology and the supply chain in the UK (BEIS – Advanced Propulsion Centre UK, Low Carbon Automotive Propulsion Technologies (2016)).",
    ],
    source: "Table 6.2",
  },
  {
    id: "batteries",
    domainId: "batteries",
    domainIds: ["batteries"],
    theme: "net-zero",
    title: "Batteries",
    table62Title: "Batteries",
    description: "Batteries for vehicles, consumer electronics, aviation and large-scale energy storage (lithium-ion, lithium-sulphur, lithium-metal, solid-state and non-lithium technologies) – improving battery lifespan and range, reuse, remanufacture and recycling",
    countriesAsWritten: "Germany, Canada, India, Israel, Switzerland, China, Australia, the US, Finland, Japan",
    countries: ["DE", "CA", "IN", "IL", "CH", "CN", "AU", "US", "FI", "JP"],
    rationale: [
      "Considered an important nascent industry with multiple applications in both transport electrification and energy system storage.",
      "The UK has strong R&I in high-energy battery technologies, and batteries for EVs (e.g. Faraday Battery Challenge).",
      "The UK's track record of attracting FDI in high-volume vehicle assembly plants serving the European market positions the UK strongly to attract vehicle-manufacturer-led traction battery system assembly as its mainstream products migrate to electrified powertrains.",
    ],
    source: "Table 6.2",
  },
  {
    id: "ccus",
    domainId: "ccus",
    domainIds: ["ccus"],
    theme: "net-zero",
    title: "Carbon capture, utilisation and storage (CCUS)",
    table62Title: "Carbon capture, utilisation and storage (CCUS)",
    description: "Application of carbon capture, utilisation and storage (CCUS) in industry, as well as design and manufacturing of CCUS systems and infrastructure",
    countriesAsWritten: "Germany, Japan, Australia, Finland, the US, China",
    countries: ["DE", "JP", "AU", "FI", "US", "CN"],
    rationale: [
      "Considered both an important enabler of competitiveness in existing industries (by applying CCU to meet their carbon targets) and an important future sector in its own right, where the UK has strong R&I investments and capabilities.",
      "Potential for the UK to be a world leader in CCUS, supporting long-term competitiveness, as a result of its accelerating progress.",
      "A number of CCUS strategic projects already running in the UK supported by the BEIS.",
    ],
    source: "Table 6.2",
  },
  {
    id: "ai-ml",
    domainId: "ai-ml",
    domainIds: ["ai-ml"],
    theme: "industrial-digitalisation",
    title: "AI and machine learning",
    table62Title: "AI and machine learning",
    description: "Artificial intelligence and machine learning -- programming and application",
    countriesAsWritten: "Singapore, Japan, Australia, Canada, Israel, Switzerland, China, Germany, South Korea, the US, Taiwan",
    countries: ["SG", "JP", "AU", "CA", "IL", "CH", "CN", "DE", "KR", "US", "TW"],
    rationale: [
      "Considered a key enabling technology for industrial digitalisation and a future sector with multiple applications beyond just manufacturing.",
      "The UK has the strongest AI and machine learning market in Europe, with over 200 SMEs in the field (compared to just 81 in Germany and 50 in both the Nordics and France) (Made Smarter Review, 2017).",
      "The application of AI in industry offers £198.7 billion in value at stake to the UK economy between 2017 and 2027 (Made Smarter Review, 2017).",
      "Thriving ecosystem of researchers, developers and investors in AI (Made Smarter Review, 2017).",
    ],
    source: "Table 6.2",
  },
  {
    id: "ar-vr",
    domainId: "ar-vr",
    domainIds: ["ar-vr"],
    theme: "industrial-digitalisation",
    title: "Augmented reality and virtual reality (AR/VR)",
    table62Title: "Augmented reality and virtual reality (AR/VR)",
    description: "Augmented reality/virtual reality for manufacturing applications",
    countriesAsWritten: "Switzerland, Japan, Singapore, Germany, South Korea",
    countries: ["CH", "JP", "SG", "DE", "KR"],
    rationale: [
      "Considered a key enabler of industrial digitalisation and an area in which the UK has strong R&I capabilities.",
      "The UK hosts a number of notable companies in the industrial VR/AR field, including Autodesk, Vortalis and Eon Reality, and it is this sector in which much of the future industrial value lies (Made Smarter Review, 2017).",
    ],
    source: "Table 6.2",
  },
  {
    id: "data-science-sensors",
    domainId: "data-analytics-visualisation",
    domainIds: ["data-analytics-visualisation", "data-science-database-management", "data-capture-sensors"],
    theme: "industrial-digitalisation",
    title: "Data science and sensors",
    table62Title: "Data science and sensors",
    description: "(Big) data analytics and visualisation; Data science and database management (and data governance); Data capture, management and sensors",
    countriesAsWritten: "Taiwan, Canada, Australia, Switzerland, Germany, Japan, South Korea",
    countries: ["TW", "CA", "AU", "CH", "DE", "JP", "KR"],
    rationale: [
      "Considered a key element of industrial digitalisation in existing sectors and an area where the UK has strong R&I capabilities.",
      "Strongly related to AI and ML learning opportunity",
    ],
    source: "Table 6.2",
  },
  {
    id: "digital-twins",
    domainId: "digital-twins",
    domainIds: ["digital-twins"],
    theme: "industrial-digitalisation",
    title: "Digital twins",
    table62Title: "Digital twins",
    description: "Digital twins and virtual testing of facilities and processes to optimise future designs or current states",
    countriesAsWritten: "India, the US, Singapore, Taiwan, France, Germany, Japan, South Korea, Estonia",
    countries: ["IN", "US", "SG", "TW", "FR", "DE", "JP", "KR", "EE"],
    rationale: [
      "Considered a key element of industrial digitalisation in existing sectors and an area where the UK has strong R&I capabilities.",
      "The UK has a strong combination of cutting-edge R&D and a number of high-performing sectors in the application of digitalisation in design, manufacturing and servitisation.",
      "Computer technology is the second top technology field in the UK patent publications of UK applicants for 2012–17.",
    ],
    source: "Table 6.2",
  },
  {
    id: "end-to-end-supply-chain-integration",
    domainId: "end-to-end-supply-chain-integration",
    domainIds: ["end-to-end-supply-chain-integration"],
    theme: "industrial-digitalisation",
    title: "End-to-end supply chain integration",
    table62Title: "End-to-end supply chain integration",
    description: "Digital end-to-end supply chain integration (digital thread)",
    countriesAsWritten: "Singapore, Canada, Australia, India, the US, Taiwan, Germany, Japan, South Korea, Estonia",
    countries: ["SG", "CA", "AU", "IN", "US", "TW", "DE", "JP", "KR", "EE"],
    rationale: [
      "Considered a key enabler of industrial digitalisation in existing manufacturing sectors and an area where the UK could learn from other countries to strengthen its R&I capabilities.",
    ],
    source: "Table 6.2",
  },
  {
    id: "industrial-cyber-security",
    domainId: "industrial-cyber-security",
    domainIds: ["industrial-cyber-security"],
    theme: "industrial-digitalisation",
    title: "Industrial cyber-security",
    table62Title: "Industrial cyber-security",
    description: "Cyber-security technologies",
    countriesAsWritten: "Israel, the US, Australia, Canada, Switzerland, Germany, Japan, Singapore, Estonia, China",
    countries: ["IL", "US", "AU", "CA", "CH", "DE", "JP", "SG", "EE", "CN"],
    rationale: [
      "Key enabler of digital manufacturing (and potential barrier for adoption) in existing sectors, as well as being a large future sector in itself.",
      "The UK perceived as a leading country in cyber-security R&I.",
    ],
    source: "Table 6.2",
  },
  {
    id: "additive-manufacturing",
    domainId: "additive-manufacturing",
    domainIds: ["additive-manufacturing"],
    theme: "other",
    title: "Additive manufacturing",
    table62Title: "Additive manufacturing",
    description: "Additive manufacturing (approved and right-first-time solutions)",
    countriesAsWritten: "The US, China, India, Switzerland, Australia, Germany, France, the Netherlands, Japan and Singapore",
    countries: ["US", "CN", "IN", "CH", "AU", "DE", "FR", "NL", "JP", "SG"],
    rationale: [
      "Considered a key area to support the competitiveness of existing manufacturing sectors and one in which the UK has strong R&I capabilities that can be leveraged to find complementary partners.",
      "Alignment with the UK's national strategy for developing the UK's additive manufacturing industry.",
      "The UK is a world leader in developing additive manufacturing (AM) and a pioneer of its commercialisation in medicine, aerospace and other industry sectors, with a well-established research community and manufacturing capability.",
    ],
    source: "Table 6.2",
  },
  {
    id: "bio-derived-materials-manufacturing",
    domainId: "bio-derived-materials-manufacturing",
    domainIds: ["bio-derived-materials-manufacturing"],
    theme: "other",
    title: "Bio-derived materials manufacturing",
    table62Title: "Bio-derived materials",
    description: "Bio-derived materials, including biomedical materials (“smart” biomaterials that improve health and well-being)",
    countriesAsWritten: "The US, Japan, India, France",
    countries: ["US", "JP", "IN", "FR"],
    rationale: [
      "Considered a key emerging area for manufacturing in which the UK needs to build stronger R&I capabilities and a critical mass of innovative businesses.",
      "The UK ranked fourth in the h-index for materials science generally, and specifically for biomaterials and nanoscience and nanotechnology, compared to its international peers, topped by the US, China and Germany, during 1996–2019.",
      "The UK exports biomaterials, composites and electronic and magnetic materials at a higher level than 50% turnover (Innovate UK, Materials landscaping study, 2018).",
      "However, biomaterials are among the weakest of the UK sub-sectors in terms of the number of companies, number of employees and turnover (Innovate UK, Materials landscaping study, 2018).",
    ],
    source: "Table 6.2",
  },
  {
    id: "graphene-2d-materials",
    domainId: "graphene-2d-materials",
    domainIds: ["graphene-2d-materials"],
    theme: "other",
    title: "Graphene & 2D materials",
    table62Title: "Graphene and 2D materials",
    description: "Graphene and other 2D materials (atomic thickness materials) for applications such as membranes for filtration and coatings, energy storage and functional composites",
    countriesAsWritten: "Germany, South Korea, Australia, Switzerland, China, the US, Denmark, Spain",
    countries: ["DE", "KR", "AU", "CH", "CN", "US", "DK", "ES"],
    rationale: [
      "Considered a key future area, with potential applications in multiple sectors where the UK is a trailblazer.",
      "Strong current government investment in graphene for applications such as improved energy storage in batteries and supercapacitors.",
    ],
    source: "Table 6.2",
  },
  {
    id: "quantum-systems-manufacturing",
    domainId: "quantum-systems-manufacturing",
    domainIds: ["quantum-systems-manufacturing"],
    theme: "other",
    title: "Quantum systems manufacturing",
    table62Title: "Quantum systems manufacturing",
    description: "Quantum computing (quantum-scale engineering) for new products and services of sectors, including automotive, healthcare, infrastructure, telecommunications, cyber-security and defence",
    countriesAsWritten: "Canada, Israel, Germany, Singapore, the US",
    countries: ["CA", "IL", "DE", "SG", "US"],
    rationale: [
      "Considered a key future industry, where the UK is in a good position to establish global leadership in developing innovative applications.",
      "UK universities have done groundbreaking work in quantum physics.",
      "The UK is one of the world’s major investors in quantum research (i.e. ESPRC).",
      "Quantum technologies are expected to have a big impact on the world’s largest markets, such as the £305.6-billion global semi-conductor industry and the £1.3-trillion oil and gas industry.",
    ],
    source: "Table 6.2",
  },
  {
    id: "synthetic-biology-manufacturing",
    domainId: "synthetic-biology-manufacturing",
    domainIds: ["synthetic-biology-manufacturing"],
    theme: "other",
    title: "Synthetic biology manufacturing",
    table62Title: "Synthetic biology manufacturing",
    description: "Processes to support applications in biopharma, carbon recycling, fashion and fabric, cosmetics, and food ingredients, among others",
    countriesAsWritten: "Singapore, India, Taiwan, the US, Israel, Japan, the EU",
    countries: ["SG", "IN", "TW", "US", "IL", "JP", "EU"],
    rationale: [
      "Considered a key emerging manufacturing sector, where the UK needs to strengthen its R&I position.",
      "Perceived need to invest in advanced bio-products manufacturing research translating breakthroughs in biology and synthetic biology.",
    ],
    source: "Table 6.2",
  },
];

/**
 * Executive summary: "The shortlist covers nine countries/territories (the US, Germany, Singapore,
 * Canada, Taiwan, Switzerland, Israel, India and the EU)". Table 1 names many more countries; the
 * nine are exactly the first-listed country of each of the 16 rows, which is how we read the
 * sentence (the lead partner country per opportunity).
 */
export const SHORTLIST_LEAD_COUNTRIES: readonly string[] = [
  "US", "DE", "SG", "CA", "TW", "CH", "IL", "IN", "EU",
];

export function findOpportunity(id: string | null | undefined): ShortlistedOpportunity | undefined {
  if (id == null) return undefined;
  return SHORTLISTED_OPPORTUNITIES.find((o) => o.id === id);
}

/** Shortlisted opportunities that cover a technology domain. */
export function opportunitiesForDomain(domainId: string): readonly ShortlistedOpportunity[] {
  return SHORTLISTED_OPPORTUNITIES.filter((o) => o.domainIds.includes(domainId));
}

// ---------------------------------------------------------------------------------------------
// Table 6.1 — longlist
// ---------------------------------------------------------------------------------------------

export interface LonglistEntry {
  /** Bullet text as written in Table 6.1. */
  readonly label: string;
  /** Table 6.1 column: net-zero manufacturing / industrial digitalisation… / other-general. */
  readonly column: ThemeId;
  /** Table 4.1 domains the bullet refers to ("Data science and sensors" → all three (K) rows). */
  readonly domainIds: readonly string[];
}

export interface LonglistedCountry {
  /** Country code; "EU" for the European Union. */
  readonly country: string;
  /** Row heading as written in Table 6.1. */
  readonly countryAsWritten: string;
  readonly entries: readonly LonglistEntry[];
  /** All domains longlisted for the country (flattened from entries, no duplicates). */
  readonly domainIds: readonly string[];
}

const DATA_SCIENCE_DOMAINS: readonly string[] = [
  "data-analytics-visualisation",
  "data-science-database-management",
  "data-capture-sensors",
];

function nz(label: string, ...domainIds: string[]): LonglistEntry {
  return { label, column: "net-zero", domainIds };
}
function dig(label: string, ...domainIds: string[]): LonglistEntry {
  return { label, column: "industrial-digitalisation", domainIds };
}
function oth(label: string, ...domainIds: string[]): LonglistEntry {
  return { label, column: "other", domainIds };
}
function row(country: string, countryAsWritten: string, entries: readonly LonglistEntry[]): LonglistedCountry {
  const domainIds: string[] = [];
  for (const e of entries) {
    for (const d of e.domainIds) if (!domainIds.includes(d)) domainIds.push(d);
  }
  return { country, countryAsWritten, entries, domainIds };
}

/**
 * Table 6.1: longlisted opportunities, 12 economies and the EU, in table order (54 bullets).
 * Bullet labels are verbatim; each is mapped to the Table 4.1 domain with that short name
 * ("Automation machine-building" = "Automation and machine-building", "Augmented and virtual
 * reality" = "AR and VR", "Hydrogen – aerospace" = "Hydrogen: aerospace", etc.).
 */
export const LONGLISTED_BY_COUNTRY: readonly LonglistedCountry[] = [
  row("AU", "Australia", [nz("Green hydrogen production", "green-hydrogen-production")]),
  row("CA", "Canada", [
    nz("Sustainable plastics", "sustainable-plastics"),
    dig("Data science and sensors", ...DATA_SCIENCE_DOMAINS),
    dig("End-to-end supply chain integration", "end-to-end-supply-chain-integration"),
    oth("Quantum systems manufacturing", "quantum-systems-manufacturing"),
  ]),
  row("CN", "China", [
    nz("Batteries", "batteries"),
    nz("Electric vehicles", "electric-vehicles"),
    dig("Robotics", "robotics"),
    oth("Bio-refinery processes", "bio-refinery-processes"),
    oth("Additive manufacturing", "additive-manufacturing"),
  ]),
  row("EU", "The EU", [
    nz("Hydrogen – aerospace", "hydrogen-aerospace"),
    nz("Power electronics", "power-electronics"),
  ]),
  row("DE", "Germany", [
    nz("Batteries", "batteries"),
    nz("CCUS", "ccus"),
    nz("Hydrogen – fuel cells", "hydrogen-fuel-cells"),
    dig("Materials informatics", "materials-informatics"),
    dig("IoT and IIoT", "iot-iiot"),
    dig("Digital systems integration", "digital-systems-integration"),
    dig("Predictive systems", "predictive-systems"),
    oth("High-performance computing", "high-performance-computing"),
    oth("Graphene and 2D materials", "graphene-2d-materials"),
  ]),
  row("IN", "India", [
    dig("Digital twins", "digital-twins"),
    oth("Synthetic biology manufacturing", "synthetic-biology-manufacturing"),
  ]),
  row("IL", "Israel", [
    dig("Industrial cyber-security", "industrial-cyber-security"),
    oth("Quantum systems manufacturing", "quantum-systems-manufacturing"),
  ]),
  row("JP", "Japan", [
    nz("Sustainable plastics", "sustainable-plastics"),
    nz("CCUS", "ccus"),
    nz("Green hydrogen production", "green-hydrogen-production"),
    dig("AI and machine learning", "ai-ml"),
    dig("Augmented and virtual reality", "ar-vr"),
    dig("Predictive systems", "predictive-systems"),
    oth("Bio-derived materials manufacturing", "bio-derived-materials-manufacturing"),
  ]),
  row("KR", "South Korea", [
    nz("Electric vehicles", "electric-vehicles"),
    dig("Automation machine-building", "automation-machine-building"),
    dig("Digital twins", "digital-twins"),
    oth("Bio-refinery processes", "bio-refinery-processes"),
    oth("High-performance computing", "high-performance-computing"),
    oth("Graphene and 2D materials", "graphene-2d-materials"),
  ]),
  row("SG", "Singapore", [
    dig("AI and machine learning", "ai-ml"),
    dig("Robotics", "robotics"),
    dig("End-to-end supply chain integration", "end-to-end-supply-chain-integration"),
    oth("Synthetic biology manufacturing", "synthetic-biology-manufacturing"),
  ]),
  row("CH", "Switzerland", [
    dig("Automation machine-building", "automation-machine-building"),
    dig("Augmented and virtual reality", "ar-vr"),
  ]),
  row("TW", "Taiwan", [
    dig("Data science and sensors", ...DATA_SCIENCE_DOMAINS),
    dig("IoT and IIoT", "iot-iiot"),
  ]),
  row("US", "The US", [
    nz("Hydrogen – aerospace", "hydrogen-aerospace"),
    nz("Hydrogen – fuel cells", "hydrogen-fuel-cells"),
    nz("Power electronics", "power-electronics"),
    dig("Materials informatics", "materials-informatics"),
    dig("Industrial cyber-security", "industrial-cyber-security"),
    dig("Digital systems integration", "digital-systems-integration"),
    oth("Bio-derived materials manufacturing", "bio-derived-materials-manufacturing"),
    oth("Additive manufacturing", "additive-manufacturing"),
  ]),
];

/** Longlisted country codes for a domain (Table 6.1), in table order. */
export function longlistedCountriesForDomain(domainId: string): readonly string[] {
  return LONGLISTED_BY_COUNTRY.filter((r) => r.domainIds.includes(domainId)).map((r) => r.country);
}
