/**
 * §7.4 "National contexts and alignment" (also the executive summary bullet "National contexts,
 * alignment and trust"). The report writes these as prose; the split into five factors and their
 * titles are ours, the text is the report's (track record quotes §6, see below).
 */

export type NationalContextFactorKey =
  | "trust"
  | "track-record"
  | "understanding-context"
  | "partner-funding"
  | "trl-alignment";

export interface NationalContextFactor {
  readonly key: NationalContextFactorKey;
  readonly title: string;
  /** The report's text, verbatim. */
  readonly text: string;
  /** Where the text comes from. */
  readonly source: "§7.4" | "§6";
}

/** §7.4, in the order the report raises them. */
export const NATIONAL_CONTEXT_FACTORS: readonly NationalContextFactor[] = [
  {
    key: "trust",
    title: "Trust among partners",
    text: "A clear message emerging from this project is the importance of trust among partners and a track record of collaboration when it comes to project prioritisation.",
    source: "§7.4",
  },
  {
    key: "track-record",
    title: "Track record of collaboration",
    // §7.4 names track record together with trust (sentence above); the report's own wording of
    // the criterion is the §6 longlisting requirement quoted here (cf. Table 2.2 feasibility:
    // "Does collaboration build on a previous track record of success?").
    text: "The partner country has a track record of previous collaboration with the UK in this or related technology areas.",
    source: "§6",
  },
  {
    key: "understanding-context",
    title: "Understanding the partner country's context",
    text: "There was broad agreement that collaboration is more likely to be successful when the complexities of working with overseas partners in different contexts are understood. This applies for both funding agencies and firms. This suggests the need to consider, as part of the management of international collaboration portfolios, directing efforts at better understanding the institutions, competitive dynamics, industrial context and cultural dynamics in partner countries. International missions were highlighted during consultations as a particularly effective mechanism to do this.",
    source: "§7.4",
  },
  {
    key: "partner-funding",
    title: "Partner funding mechanisms and investment cycles",
    text: "At institutional level, gaining visibility over the funding mechanisms in other countries and their investment cycles for particular technologies can help to align investments.",
    source: "§7.4",
  },
  {
    key: "trl-alignment",
    title: "Alignment on TRL and scale",
    text: "There is also a need to go beyond high-level descriptions of technology priorities to better understand the extent to which funding agencies invest in projects at TRL levels of interest to Innovate UK and at the scale required by the technological challenges being addressed.",
    source: "§7.4",
  },
];

export function findNationalContextFactor(key: string): NationalContextFactor | undefined {
  return NATIONAL_CONTEXT_FACTORS.find((f) => f.key === key);
}
