/**
 * Technology domains from the report "International Benchmarking: Advanced Manufacturing and
 * Materials" (Policy Links, IfM Engage, for Innovate UK, 2021).
 *
 * - TABLE_4_1_DOMAINS: Table 4.1 "Technology domains selected to explore opportunities for
 *   international research and innovation cooperation" (33 rows).
 * - FUTURE_PRIORITY_DOMAINS: §6 (end of section), "technologies that could also be prioritised in
 *   the future" which are NOT already among the 33.
 *
 * Pure data, no I/O.
 */

/** Stable theme keys. Names follow Table 1; Table 4.1 and Table 6.1 use shorter labels. */
export type ThemeId = "net-zero" | "industrial-digitalisation" | "other";

export interface Theme {
  readonly id: ThemeId;
  /** Table 1 / Table 6.2 wording. */
  readonly name: string;
  /** Table 4.1 wording. */
  readonly table41Name: string;
  /** Table 6.1 column heading. */
  readonly table61Name: string;
}

/** Themes of Table 1, Table 4.1, Table 6.1 and Table 6.2 (footnote 35 explains the fourth, "other"). */
export const THEMES: readonly Theme[] = [
  {
    id: "net-zero",
    name: "Net zero",
    table41Name: "Net zero",
    table61Name: "Net-zero manufacturing",
  },
  {
    id: "industrial-digitalisation",
    name: "Industrial digitalisation and supply chain resilience",
    table41Name: "Industrial digitalisation and supply chain resilience",
    table61Name: "Industrial digitalisation and supply chain resilience",
  },
  {
    id: "other",
    name: "Other advanced manufacturing and materials thematic priorities",
    table41Name: "Other M&M thematic priorities",
    table61Name: "Other/general",
  },
];

export function findTheme(id: string | null | undefined): Theme | undefined {
  if (id == null) return undefined;
  return THEMES.find((t) => t.id === id);
}

/** Table 4.1 "Tech group" column, (A)–(R). Names converted from the table's capitals to sentence case. */
export interface TechGroup {
  readonly code: string;
  readonly name: string;
  readonly theme: ThemeId;
}

/** Table 4.1, "Tech group" column. */
export const TECH_GROUPS: readonly TechGroup[] = [
  { code: "A", name: "Energy storage", theme: "net-zero" },
  { code: "B", name: "Circular economy", theme: "net-zero" },
  { code: "C", name: "Future transport", theme: "net-zero" },
  { code: "D", name: "Greenhouse-gas removal (GGR) technologies", theme: "net-zero" },
  { code: "E", name: "Hydrogen", theme: "net-zero" },
  { code: "F", name: "Low-carbon transport", theme: "net-zero" },
  { code: "G", name: "Power electronics", theme: "net-zero" },
  // Ambiguity: in the text version of Table 4.1 row (H) sits above the "Industrial
  // digitalisation and supply chain resilience" theme label, so it could be read as net zero.
  // We place it under industrial digitalisation because Table 6.1 lists "Materials informatics"
  // in the "Industrial digitalisation and supply chain resilience" column (Germany, the US), and
  // because the table has two separate "Advanced materials" groups, (H) and (R), which only makes
  // sense if they sit under different themes.
  { code: "H", name: "Advanced materials", theme: "industrial-digitalisation" },
  // The text version prints "Other M&M thematic priorities" beside row (I); Table 1 and Table 6.1
  // both put AI under industrial digitalisation, so the "other" theme starts at (O).
  { code: "I", name: "Artificial intelligence", theme: "industrial-digitalisation" },
  { code: "J", name: "Automation", theme: "industrial-digitalisation" },
  { code: "K", name: "Data science", theme: "industrial-digitalisation" },
  { code: "L", name: "Digital", theme: "industrial-digitalisation" },
  { code: "M", name: "System integration", theme: "industrial-digitalisation" },
  { code: "N", name: "Systems engineering", theme: "industrial-digitalisation" },
  { code: "O", name: "Biotech", theme: "other" },
  { code: "P", name: "High-performance computing", theme: "other" },
  { code: "Q", name: "Production technology", theme: "other" },
  { code: "R", name: "Advanced materials", theme: "other" },
];

/**
 * Table 4.1 "Selection rationale" columns:
 * INDUSTRIAL COMPETITIVENESS: "Enhance competitiveness of existing UK industries",
 * "Support the development of future industries";
 * RESEARCH & INNOVATION EXCELLENCE: "Support current strength in strategic area",
 * "Address current weakness in strategic area".
 */
export interface SelectionRationale {
  readonly enhanceExistingIndustries: boolean;
  readonly supportFutureIndustries: boolean;
  readonly supportCurrentStrength: boolean;
  readonly addressCurrentWeakness: boolean;
}

export interface TechnologyDomain {
  /** Stable kebab-case slug; stored in the database, never change it. */
  readonly id: string;
  readonly theme: ThemeId;
  /** Tech group name (Table 4.1), or a product label for §6 additions. */
  readonly techGroup: string;
  /** Table 4.1 letter (A–R); null for §6 additions, which the report does not group. */
  readonly techGroupCode: string | null;
  readonly longName: string;
  readonly shortName: string;
  readonly source: "Table 4.1" | "§6";
  /** True when §6 lists the technology among those "that could also be prioritised in the future". */
  readonly suggestedForFuture: boolean;
  /** The §6 bullet, verbatim, when suggestedForFuture. */
  readonly futureSuggestionText: string | null;
  /** Table 4.1 ticks; null for §6 additions. */
  readonly selectionRationale: SelectionRationale | null;
}

/** Builds the rationale from the four Table 4.1 tick columns, in table order. */
function ticks(
  enhanceExistingIndustries: boolean,
  supportFutureIndustries: boolean,
  supportCurrentStrength: boolean,
  addressCurrentWeakness: boolean,
): SelectionRationale {
  return {
    enhanceExistingIndustries,
    supportFutureIndustries,
    supportCurrentStrength,
    addressCurrentWeakness,
  };
}

const Y = true;
const N = false;

/** §6 bullets (verbatim) for technologies already among the 33. */
const FUTURE_LEGACY_SYSTEMS =
  "Legacy systems’ integration and interoperability, including manufacturing system-level integration between information technologies (IT) and operational technology (OT)";
const FUTURE_LARGE_SCALE_HYDROGEN =
  "Large-scale hydrogen production, transport and use (including green hydrogen from offshore wind surplus energy)";
const FUTURE_BESPOKE_AUTOMATION = "Bespoke automation and machine-building";

/**
 * Table 4.1: the 33 technology domains, in table order.
 *
 * Notes on choices made:
 * - Three rows of group (K) share the short name "Data science and sensors" in the report; they
 *   keep that short name here and get distinct ids. Pickers should show the long name.
 * - §6 suggestions matched to existing rows (suggestedForFuture = true):
 *   "Large-scale hydrogen production, transport and use…" → green-hydrogen-production (Table 4.1
 *   long name is almost the same words); "Bespoke automation and machine-building" →
 *   automation-machine-building (identical); "Legacy systems’ integration and interoperability…"
 *   → digital-systems-integration, whose long name already reads "(including integration with
 *   legacy systems)". The last is a judgement call: §6 adds IT/OT integration.
 */
export const TABLE_4_1_DOMAINS: readonly TechnologyDomain[] = [
  // ---- Net zero ----
  {
    id: "batteries",
    theme: "net-zero",
    techGroup: "Energy storage",
    techGroupCode: "A",
    longName:
      "Batteries for vehicles, consumer electronics, aviation and large-scale energy storage (lithium-ion, lithium-sulphur, lithium-metal, solid-state and non-lithium technologies) – improving battery lifespan and range, reuse, remanufacture and recycling",
    shortName: "Batteries",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, Y, Y, N),
  },
  {
    id: "remanufacturing",
    theme: "net-zero",
    techGroup: "Circular economy",
    techGroupCode: "B",
    longName: "Remanufacturing",
    shortName: "Remanufacturing",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(N, Y, N, Y),
  },
  {
    id: "sustainable-plastics",
    theme: "net-zero",
    techGroup: "Circular economy",
    techGroupCode: "B",
    longName:
      "Sustainable plastic packaging – design, production, supply, recovery and recycling of plastic packaging",
    shortName: "Sustainable plastics",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, N, Y, N),
  },
  {
    id: "autonomous-vehicles",
    theme: "net-zero",
    techGroup: "Future transport",
    techGroupCode: "C",
    longName:
      "Connected and autonomous vehicles (CAV) – demonstration, safety validation, insurance and service models",
    shortName: "Autonomous vehicles",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(N, Y, N, Y),
  },
  {
    id: "ccus",
    theme: "net-zero",
    techGroup: "Greenhouse-gas removal (GGR) technologies",
    techGroupCode: "D",
    longName:
      "Application of carbon capture, utilisation and storage (CCUS) in industry, as well as design and manufacturing of CCUS systems and infrastructure",
    shortName: "CCUS",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, Y, Y, N),
  },
  {
    id: "hydrogen-aerospace",
    theme: "net-zero",
    techGroup: "Hydrogen",
    techGroupCode: "E",
    longName:
      "Development of combustor systems and fuel tanks to allow the conversion of current aircraft configurations to hydrogen-powered variants",
    shortName: "Hydrogen: aerospace",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, N, N, Y),
  },
  {
    id: "hydrogen-fuel-cells",
    theme: "net-zero",
    techGroup: "Hydrogen",
    techGroupCode: "E",
    longName:
      "Hydrogen fuel cells for transport (e.g. maritime, aerospace, rail, road vehicles, heavy-duty vehicles) and industrial applications",
    shortName: "Hydrogen: fuel cells",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(N, Y, N, Y),
  },
  {
    id: "green-hydrogen-production",
    theme: "net-zero",
    techGroup: "Hydrogen",
    techGroupCode: "E",
    longName:
      "Large-scale green hydrogen production, transport and use (e.g. from offshore wind surplus energy)",
    shortName: "Green hydrogen production",
    source: "Table 4.1",
    suggestedForFuture: true,
    futureSuggestionText: FUTURE_LARGE_SCALE_HYDROGEN,
    selectionRationale: ticks(N, Y, N, Y),
  },
  {
    id: "electric-vehicles",
    theme: "net-zero",
    techGroup: "Low-carbon transport",
    techGroupCode: "F",
    longName: "Electric vehicles (and delivery of electric vehicle charging infrastructure)",
    shortName: "Electric vehicles",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, N, Y, N),
  },
  {
    id: "hydrogen-vehicles",
    theme: "net-zero",
    techGroup: "Low-carbon transport",
    techGroupCode: "F",
    longName: "Hydrogen vehicles",
    shortName: "Hydrogen vehicles",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(N, Y, N, Y),
  },
  {
    id: "power-electronics",
    theme: "net-zero",
    techGroup: "Power electronics",
    techGroupCode: "G",
    longName:
      "Power electronics, machines and drives (particularly in relation to the propulsion and electrification of transport)",
    shortName: "Power electronics",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, Y, Y, N),
  },
  // ---- Industrial digitalisation and supply chain resilience (see TECH_GROUPS note on (H)) ----
  {
    id: "materials-informatics",
    theme: "industrial-digitalisation",
    techGroup: "Advanced materials",
    techGroupCode: "H",
    longName:
      "Materials informatics (e.g. machine learning and small-scale high-throughput experiments and testing, computational materials, virtual design, modelling and simulation of materials, processes and the interfaces between models)",
    shortName: "Materials informatics",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, N, Y, N),
  },
  {
    id: "ai-ml",
    theme: "industrial-digitalisation",
    techGroup: "Artificial intelligence",
    techGroupCode: "I",
    longName: "Artificial intelligence and machine learning -- programming and application",
    shortName: "AI and ML",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, Y, Y, N),
  },
  {
    id: "automation-machine-building",
    theme: "industrial-digitalisation",
    techGroup: "Automation",
    techGroupCode: "J",
    longName: "Bespoke automation and machine-building",
    shortName: "Automation and machine-building",
    source: "Table 4.1",
    suggestedForFuture: true,
    futureSuggestionText: FUTURE_BESPOKE_AUTOMATION,
    selectionRationale: ticks(Y, N, N, Y),
  },
  {
    id: "robotics",
    theme: "industrial-digitalisation",
    techGroup: "Automation",
    techGroupCode: "J",
    longName: "Robotics (including low-cost robotics)",
    shortName: "Robotics",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, N, Y, N),
  },
  {
    id: "data-analytics-visualisation",
    theme: "industrial-digitalisation",
    techGroup: "Data science",
    techGroupCode: "K",
    longName: "(Big) data analytics and visualisation",
    shortName: "Data science and sensors",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, N, Y, N),
  },
  {
    id: "data-science-database-management",
    theme: "industrial-digitalisation",
    techGroup: "Data science",
    techGroupCode: "K",
    longName: "Data science and database management (and data governance)",
    shortName: "Data science and sensors",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, N, Y, N),
  },
  {
    id: "data-capture-sensors",
    theme: "industrial-digitalisation",
    techGroup: "Data science",
    techGroupCode: "K",
    longName: "Data capture, management and sensors",
    shortName: "Data science and sensors",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, N, Y, N),
  },
  {
    id: "ar-vr",
    theme: "industrial-digitalisation",
    techGroup: "Digital",
    techGroupCode: "L",
    longName: "Augmented reality/virtual reality for manufacturing applications",
    shortName: "AR and VR",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, Y, Y, N),
  },
  {
    id: "industrial-cyber-security",
    theme: "industrial-digitalisation",
    techGroup: "Digital",
    techGroupCode: "L",
    longName: "Cyber-security technologies",
    shortName: "Industrial cyber-security",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, Y, Y, N),
  },
  {
    id: "digital-twins",
    theme: "industrial-digitalisation",
    techGroup: "Digital",
    techGroupCode: "L",
    longName:
      "Digital twins and virtual testing of facilities and processes to optimise future designs or current states",
    shortName: "Digital twins",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, Y, N, Y),
  },
  {
    id: "iot-iiot",
    theme: "industrial-digitalisation",
    techGroup: "Digital",
    techGroupCode: "L",
    longName: "Internet of things (IoT) and industrial Internet of things (IIoT)",
    shortName: "IoT and IIoT",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, Y, Y, N),
  },
  {
    id: "digital-systems-integration",
    theme: "industrial-digitalisation",
    techGroup: "System integration",
    techGroupCode: "M",
    longName:
      "Digital systems integration and interoperability (including integration with legacy systems)",
    shortName: "Digital systems integration",
    source: "Table 4.1",
    suggestedForFuture: true,
    futureSuggestionText: FUTURE_LEGACY_SYSTEMS,
    selectionRationale: ticks(Y, N, N, Y),
  },
  {
    id: "end-to-end-supply-chain-integration",
    theme: "industrial-digitalisation",
    techGroup: "System integration",
    techGroupCode: "M",
    longName: "Digital end-to-end supply chain integration (digital thread)",
    shortName: "End-to-end SC integration",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, N, N, Y),
  },
  {
    id: "predictive-systems",
    theme: "industrial-digitalisation",
    techGroup: "Systems engineering",
    techGroupCode: "N",
    longName: "Predictive, self-reconfiguring system",
    shortName: "Predictive systems",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, Y, Y, N),
  },
  // ---- Other advanced manufacturing and materials thematic priorities ----
  {
    id: "bio-derived-materials-manufacturing",
    theme: "other",
    techGroup: "Biotech",
    techGroupCode: "O",
    longName:
      "Bio-derived materials, including biomedical materials (\"smart\" biomaterials that improve health and well-being)",
    shortName: "Bio-derived materials manufacturing",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, Y, N, Y),
  },
  {
    id: "bio-refinery-processes",
    theme: "other",
    techGroup: "Biotech",
    techGroupCode: "O",
    longName: "Bio-refinery, including circular waste solutions",
    shortName: "Bio-refinery processes",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, N, Y, N),
  },
  {
    id: "synthetic-biology-manufacturing",
    theme: "other",
    techGroup: "Biotech",
    techGroupCode: "O",
    longName: "Synthetic biology manufacturing",
    shortName: "Synthetic biology manufacturing",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, N, Y, N),
  },
  {
    id: "high-performance-computing",
    theme: "other",
    techGroup: "High-performance computing",
    techGroupCode: "P",
    longName: "High-performance computing",
    shortName: "High-performance computing",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, N, Y, N),
  },
  {
    id: "quantum-systems-manufacturing",
    theme: "other",
    techGroup: "High-performance computing",
    techGroupCode: "P",
    longName:
      "Quantum computing (quantum-scale engineering) for new products and services of sectors, including automotive, healthcare, infrastructure, telecommunications, cyber-security and defence",
    shortName: "Quantum systems manufacturing",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(N, Y, Y, N),
  },
  {
    id: "additive-manufacturing",
    theme: "other",
    techGroup: "Production technology",
    techGroupCode: "Q",
    longName: "Additive manufacturing (approved and right-first-time solutions)",
    shortName: "Additive manufacturing",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, N, Y, N),
  },
  {
    id: "laser-based-processes",
    theme: "other",
    techGroup: "Production technology",
    techGroupCode: "Q",
    longName: "Laser-based manufacturing processes",
    shortName: "Laser-based processes",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(Y, N, Y, N),
  },
  {
    id: "graphene-2d-materials",
    theme: "other",
    techGroup: "Advanced materials",
    techGroupCode: "R",
    longName:
      "Graphene and other 2D materials (atomic thickness materials) for applications such as membranes for filtration and coatings, energy storage and functional composites",
    shortName: "Graphene and 2D materials",
    source: "Table 4.1",
    suggestedForFuture: false,
    futureSuggestionText: null,
    selectionRationale: ticks(N, Y, Y, N),
  },
];

/** Tech-group label used for §6 additions; the report gives them no Table 4.1 group. */
export const FUTURE_PRIORITY_TECH_GROUP = "Suggested for future prioritisation (§6)";

/**
 * §6 (after Table 6.2): suggestions "regarding technologies that could also be prioritised in the
 * future" that are not among the 33 Table 4.1 domains.
 *
 * The report gives these no theme or tech group. We put all four under net zero: nuclear and
 * composites are discussed under net-zero manufacturing in §3.1.1, hydrogen is a net-zero group
 * in Table 4.1, and smart grids serve electricity distribution. The short names are ours.
 */
export const FUTURE_PRIORITY_DOMAINS: readonly TechnologyDomain[] = [
  {
    id: "low-cost-nuclear",
    theme: "net-zero",
    techGroup: FUTURE_PRIORITY_TECH_GROUP,
    techGroupCode: null,
    longName: "Low-cost nuclear – small modular reactor design, manufacturing and operation",
    shortName: "Low-cost nuclear",
    source: "§6",
    suggestedForFuture: true,
    futureSuggestionText:
      "Low-cost nuclear – small modular reactor design, manufacturing and operation",
    selectionRationale: null,
  },
  {
    id: "hydrogen-distribution",
    theme: "net-zero",
    techGroup: FUTURE_PRIORITY_TECH_GROUP,
    techGroupCode: null,
    longName: "Hydrogen distribution systems, transport and storage",
    shortName: "Hydrogen distribution",
    source: "§6",
    suggestedForFuture: true,
    futureSuggestionText: "Hydrogen distribution systems, transport and storage",
    selectionRationale: null,
  },
  {
    id: "smart-grids",
    theme: "net-zero",
    techGroup: FUTURE_PRIORITY_TECH_GROUP,
    techGroupCode: null,
    longName: "Smart grids for electricity distribution",
    shortName: "Smart grids",
    source: "§6",
    suggestedForFuture: true,
    futureSuggestionText: "Smart grids for electricity distribution",
    selectionRationale: null,
  },
  {
    id: "sustainable-materials",
    theme: "net-zero",
    techGroup: FUTURE_PRIORITY_TECH_GROUP,
    techGroupCode: null,
    longName: "Sustainable materials beyond composites",
    shortName: "Sustainable materials",
    source: "§6",
    suggestedForFuture: true,
    futureSuggestionText: "Sustainable materials beyond composites",
    selectionRationale: null,
  },
];

/**
 * §6: all seven suggestions for future prioritisation, verbatim and in report order, with the
 * domain each one is recorded on.
 */
export const SECTION_6_FUTURE_SUGGESTIONS: readonly { readonly text: string; readonly domainId: string }[] = [
  {
    text: "Low-cost nuclear – small modular reactor design, manufacturing and operation",
    domainId: "low-cost-nuclear",
  },
  { text: FUTURE_LEGACY_SYSTEMS, domainId: "digital-systems-integration" },
  { text: FUTURE_LARGE_SCALE_HYDROGEN, domainId: "green-hydrogen-production" },
  { text: "Hydrogen distribution systems, transport and storage", domainId: "hydrogen-distribution" },
  { text: "Smart grids for electricity distribution", domainId: "smart-grids" },
  { text: FUTURE_BESPOKE_AUTOMATION, domainId: "automation-machine-building" },
  { text: "Sustainable materials beyond composites", domainId: "sustainable-materials" },
];

/** Every selectable domain: the 33 of Table 4.1 followed by the §6 additions. */
export const TECHNOLOGY_DOMAINS: readonly TechnologyDomain[] = [
  ...TABLE_4_1_DOMAINS,
  ...FUTURE_PRIORITY_DOMAINS,
];

export function findDomain(id: string | null | undefined): TechnologyDomain | undefined {
  if (id == null) return undefined;
  return TECHNOLOGY_DOMAINS.find((d) => d.id === id);
}

export function isTechnologyDomainId(id: unknown): id is string {
  return typeof id === "string" && TECHNOLOGY_DOMAINS.some((d) => d.id === id);
}
