/**
 * Demo proposals and assessments for a new installation. Invented organisations and projects,
 * built on the report's shortlisted technology–country pairs so strategic fit shows up.
 */
import { PROPOSAL_SECTIONS, type PartnerRow, type ProposalAnswers } from "../lib/domain/proposal/questions";
import { DEFAULT_RUBRIC } from "../lib/domain/rubric";
import { findDomain } from "../lib/domain/report/technology-domains";
import type { AssessmentFormValues } from "../lib/validation/assessment";

export interface DemoProposal {
  title: string;
  focus: string;
  domainId: string;
  rdCategory: string;
  lead: { name: string; type: string };
  partners: { organisation: string; country: string; type: string; share: number }[];
  totalCost: number;
  grantRequested: number;
  /** 0–10: how strong the assessors find it (drives the demo scores). */
  quality: number;
  /** Assessors disagree sharply on one criterion. */
  contested?: boolean;
  /** Weak on UK value capture whatever its overall quality (fails that threshold). */
  weakValueCapture?: boolean;
  /** Technology readiness level at the start and end (4 → 6 unless given). */
  trl?: [number, number];
  /** Two of the three assessors judge it out of the call's scope. */
  outOfScope?: boolean;
}

export const RANKED_CALL_PROPOSALS: DemoProposal[] = [
  { title: "Solid-state battery cell pilot line", focus: "a pilot line for solid-state battery cells with a dry electrode process", domainId: "batteries", rdCategory: "production-technology", lead: { name: "Midlands Cell Works Ltd", type: "sme" }, partners: [{ organisation: "Argonne Battery Consortium", country: "US", type: "rto", share: 35 }], totalCost: 900_000, grantRequested: 600_000, quality: 8.6 },
  { title: "Digital twins for composite wing assembly", focus: "digital twins that predict distortion in composite wing assembly", domainId: "digital-twins", rdCategory: "manufacturing-enabling", lead: { name: "Severn Aerostructures plc", type: "large-business" }, partners: [{ organisation: "Fraunhofer IGD", country: "DE", type: "rto", share: 30 }], totalCost: 800_000, grantRequested: 450_000, quality: 8.1 },
  { title: "Laser powder bed fusion qualification", focus: "qualification data for laser powder bed fusion of titanium brackets", domainId: "additive-manufacturing", rdCategory: "manufacturability", lead: { name: "Northern Composites Ltd", type: "sme" }, partners: [{ organisation: "RWTH Aachen Digital Additive Production", country: "DE", type: "university", share: 40 }], totalCost: 700_000, grantRequested: 420_000, quality: 7.4 },
  { title: "Green hydrogen electrolyser stack manufacture", focus: "automated manufacture of PEM electrolyser stacks", domainId: "green-hydrogen-production", rdCategory: "production-technology", lead: { name: "Humber Hydrogen Engineering Ltd", type: "sme" }, partners: [{ organisation: "Nanyang Energy Research Institute", country: "SG", type: "university", share: 30 }], totalCost: 1_000_000, grantRequested: 650_000, quality: 7.9, contested: true },
  { title: "Collaborative robots for small-batch welding", focus: "collaborative robots that learn small-batch welding paths", domainId: "robotics", rdCategory: "challenge-led", lead: { name: "Clyde Robotics Ltd", type: "sme" }, partners: [{ organisation: "Vector Institute for Robotics", country: "CA", type: "rto", share: 30 }], totalCost: 600_000, grantRequested: 380_000, quality: 6.8 },
  { title: "Industrial cyber security for legacy controllers", focus: "intrusion detection for legacy programmable logic controllers", domainId: "industrial-cyber-security", rdCategory: "cross-cutting", lead: { name: "Severn Aerostructures plc", type: "large-business" }, partners: [{ organisation: "Technion Cyber Manufacturing Lab", country: "IL", type: "university", share: 35 }], totalCost: 500_000, grantRequested: 300_000, quality: 7.0 },
  { title: "Quantum sensor packaging at scale", focus: "scalable packaging of cold-atom quantum sensors", domainId: "quantum-systems-manufacturing", rdCategory: "manufacturability", lead: { name: "Oxford Quantum Assembly Ltd", type: "sme" }, partners: [{ organisation: "ETH Zurich Quantum Engineering", country: "CH", type: "university", share: 40 }], totalCost: 850_000, grantRequested: 500_000, quality: 7.1, contested: true },
  { title: "Bio-derived resins for automotive interiors", focus: "bio-derived resins that replace petrochemical interior plastics", domainId: "bio-derived-materials-manufacturing", rdCategory: "challenge-led", lead: { name: "Wessex Biomaterials Ltd", type: "sme" }, partners: [{ organisation: "Indian Institute of Science Bioprocess Centre", country: "IN", type: "university", share: 35 }], totalCost: 550_000, grantRequested: 330_000, quality: 5.9 },
  { title: "AI process control for glass furnaces", focus: "machine-learning control that cuts energy use in glass furnaces", domainId: "ai-ml", rdCategory: "manufacturing-enabling", lead: { name: "Pennine Glass Technologies Ltd", type: "large-business" }, partners: [{ organisation: "Industrial Technology Research Institute", country: "TW", type: "rto", share: 30 }], totalCost: 650_000, grantRequested: 350_000, quality: 6.1, weakValueCapture: true },
  { title: "Sensor-rich machining cells", focus: "retrofit sensing for machining cells to capture process data", domainId: "data-capture-sensors", rdCategory: "production-technology", lead: { name: "Black Country Precision Ltd", type: "sme" }, partners: [{ organisation: "Taiwan Machine Tool Research Centre", country: "TW", type: "rto", share: 35 }], totalCost: 450_000, grantRequested: 270_000, quality: 5.3 },
  { title: "Remanufacturing of EV drive units", focus: "disassembly and remanufacture of electric-vehicle drive units", domainId: "remanufacturing", rdCategory: "challenge-led", lead: { name: "Tyne Reman Ltd", type: "sme" }, partners: [{ organisation: "Chalmers Circular Manufacturing", country: "SE", type: "university", share: 30 }], totalCost: 500_000, grantRequested: 300_000, quality: 4.6 },
  { title: "AR work instructions for aerospace MRO", focus: "augmented-reality work instructions for maintenance, repair and overhaul", domainId: "ar-vr", rdCategory: "cross-cutting", lead: { name: "Bristol Immersive Engineering Ltd", type: "sme" }, partners: [{ organisation: "EPFL Immersive Interaction Lab", country: "CH", type: "university", share: 30 }], totalCost: 400_000, grantRequested: 240_000, quality: 4.1 },
  { title: "Graphene-enhanced thermal interface materials", focus: "graphene-enhanced thermal interface materials for power electronics", domainId: "graphene-2d-materials", rdCategory: "manufacturability", lead: { name: "Manchester 2D Materials Ltd", type: "sme" }, partners: [{ organisation: "Korea Advanced Nanomaterials Institute", country: "KR", type: "rto", share: 35 }], totalCost: 600_000, grantRequested: 360_000, quality: 3.4, weakValueCapture: true },
  { title: "IIoT retrofit kit for foundries", focus: "a low-cost industrial internet of things retrofit kit for foundries", domainId: "iot-iiot", rdCategory: "production-technology", lead: { name: "Sheffield Foundry Systems Ltd", type: "sme" }, partners: [{ organisation: "Fraunhofer IPA", country: "DE", type: "rto", share: 40 }], totalCost: 350_000, grantRequested: 200_000, quality: 2.8, outOfScope: true },
];

export const IN_ASSESSMENT_PROPOSALS: DemoProposal[] = [
  { title: "Hydrogen fuel cell bipolar plate forming", focus: "high-rate forming of metallic bipolar plates", domainId: "hydrogen-fuel-cells", rdCategory: "production-technology", lead: { name: "Coventry Fuel Cell Components Ltd", type: "sme" }, partners: [{ organisation: "Fraunhofer ISE", country: "DE", type: "rto", share: 35 }], totalCost: 750_000, grantRequested: 450_000, quality: 7 },
  { title: "Power electronics for wide-bandgap inverters", focus: "assembly processes for silicon carbide inverter modules", domainId: "power-electronics", rdCategory: "manufacturability", lead: { name: "Cambridge Power Devices Ltd", type: "sme" }, partners: [{ organisation: "Industrial Technology Research Institute", country: "TW", type: "rto", share: 30 }], totalCost: 680_000, grantRequested: 400_000, quality: 6 },
  { title: "Synthetic biology routes to specialty chemicals", focus: "continuous fermentation routes to specialty chemicals", domainId: "synthetic-biology-manufacturing", rdCategory: "challenge-led", lead: { name: "Teesside Bioprocess Ltd", type: "sme" }, partners: [{ organisation: "Ginkgo Foundry Partners", country: "US", type: "large-business", share: 40 }], totalCost: 900_000, grantRequested: 520_000, quality: 6 },
  { title: "Automated layup for thermoplastic composites", focus: "automated fibre placement for thermoplastic composite parts", domainId: "automation-machine-building", rdCategory: "production-technology", lead: { name: "Derby Automation Ltd", type: "sme" }, partners: [{ organisation: "NRC Aerospace Manufacturing", country: "CA", type: "rto", share: 35 }], totalCost: 620_000, grantRequested: 370_000, quality: 6 },
];

/**
 * A closed, fully assessed call built for portfolio balancing (issue 10): the rank-order line funds
 * two proposals from one lead organisation and no net-zero project, so "at least 30 % of the
 * budget to net zero" and "at most 1 award per lead organisation" each change the plan.
 */
export const PORTFOLIO_CALL_PROPOSALS: DemoProposal[] = [
  { title: "Digital thread for aerospace machining", focus: "a digital thread that links design, machining and inspection data", domainId: "digital-twins", rdCategory: "manufacturing-enabling", lead: { name: "Severn Aerostructures plc", type: "large-business" }, partners: [{ organisation: "Fraunhofer IPK", country: "DE", type: "rto", share: 30 }], totalCost: 700_000, grantRequested: 400_000, quality: 8.6, trl: [5, 7] },
  { title: "Vision inspection for composite layup", focus: "in-line machine vision that finds defects in composite layup", domainId: "data-capture-sensors", rdCategory: "production-technology", lead: { name: "Severn Aerostructures plc", type: "large-business" }, partners: [{ organisation: "National Research Council Canada", country: "CA", type: "rto", share: 30 }], totalCost: 680_000, grantRequested: 400_000, quality: 8.2, trl: [4, 6] },
  { title: "Robotic drilling cells for wing spars", focus: "mobile robotic drilling cells for wing spar assembly", domainId: "robotics", rdCategory: "production-technology", lead: { name: "Clyde Robotics Ltd", type: "sme" }, partners: [{ organisation: "KAIST Robotics Institute", country: "KR", type: "university", share: 35 }], totalCost: 650_000, grantRequested: 400_000, quality: 7.8, trl: [6, 8] },
  { title: "AI scheduling for jobbing foundries", focus: "machine-learning scheduling for small jobbing foundries", domainId: "ai-ml", rdCategory: "manufacturing-enabling", lead: { name: "Sheffield Foundry Systems Ltd", type: "sme" }, partners: [{ organisation: "Industrial Technology Research Institute", country: "TW", type: "rto", share: 30 }], totalCost: 640_000, grantRequested: 400_000, quality: 7.4, trl: [3, 5] },
  { title: "Wireless sensing for glass kilns", focus: "wireless sensor networks that survive glass kiln temperatures", domainId: "iot-iiot", rdCategory: "cross-cutting", lead: { name: "Pennine Glass Technologies Ltd", type: "large-business" }, partners: [{ organisation: "Fraunhofer IIS", country: "DE", type: "rto", share: 30 }], totalCost: 620_000, grantRequested: 400_000, quality: 7.0, trl: [4, 6] },
  { title: "Hydrogen burners for forging furnaces", focus: "retrofitting forging furnaces with hydrogen-ready burners", domainId: "green-hydrogen-production", rdCategory: "challenge-led", lead: { name: "Humber Hydrogen Engineering Ltd", type: "sme" }, partners: [{ organisation: "Korea Institute of Energy Research", country: "KR", type: "rto", share: 35 }], totalCost: 700_000, grantRequested: 400_000, quality: 6.8, trl: [5, 7] },
  { title: "Automated disassembly of battery packs", focus: "automated disassembly of end-of-life electric-vehicle battery packs", domainId: "remanufacturing", rdCategory: "challenge-led", lead: { name: "Tyne Reman Ltd", type: "sme" }, partners: [{ organisation: "Chalmers Circular Manufacturing", country: "SE", type: "university", share: 30 }], totalCost: 660_000, grantRequested: 400_000, quality: 6.4, trl: [2, 4] },
  { title: "Additive repair of turbine blades", focus: "directed-energy-deposition repair of turbine blades", domainId: "additive-manufacturing", rdCategory: "manufacturability", lead: { name: "Derby Automation Ltd", type: "sme" }, partners: [{ organisation: "Argonne Advanced Manufacturing", country: "US", type: "rto", share: 30 }], totalCost: 600_000, grantRequested: 400_000, quality: 6.1, trl: [6, 8] },
  { title: "Low-cost sensors for machine tools", focus: "low-cost retrofit sensors for older machine tools", domainId: "data-capture-sensors", rdCategory: "production-technology", lead: { name: "Black Country Precision Ltd", type: "sme" }, partners: [{ organisation: "Taiwan Machine Tool Research Centre", country: "TW", type: "rto", share: 35 }], totalCost: 450_000, grantRequested: 250_000, quality: 3.6, weakValueCapture: true },
];

export const AWAITING_ASSIGNMENT_PROPOSALS: DemoProposal[] = [
  { title: "End-to-end traceability for battery materials", focus: "traceability of battery materials from mine to cell", domainId: "end-to-end-supply-chain-integration", rdCategory: "cross-cutting", lead: { name: "Lancashire Supply Chain Data Ltd", type: "sme" }, partners: [{ organisation: "A*STAR Advanced Remanufacturing Centre", country: "SG", type: "rto", share: 30 }], totalCost: 500_000, grantRequested: 300_000, quality: 6 },
  { title: "Predictive maintenance for press lines", focus: "predictive maintenance for automotive press lines", domainId: "predictive-systems", rdCategory: "manufacturing-enabling", lead: { name: "Swindon Stamping Ltd", type: "large-business" }, partners: [{ organisation: "Fraunhofer IPT", country: "DE", type: "rto", share: 35 }], totalCost: 560_000, grantRequested: 330_000, quality: 6 },
  { title: "Sustainable plastics recycling by solvent purification", focus: "solvent-based purification of mixed plastic waste", domainId: "sustainable-plastics", rdCategory: "challenge-led", lead: { name: "Mersey Polymers Ltd", type: "sme" }, partners: [{ organisation: "TNO Circular Plastics", country: "NL", type: "rto", share: 30 }], totalCost: 480_000, grantRequested: 280_000, quality: 6 },
  { title: "Systems integration for smart factories", focus: "open integration of shop-floor and enterprise systems", domainId: "digital-systems-integration", rdCategory: "cross-cutting", lead: { name: "Reading Integration Ltd", type: "sme" }, partners: [{ organisation: "Purdue Smart Manufacturing Institute", country: "US", type: "university", share: 35 }], totalCost: 520_000, grantRequested: 310_000, quality: 6 },
  { title: "High-performance computing for casting simulation", focus: "exascale-ready casting simulation", domainId: "high-performance-computing", rdCategory: "manufacturing-enabling", lead: { name: "Loughborough Simulation Ltd", type: "sme" }, partners: [{ organisation: "Jülich Supercomputing Centre", country: "DE", type: "rto", share: 40 }], totalCost: 640_000, grantRequested: 380_000, quality: 6 },
];

const para = (p: DemoProposal, topic: string) =>
  `For ${p.focus}, ${topic} The work plan sets clear milestones and both partners have committed named staff and facilities for the full duration.`;

/** Complete answers for every question, phrased around the project's focus. */
export function demoAnswers(p: DemoProposal): ProposalAnswers {
  const domain = findDomain(p.domainId);
  const answers: ProposalAnswers = {};
  for (const section of PROPOSAL_SECTIONS) {
    const a: Record<string, string | string[] | PartnerRow[]> = {};
    for (const q of section.questions) {
      if (q.kind === "longText") a[q.key] = para(p, `the consortium addresses ${q.label.toLowerCase()} in the context of ${domain?.shortName ?? "the technology"}.`);
      else if (q.kind === "select") a[q.key] = q.options[0]?.value ?? "";
      else if (q.kind === "text") a[q.key] = p.lead.name;
    }
    answers[section.key] = a;
  }
  const project = answers.project!;
  project.title = p.title;
  project.summary = `The project will develop ${p.focus}. It brings UK and international partners together to move the technology towards production in the UK.`;
  project.domainId = p.domainId;
  project.rdCategory = p.rdCategory;
  const [trlStart, trlEnd] = p.trl ?? [4, 6];
  Object.assign(project, { trlStart: String(trlStart), trlEnd: String(trlEnd), mrlStart: "3", mrlEnd: "6", durationMonths: "24" });
  project.totalCost = String(p.totalCost);
  project.grantRequested = String(p.grantRequested);
  const consortium = answers.consortium!;
  consortium.leadName = p.lead.name;
  consortium.leadType = p.lead.type;
  consortium.partners = p.partners.map((partner) => ({
    organisation: partner.organisation,
    country: partner.country,
    type: partner.type,
    role: `Leads the partner-side research on ${p.focus} and hosts UK staff exchanges.`,
    share: String(partner.share),
  }));
  const valueCapture = answers.valueCapture!;
  valueCapture.pathways = ["ip-creation", "workforce-skills", "domestic-manufacture"];
  for (const key of ["evidenceIpCreation", "evidenceWorkforceSkills", "evidenceDomesticManufacture"]) {
    valueCapture[key] = para(p, "the lead has a signed exploitation plan and a UK site earmarked for the next stage.");
  }
  return answers;
}

const clamp = (n: number) => Math.max(0, Math.min(10, Math.round(n)));

const JUSTIFICATION = (title: string, score: number) =>
  `The proposal scores ${score} on ${title.toLowerCase()}. The evidence offered is ${score >= 7 ? "specific and convincing" : score >= 5 ? "adequate but general in places" : "thin and mostly asserted"}, and the plan ${score >= 5 ? "explains" : "does not yet explain"} how the partners will deliver it within the time and budget requested.`;

/** A demo assessor's scores: the proposal's quality, the assessor's habits, and a little variety. */
/** How harsh (−) or lenient (+) each demo assessor is, in points on 0–10. */
export const DEFAULT_HABITS = [-0.6, 0.4, 0] as const;
/** The ranked call's assessors differ visibly ("How sure is this ranking?"): Ada harsh, Ben lenient. */
export const RANKED_CALL_HABITS = [-1.1, 0.9, 0] as const;

export function demoAssessment(
  p: DemoProposal,
  proposalIndex: number,
  assessorIndex: number,
  habits: readonly number[] = DEFAULT_HABITS,
): AssessmentFormValues {
  const scores: Record<string, string> = {};
  const justifications: Record<string, string> = {};
  DEFAULT_RUBRIC.forEach((criterion, c) => {
    const habit = habits[assessorIndex] ?? 0;
    const wobble = (((proposalIndex + 1) * (c + 2) * (assessorIndex + 3)) % 5) / 2.5 - 0.8;
    let score = p.quality + habit + wobble;
    if (p.weakValueCapture && criterion.key === "value-capture") score = 3.6 + assessorIndex * 0.6;
    if (p.contested && criterion.key === "excellence") score = [3, 9, 6][assessorIndex] ?? score;
    const value = clamp(score);
    scores[criterion.key] = String(value);
    justifications[criterion.key] = JUSTIFICATION(criterion.title, value);
  });
  const outOfScope = p.outOfScope === true && assessorIndex < 2;
  return {
    inScope: outOfScope ? "no" : "yes",
    inScopeComment: outOfScope ? "A sensor retrofit kit is digital infrastructure rather than advanced manufacturing or materials R&D, so it falls outside this call." : "",
    scores,
    justifications,
    bidderFeedback: `Strengths: a clear plan for ${p.focus} and a partner with matching capability. Weaknesses: ${p.quality >= 6 ? "the route to UK manufacture could name more suppliers" : "the value-capture pathway and the intellectual property agreement need much more detail"}, and the risks need owners.`,
    privateComment: p.quality >= 7 ? "Strong team; would fund." : "Borderline; depends on the budget.",
    recommendation: p.quality >= 6 ? "yes" : "no",
    confidence: (["high", "medium", "low"] as const)[(proposalIndex + assessorIndex) % 3]!,
  };
}
