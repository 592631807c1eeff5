/**
 * §2.3 "Principles for 'win–win' international R&I collaboration" and §2.1 / Table 2.1
 * "Motivations for international R&I collaboration (government perspective)".
 */

export type WinWinPrincipleKey =
  | "reciprocity"
  | "transparency"
  | "accountability"
  | "equity"
  | "long-term-perspective";

export interface WinWinPrinciple {
  readonly key: WinWinPrincipleKey;
  readonly title: string;
  /** The report's text for the principle, verbatim. */
  readonly description: string;
}

/**
 * §2.3: "to ensure that international R&I collaboration benefits all of the partners involved in
 * an equitable and sustainable manner, some principles should be followed when identifying partner
 * countries and establishing collaboration".
 */
export const WIN_WIN_PRINCIPLES_INTRO =
  "In order to ensure that international R&I collaboration benefits all of the partners involved in an equitable and sustainable manner, some principles should be followed when identifying partner countries and establishing collaboration.";

/** §2.3: the five "win–win" principles, in report order. */
export const WIN_WIN_PRINCIPLES: readonly WinWinPrinciple[] = [
  {
    key: "reciprocity",
    title: "Reciprocity",
    description:
      "Establishing collaboration that strengthens R&I capabilities and involves mutual benefits and the true intellectual participation of all partners. Effective and reciprocal collaboration usually builds on complementary competencies and evident synergies and thus a good understanding of partners' capabilities and the risks involved in the collaboration.",
  },
  {
    key: "transparency",
    title: "Transparency",
    description:
      "Establishing open communication channels and defining clear specifications on the rights and duties of all the partners involved, including: sources of funding; data management; publication procedures; intellectual property rights frameworks; contingency provisions; mediation; and conflict resolution.",
  },
  {
    key: "accountability",
    title: "Accountability",
    description:
      "Monitoring and evaluation of collaboration programmes are needed to measure and understand pathways to impact and improve the economic and social benefits derived from public investment.",
  },
  {
    key: "equity",
    title: "Equity",
    description:
      "Recognising the different capabilities of the partners involved and defining goals and key performance indicators accordingly. An equitable partnership also involves defining goals collaboratively and embracing cultural differences.",
  },
  {
    key: "long-term-perspective",
    title: "Long-term perspective",
    description:
      "Adopting a long-term vision in the establishment of international collaboration that allows partners to scale up projects and catalyse national initiatives. This involves aligning international collaboration programmes with national priorities and establishing a shared vision with the partners involved. Predictability and commitment of long-term funding among the different actors involved is also essential for the establishment of sustainable partnerships.",
  },
];

export function findWinWinPrinciple(key: string): WinWinPrinciple | undefined {
  return WIN_WIN_PRINCIPLES.find((p) => p.key === key);
}

// ---------------------------------------------------------------------------------------------
// §2.1 / Table 2.1 — motivations (reference only)
// ---------------------------------------------------------------------------------------------

export type MotivationKey =
  | "ri-excellence"
  | "economic-competitiveness"
  | "grand-challenges"
  | "diplomacy"
  | "additionality";

export interface Motivation {
  readonly key: MotivationKey;
  readonly title: string;
  /** Table 2.1's italic summary line. */
  readonly summary: string;
  /** Bullets that are not under "Access to:". */
  readonly items: readonly string[];
  /** Bullets listed under "Access to:" (empty when the column has none). */
  readonly accessTo: readonly string[];
}

/** Table 2.1 "Motivations for international R&I collaboration (government perspective)". */
export const MOTIVATIONS: readonly Motivation[] = [
  {
    key: "ri-excellence",
    title: "Research and innovation excellence",
    summary: "Strengthening capabilities and improving scientific and innovation outcomes",
    items: [],
    accessTo: [
      "Knowledge and technology",
      "Research facilities and equipment",
      "Research talent",
      "Additional research funds",
      "Research and innovation networks",
      "Education and training programmes",
    ],
  },
  {
    key: "economic-competitiveness",
    title: "Economic competitiveness",
    summary: "Enhancing industrial innovation capabilities and productivity",
    items: ["Attraction of foreign direct investment"],
    accessTo: [
      "Global markets",
      "Start-up ecosystem/venture capital/incubation support",
      "Technology centres/applied research centres",
      "Industrial talent",
      "Workforce development programmes",
      "Critical production input",
    ],
  },
  {
    key: "grand-challenges",
    title: "Grand challenges",
    summary: "Contributing to the solution of global societal challenges",
    items: [
      "Increased ability to address research and industrial challenges that require international collaboration",
      "Exchange of expertise and lessons learned, with countries addressing similar societal challenges",
    ],
    accessTo: [],
  },
  {
    key: "diplomacy",
    title: "Diplomacy",
    summary: "Supporting foreign policy goals and influencing R&I governance",
    items: [
      "Trade policy priorities",
      "Defence and security priorities",
      "Influence in research and innovation governance (regulation, standards, ethics)",
      "Contribution to international development",
      "Contribution to regional linkages",
    ],
    accessTo: [],
  },
  {
    key: "additionality",
    title: "Additionality",
    summary: "Contributing to greater R&I activity",
    items: [
      "Public support, leading to greater private-sector R&I activity addressing market and system failures",
      "Access to additional sources of funding",
      "Alignment with UK strategic priorities",
    ],
    accessTo: [],
  },
];
