/**
 * Value creation vs value capture (report §7.1–7.2, Table 7.1).
 *
 * Note: the text version of the report heads §7.1 "STEM graduate levels between countries", which
 * does not match its content (the risk that UK know-how is exploited elsewhere). We cite it as
 * §7.1 regardless.
 */

// ---------------------------------------------------------------------------------------------
// Table 7.1 — perspectives
// ---------------------------------------------------------------------------------------------

export type ValuePerspectiveKey =
  | "workforce-skills"
  | "supply-chain"
  | "manufacturing-process"
  | "technology";

export interface ValuePerspective {
  readonly key: ValuePerspectiveKey;
  /** Table 7.1 "Innovation journey/perspective" column. */
  readonly title: string;
  /** Table 7.1 "Value creation" bullets, verbatim. */
  readonly valueCreationItems: readonly string[];
  /** Table 7.1 "Value capture" bullets, verbatim. */
  readonly valueCaptureItems: readonly string[];
  /** The "Value creation" bullets as one text, joined with "; " (for hints). */
  readonly valueCreation: string;
  /** The "Value capture" bullets as one text, joined with "; " (for hints). */
  readonly valueCapture: string;
}

function perspective(
  key: ValuePerspectiveKey,
  title: string,
  valueCreationItems: readonly string[],
  valueCaptureItems: readonly string[],
): ValuePerspective {
  return {
    key,
    title,
    valueCreationItems,
    valueCaptureItems,
    valueCreation: valueCreationItems.join("; "),
    valueCapture: valueCaptureItems.join("; "),
  };
}

/** Table 7.1 "Value creation and capture from research and innovation", in report order. */
export const VALUE_CAPTURE_PERSPECTIVES: readonly ValuePerspective[] = [
  perspective(
    "workforce-skills",
    "Workforce/skills",
    ["Skills development in new technologies", "Lifelong STEM education"],
    ["Effective industry application of new technology", "Increased competitiveness as industrial location"],
  ),
  perspective(
    "supply-chain",
    "Supply chain",
    [
      "Cooperation between innovators, suppliers of input (materials, components, sub-systems) and equipment/tool vendors",
    ],
    [
      "Adoption of new technologies across the supply chain",
      "Enabling domestic development of new products, processes and business models",
      "Generation of industrial jobs",
      "“Stickiness” in local economy",
      "Contribution to trade balance",
    ],
  ),
  perspective(
    "manufacturing-process",
    "Manufacturing process",
    [
      "Pushing manufacturing readiness levels (MRLs) up",
      "Demonstration of production technology functionality, applicability and cost-effectiveness at required production volumes and realistic environments",
      "Systems integration (new technologies into existing processes)",
    ],
    [
      "New know-how embedded in production processes",
      "Manufacturing intellectual property creation",
      "Increased production efficiency and sustainability",
      "Economies of scale and scope, enabling industrial jobs in a high-wage economy",
      "Standards adoption and regulatory compliance",
    ],
  ),
  perspective(
    "technology",
    "Technology",
    [
      "Pushing technology readiness levels (TRLs) up across the “valley of death”",
      "Turning lab prototype into demonstrators with the potential for full-scale production",
      "Technology convergence/integration",
    ],
    ["Technology patenting and licensing", "Generation of R&D jobs"],
  ),
];

/** §7.2: the overarching question. */
export const VALUE_CAPTURE_OVERARCHING_QUESTION =
  "An overarching question in discussions around value capture is whether R&I collaboration can ultimately lead to increased competitiveness of the UK as an industrial location.";

// ---------------------------------------------------------------------------------------------
// §7.1 — risks that UK know-how is exploited elsewhere
// ---------------------------------------------------------------------------------------------

export type KnowHowRiskKey = "scale-up-abroad" | "unclear-ip" | "partner-benefits-more";

export interface KnowHowRisk {
  readonly key: KnowHowRiskKey;
  readonly title: string;
  /** The report's words for the risk (§7.1), completing "This will occur, for example, if…". */
  readonly description: string;
}

/** §7.1: "the potential risk that UK know-how may be exploited elsewhere". */
export const KNOW_HOW_RISK_INTRO =
  "In particular, there was emphasis on the potential risk that UK know-how may be exploited elsewhere.";

/** §7.1: the three examples of how UK know-how may be exploited elsewhere, in report order. */
export const KNOW_HOW_RISKS: readonly KnowHowRisk[] = [
  {
    key: "scale-up-abroad",
    title: "Scale-up takes place abroad",
    description:
      "the scale-up of technologies developed in the UK (and the manufacture of products based on those technologies) takes place elsewhere",
  },
  {
    key: "unclear-ip",
    title: "Unclear intellectual property agreements",
    description: "intellectual property agreements are not clearly defined or adhered to",
  },
  {
    key: "partner-benefits-more",
    title: "Partner benefits more than the UK",
    description:
      "project outcomes benefit industries and firms in partner countries more than in the UK",
  },
];

/** §7.2: the stakeholders' concern about "stickiness", verbatim. */
export const STICKINESS_CONCERN =
  "A particular concern was the potential risk that international R&I collaboration enables knowledge flows through which the know-how created during the collaboration results in manufacturing activity in other countries and not in the UK. In other words, most of the value created by the R&I collaboration is captured by the international partner.";

/**
 * §7.1 and executive summary ("Evidence for 'win-win' collaboration"): what future calls could ask
 * of bidders. Verbatim sentences.
 */
export const VALUE_CAPTURE_CALL_GUIDANCE: readonly string[] = [
  "There is value in future calls for a proposal to challenge bidders to demonstrate how the UK has the potential to capture significant value from proposed international collaboration and how potential risks such as the ones discussed earlier in the report are to be mitigated.",
  "As part of this, bidders could be asked to provide information on how working with the proposed international R&I partners offers the possibility of mutually beneficial outcomes.",
  "This might also include reflection on how the project could benefit broader industrial capabilities in both countries, considering differences in the levels of maturity and supply chain specialisation.",
  "Even if funding for international R&I collaboration is not used to support programmes solely focused on technology adoption, calls for proposals could challenge applicants to think beyond value-creation metrics and describe specific pathways to value capture from a UK industry standpoint.",
];

// ---------------------------------------------------------------------------------------------
// Value-capture pathways
// ---------------------------------------------------------------------------------------------

export type ValueCapturePathwayKey =
  | "ip-creation"
  | "workforce-skills"
  | "domestic-manufacture"
  | "supply-chain-adoption"
  | "uk-jobs"
  | "standards";

export interface ValueCapturePathway {
  readonly key: ValueCapturePathwayKey;
  readonly label: string;
  /**
   * True for the three pathways the report names as examples: executive summary and §7.2,
   * "specific pathways to value capture from a UK industry standpoint – such as IP creation, the
   * development of new workforce skills or domestic manufacture of next-generation products".
   * False for pathways added by the product (requested in our issue tracker); these still rest on
   * Table 7.1 "Value capture" bullets, quoted in reportText.
   */
  readonly namedInReport: boolean;
  /** The report's supporting text, verbatim (joined quotes with their section in brackets). */
  readonly reportText: readonly string[];
  /** Table 7.1 perspectives whose "Value capture" column supports the pathway. */
  readonly perspectives: readonly ValuePerspectiveKey[];
}

/**
 * Value-capture pathways offered to bidders as checkboxes (with evidence).
 * Named explicitly by the report: ip-creation, workforce-skills, domestic-manufacture.
 * Product additions (issue tracker), grounded in Table 7.1 / §7.2: supply-chain-adoption, uk-jobs,
 * standards.
 */
export const VALUE_CAPTURE_PATHWAYS: readonly ValueCapturePathway[] = [
  {
    key: "ip-creation",
    label: "IP creation",
    namedInReport: true,
    reportText: [
      "The creation of manufacturing intellectual property (in addition to technology intellectual property) was also highlighted as a particularly valuable activity that should be among the considerations when attempting to distinguish which projects may have the potential to capture domestic value. (§7.2)",
      "Manufacturing intellectual property creation (Table 7.1, manufacturing process)",
      "Technology patenting and licensing (Table 7.1, technology)",
    ],
    perspectives: ["manufacturing-process", "technology"],
  },
  {
    key: "workforce-skills",
    label: "New workforce skills",
    namedInReport: true,
    reportText: [
      "Other aspects that warrant particular consideration include the potential for international R&I collaboration to support the development of new workforce skills (and their application in UK industry) (§7.2)",
      "Effective industry application of new technology (Table 7.1, workforce/skills)",
    ],
    perspectives: ["workforce-skills"],
  },
  {
    key: "domestic-manufacture",
    label: "Domestic manufacture of next-generation products",
    namedInReport: true,
    reportText: [
      "… and the domestic manufacture of next-generation products (and development of related business models). (§7.2)",
      "Enabling domestic development of new products, processes and business models (Table 7.1, supply chain)",
    ],
    perspectives: ["supply-chain"],
  },
  {
    key: "supply-chain-adoption",
    label: "Adoption of new technologies across UK supply chains",
    namedInReport: false,
    reportText: [
      "There was broad consensus on the importance of considering how international collaboration can support the adoption of new technologies across UK supply chains (and help to address disparities in productivity). (§7.2)",
      "Indeed, the “capacity of [the] UK industrial base to absorb and deploy technology/process” has been identified as the main factor affecting national value capture from international manufacturing research collaboration. (§7.2)",
      "Adoption of new technologies across the supply chain (Table 7.1, supply chain)",
    ],
    perspectives: ["supply-chain"],
  },
  {
    key: "uk-jobs",
    label: "UK jobs",
    namedInReport: false,
    reportText: [
      "Generation of industrial jobs (Table 7.1, supply chain)",
      "Economies of scale and scope, enabling industrial jobs in a high-wage economy (Table 7.1, manufacturing process)",
      "Generation of R&D jobs (Table 7.1, technology)",
    ],
    perspectives: ["supply-chain", "manufacturing-process", "technology"],
  },
  {
    key: "standards",
    label: "Standards and regulatory compliance",
    namedInReport: false,
    reportText: ["Standards adoption and regulatory compliance (Table 7.1, manufacturing process)"],
    perspectives: ["manufacturing-process"],
  },
];

export function findValueCapturePathway(key: string): ValueCapturePathway | undefined {
  return VALUE_CAPTURE_PATHWAYS.find((p) => p.key === key);
}
