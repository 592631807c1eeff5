/**
 * Assessment rubrics: the criteria assessors score, their scales and band descriptors, weights and
 * thresholds. A call stores its own rubric; DEFAULT_RUBRIC is the one drawn from the report
 * (issue 3). Pure data and functions.
 */
import {
  KNOW_HOW_RISKS,
  NATIONAL_CONTEXT_FACTORS,
  PRIORITISATION_CRITERIA,
  VALUE_CAPTURE_PATHWAYS,
  VALUE_CAPTURE_PERSPECTIVES,
  WIN_WIN_PRINCIPLES,
  type PrioritisationCriterion,
  type PrioritisationCriterionKey,
} from "./report";

export interface ScoreBand {
  min: number;
  max: number;
  label: string;
  description: string;
}

export interface RubricCriterion {
  key: string;
  title: string;
  /** Where in the report the criterion comes from, e.g. "Table 2.2". */
  source: string;
  /** Questions the assessor should ask of the proposal. */
  guidance: readonly string[];
  scaleMin: number;
  scaleMax: number;
  /** Descriptors covering every whole score from scaleMin to scaleMax, in ascending order. */
  bands: readonly ScoreBand[];
  /** Percent, a whole number from 0 to 100; a rubric's weights add up to 100. */
  weight: number;
  /** Minimum mean score to pass, on the criterion's own scale; null for no minimum. */
  threshold: number | null;
}

/** Anchored descriptors for a 0–10 scale (issue 3). One sentence each, so assessors can apply them. */
export const DEFAULT_SCORE_BANDS: readonly ScoreBand[] = [
  {
    min: 0,
    max: 0,
    label: "No evidence",
    description: "The proposal does not address this criterion or gives nothing that can be assessed.",
  },
  {
    min: 1,
    max: 2,
    label: "Poor",
    description: "The criterion is touched on only in passing, with unsupported claims and serious weaknesses.",
  },
  {
    min: 3,
    max: 4,
    label: "Weak",
    description: "Some relevant points are made, but evidence is thin and significant weaknesses or gaps remain.",
  },
  {
    min: 5,
    max: 6,
    label: "Adequate",
    description: "The criterion is addressed credibly with some evidence, and strengths outweigh the weaknesses.",
  },
  {
    min: 7,
    max: 8,
    label: "Good",
    description: "The criterion is addressed convincingly with specific evidence, leaving only minor weaknesses.",
  },
  {
    min: 9,
    max: 10,
    label: "Excellent",
    description: "Every aspect of the criterion is addressed with specific, verifiable evidence and no material weaknesses.",
  },
];

/** Used to break ties in rankings (DESIGN.md "Ranking rules"). */
export const VALUE_CAPTURE_KEY = "value-capture";
export const WIN_WIN_KEY = "win-win";

function tableCriterion(key: PrioritisationCriterionKey): PrioritisationCriterion {
  const found = PRIORITISATION_CRITERIA.find((c) => c.key === key);
  // Unreachable while the report data is intact; failing loudly beats a rubric with no guidance.
  if (!found) throw new Error(`Table 2.2 criterion "${key}" is missing from the report data`);
  return found;
}

/** Table 7.1 perspectives, the §7.2 pathways and the §7.1 risks, phrased as assessor questions. */
const VALUE_CAPTURE_GUIDANCE: readonly string[] = [
  ...VALUE_CAPTURE_PERSPECTIVES.map(
    (p) => `${p.title}: will the value created (${p.valueCreation}) be captured in the UK (${p.valueCapture})?`,
  ),
  `Is there an evidenced pathway to UK value capture? Pathways include: ${VALUE_CAPTURE_PATHWAYS.map((p) => p.label).join("; ")}.`,
  ...KNOW_HOW_RISKS.map((r) => `Is the risk that ${r.description} recognised and mitigated?`),
];

function defaultCriterion(
  fields: Pick<RubricCriterion, "key" | "title" | "source" | "guidance" | "weight" | "threshold">,
): RubricCriterion {
  return { ...fields, scaleMin: 0, scaleMax: 10, bands: DEFAULT_SCORE_BANDS };
}

/** A Table 2.2 criterion, with no threshold, with the report's sub-questions as guidance. */
function table22Criterion(key: string, tableKey: PrioritisationCriterionKey, weight: number): RubricCriterion {
  const criterion = tableCriterion(tableKey);
  return defaultCriterion({ key, title: criterion.title, source: "Table 2.2", guidance: criterion.subQuestions, weight, threshold: null });
}

/** Issue 3's table, in its order. Table 2.2 criteria take their sub-questions as guidance. */
export const DEFAULT_RUBRIC: readonly RubricCriterion[] = [
  defaultCriterion({
    key: VALUE_CAPTURE_KEY,
    title: "UK value capture",
    source: "Table 7.1, §7.1–7.2",
    guidance: VALUE_CAPTURE_GUIDANCE,
    weight: 25,
    threshold: 5,
  }),
  defaultCriterion({
    key: WIN_WIN_KEY,
    title: "Win-win mutual benefit",
    source: "§2.3",
    guidance: WIN_WIN_PRINCIPLES.map((p) => `${p.title}: ${p.description}`),
    weight: 20,
    threshold: 5,
  }),
  table22Criterion("excellence", "ri-excellence", 15),
  table22Criterion("competitiveness", "economic-competitiveness", 15),
  table22Criterion("grand-challenges", "grand-challenges", 5),
  table22Criterion("additionality", "additionality", 10),
  defaultCriterion({
    key: "feasibility",
    title: "Feasibility and partner context",
    source: "Table 2.2, §7.4",
    guidance: [
      ...tableCriterion("feasibility").subQuestions,
      ...NATIONAL_CONTEXT_FACTORS.map((f) => `${f.title}: ${f.text}`),
    ],
    weight: 10,
    threshold: null,
  }),
];

export interface RubricProblem {
  field: string;
  message: string;
}

function bandProblem(criterion: RubricCriterion): string | null {
  const { bands, scaleMin, scaleMax } = criterion;
  if (bands.length === 0) return "Describe at least one band of the scale";
  // Walking the bands in order, each must start exactly one above where the last ended: that is
  // contiguous, non-overlapping and (with the end checks) covers every whole score exactly once.
  let next = scaleMin;
  for (const band of bands) {
    if (band.label.trim() === "") return "Give every band a label";
    if (!Number.isInteger(band.min) || !Number.isInteger(band.max) || band.min > band.max) {
      return `Band “${band.label}” must run from one whole number up to another`;
    }
    if (band.min > next) return `No band covers ${range(next, band.min - 1)}`;
    if (band.min < next) {
      return band.min < scaleMin
        ? `Band “${band.label}” starts below the scale minimum of ${scaleMin}`
        : `Band “${band.label}” overlaps the band before it`;
    }
    next = band.max + 1;
  }
  if (next - 1 > scaleMax) return `Bands go beyond the scale maximum of ${scaleMax}`;
  if (next - 1 < scaleMax) return `No band covers ${range(next, scaleMax)}`;
  return null;
}

function range(from: number, to: number): string {
  return from === to ? `a score of ${from}` : `scores ${from} to ${to}`;
}

/** Everything wrong with a rubric, as field-level messages; empty when it can be used. */
export function rubricProblems(criteria: readonly RubricCriterion[]): RubricProblem[] {
  if (criteria.length === 0) return [{ field: "criteria", message: "Add at least one criterion" }];

  const problems: RubricProblem[] = [];
  const seen = new Set<string>();
  let weightsAreWhole = true;

  criteria.forEach((c, i) => {
    const at = (name: string) => `criteria.${i}.${name}`;
    const key = c.key.trim();
    if (key === "") problems.push({ field: at("key"), message: `Enter a key for criterion ${i + 1}` });
    else if (seen.has(key)) {
      problems.push({ field: at("key"), message: `Criterion keys must be unique: “${key}” is used more than once` });
    }
    seen.add(key);

    if (c.title.trim() === "") problems.push({ field: at("title"), message: `Enter a title for criterion ${i + 1}` });

    const scaleOk = Number.isInteger(c.scaleMin) && Number.isInteger(c.scaleMax) && c.scaleMin < c.scaleMax;
    if (!scaleOk) {
      problems.push({
        field: at("scaleMax"),
        message: "The scale must run from one whole number up to a larger whole number",
      });
    }

    if (!Number.isInteger(c.weight) || c.weight < 0 || c.weight > 100) {
      weightsAreWhole = false;
      problems.push({ field: at("weight"), message: "Weight must be a whole number from 0 to 100" });
    }

    if (scaleOk && c.threshold !== null && !(c.threshold >= c.scaleMin && c.threshold <= c.scaleMax)) {
      problems.push({
        field: at("threshold"),
        message: `Minimum score must be from ${c.scaleMin} to ${c.scaleMax}, or left blank`,
      });
    }

    // Bands can only be judged against a sound scale.
    const bands = scaleOk ? bandProblem(c) : null;
    if (bands) problems.push({ field: at("bands"), message: bands });
  });

  // A total is only meaningful once every weight is itself valid.
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (weightsAreWhole && total !== 100) {
    problems.push({ field: "weights", message: `Weights must add up to 100% (they add up to ${total}%)` });
  }
  return problems;
}

/**
 * The band a score (or a mean of scores) falls in. A mean between two bands, such as 8.5, counts
 * in the lower one: it has not reached the higher band's minimum. Undefined off the scale.
 */
export function bandFor(criterion: RubricCriterion, score: number): ScoreBand | undefined {
  if (!(score >= criterion.scaleMin && score <= criterion.scaleMax)) return undefined;
  const whole = Math.floor(score);
  return criterion.bands.find((b) => whole >= b.min && whole <= b.max);
}

function sameBands(a: readonly ScoreBand[], b: readonly ScoreBand[]): boolean {
  return (
    a.length === b.length &&
    a.every((band, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        band.min === other.min &&
        band.max === other.max &&
        band.label === other.label &&
        band.description === other.description
      );
    })
  );
}

/**
 * True when a change would alter what existing scores mean: criteria added, removed, renamed
 * (key) or reordered, or a scale or band changed. Such changes are refused once assessments have
 * started; weights and thresholds only change how scores are combined, so they stay editable.
 */
export function rubricStructureChanged(
  before: readonly RubricCriterion[],
  after: readonly RubricCriterion[],
): boolean {
  if (before.length !== after.length) return true;
  return before.some((b, i) => {
    const a = after[i];
    return (
      a === undefined ||
      a.key !== b.key ||
      a.scaleMin !== b.scaleMin ||
      a.scaleMax !== b.scaleMax ||
      !sameBands(b.bands, a.bands)
    );
  });
}
