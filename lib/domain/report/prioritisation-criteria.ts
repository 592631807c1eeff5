/**
 * §2.4 / Table 2.2 "Prioritisation criteria for international collaboration".
 *
 * §2.4: "The first four criteria refer to opportunities that international R&I collaboration can
 * unlock." Diplomacy (a Table 2.1 motivation) "falls outside the scope of functions of R&I
 * national agencies and was therefore omitted from the final criteria".
 */

export type PrioritisationCriterionKey =
  | "ri-excellence"
  | "economic-competitiveness"
  | "grand-challenges"
  | "additionality"
  | "feasibility";

export interface PrioritisationCriterion {
  readonly key: PrioritisationCriterionKey;
  readonly title: string;
  /** Table 2.2's left-hand grouping: the first four are "Opportunity", the fifth "Feasibility". */
  readonly group: "opportunity" | "feasibility";
  /** Table 2.2's italic definition, verbatim. */
  readonly description: string;
  /**
   * Table 2.2's bullets, verbatim, one string per bullet. Note the first R&I-excellence bullet
   * holds two questions in the report and is kept as one bullet.
   */
  readonly subQuestions: readonly string[];
  /** Further §2.4 text about the criterion, where the report gives some. */
  readonly notes: string | null;
}

/** Table 2.2, in report order. */
export const PRIORITISATION_CRITERIA: readonly PrioritisationCriterion[] = [
  {
    key: "ri-excellence",
    title: "Research and innovation excellence",
    group: "opportunity",
    description:
      "The extent to which collaboration could help to strengthen UK research and innovation capabilities and improve scientific and innovation outcomes",
    subQuestions: [
      "Does collaboration offer UK actors access to knowledge and technology? Does it offer access to basic research facilities and equipment?",
      "Does it offer access to research talent?",
      "Does it offer access to research and innovation networks?",
      "Does it offer access to education and training programmes?",
    ],
    notes: null,
  },
  {
    key: "economic-competitiveness",
    title: "Economic competitiveness",
    group: "opportunity",
    description:
      "The extent to which collaboration could help gain access to markets and enhance the UK's industrial competitiveness",
    subQuestions: [
      "Does collaboration offer UK actors access to global markets?",
      "Does it have the potential to attract foreign direct investment to the UK?",
      "Does it offer access to start-up ecosystem/venture capital/incubation support?",
      "Does it offer access to technology centres/applied research centres?",
      "Does it offer access to new workforce skills?",
      "Does it offer access to workforce development programmes?",
    ],
    notes: null,
  },
  {
    key: "grand-challenges",
    title: "Grand challenges",
    group: "opportunity",
    description:
      "The extent to which collaboration could contribute to the solution of global societal challenges",
    subQuestions: [
      "Does collaboration help the UK to address societal challenges (net zero, ageing population, etc.)?",
      "Does it enable an exchange of lessons learned/expertise, with countries addressing similar societal challenges?",
    ],
    notes: null,
  },
  {
    key: "additionality",
    title: "Additionality",
    group: "opportunity",
    description:
      "The extent to which collaboration could lead to greater research and innovation activity in the UK",
    subQuestions: [
      "Does collaboration leverage public funding, leading to greater private-sector R&I activity?",
      "Does it offer access to additional sources of funding?",
      "Is it aligned with/does it contribute to UK strategic priorities?",
    ],
    notes: null,
  },
  {
    key: "feasibility",
    title: "Feasibility",
    group: "feasibility",
    description: "The viability of implementing collaboration in practice",
    subQuestions: [
      "Does collaboration build on a previous track record of success?",
      "Are resources and appropriate institutions available in the partner country?",
      "Is there a long-term commitment to funding?",
    ],
    // §2.4, paragraph after the list of criteria.
    notes:
      "The feasibility criterion is defined as the viability of implementing collaboration in practice. It comprises ensuring the availability of long-term funding and appropriate institutions, as well as the existence of previous successful collaboration. This involves developing an adequate understanding of potential partners' capabilities and the risks involved in the collaboration, as well as the monitoring and evaluation of current collaboration to inform future decision-making.",
  },
];

export function findPrioritisationCriterion(key: string): PrioritisationCriterion | undefined {
  return PRIORITISATION_CRITERIA.find((c) => c.key === key);
}
