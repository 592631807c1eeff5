/**
 * §7.3 "Variety of manufacturing-related R&D domains" (also the executive summary bullet
 * "Prioritise a variety of manufacturing-related R&D domains").
 *
 * The report lists four categories from previous studies (endnote 38: O'Sullivan and
 * Coates-Ulrichsen, 2020) and then highlights cross-cutting R&D (systems integration, engineering
 * design, virtual product development and validation). We treat the cross-cutting efforts as a
 * fifth category, as our design notes ask; the report presents them as an addition to the four,
 * not as a named category.
 */

export type RdCategoryKey =
  | "production-technology"
  | "manufacturability"
  | "challenge-led"
  | "manufacturing-enabling"
  | "cross-cutting";

export interface RdCategory {
  readonly key: RdCategoryKey;
  readonly title: string;
  /**
   * The report's wording for the category. For the first two the report gives only the name, so
   * the description is the name as written.
   */
  readonly description: string;
  /** Topics the report gives as examples (empty when none). */
  readonly examples: readonly string[];
}

/** §7.3 framing sentence, verbatim. */
export const RD_CATEGORIES_INTRO =
  "Previous studies have suggested that consideration should be given to framing future calls for proposals in terms of a mix of relevant R&D categories, including: production technology R&D; manufacturability R&D for key emerging application technologies; challenge-led manufacturing R&D (manufacturing technology-related contributions to grand challenges); and manufacturing-enabling technology R&D (e.g. metrology, simulation, modelling).";

/** §7.3, in report order; cross-cutting last. */
export const RD_CATEGORIES: readonly RdCategory[] = [
  {
    key: "production-technology",
    title: "Production technology R&D",
    description: "Production technology R&D",
    examples: [],
  },
  {
    key: "manufacturability",
    title: "Manufacturability R&D for emerging application technologies",
    description: "Manufacturability R&D for key emerging application technologies",
    examples: [],
  },
  {
    key: "challenge-led",
    title: "Challenge-led manufacturing R&D",
    description: "Manufacturing technology-related contributions to grand challenges",
    examples: [],
  },
  {
    key: "manufacturing-enabling",
    title: "Manufacturing-enabling technology R&D",
    description:
      "Topics such as metrology, simulation and modelling might need to be incorporated into portfolios of international collaborative projects given their enabling and cross-cutting nature.",
    examples: ["Metrology", "Simulation", "Modelling"],
  },
  {
    key: "cross-cutting",
    title: "Cross-cutting R&D",
    description:
      "There is merit in considering cross-cutting R&D efforts that might not naturally fit into the thematic priorities considered by this project (digital, net zero, supply chain, other). Similarly, the importance of systems integration, engineering design and virtual product development and validation – which have the potential to underpin advances across manufacturing technology domains and sectors – was highlighted during the consultations.",
    examples: [
      "Systems integration",
      "Engineering design",
      "Virtual product development and validation",
    ],
  },
];

/** §7.3, last paragraph, verbatim. */
export const RD_PORTFOLIO_NOTE =
  "The need to consider supporting projects, including elements of business model innovation, and the incorporation of social science perspectives, was also identified.";

export function findRdCategory(key: string): RdCategory | undefined {
  return RD_CATEGORIES.find((c) => c.key === key);
}
