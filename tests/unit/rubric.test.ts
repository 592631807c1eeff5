import { describe, expect, it } from "vitest";
import {
  DEFAULT_RUBRIC,
  DEFAULT_SCORE_BANDS,
  VALUE_CAPTURE_KEY,
  WIN_WIN_KEY,
  bandFor,
  rubricProblems,
  rubricStructureChanged,
  type RubricCriterion,
  type ScoreBand,
} from "../../lib/domain/rubric";
import {
  KNOW_HOW_RISKS,
  NATIONAL_CONTEXT_FACTORS,
  PRIORITISATION_CRITERIA,
  VALUE_CAPTURE_PERSPECTIVES,
  WIN_WIN_PRINCIPLES,
} from "../../lib/domain/report";

/** A copy of the default rubric with one criterion changed. */
function withCriterion(index: number, change: Partial<RubricCriterion>): RubricCriterion[] {
  return DEFAULT_RUBRIC.map((c, i) => (i === index ? { ...c, ...change } : c));
}

function band(min: number, max: number, label = `${min}–${max}`): ScoreBand {
  return { min, max, label, description: `Scores ${min} to ${max}.` };
}

const first = DEFAULT_RUBRIC[0]!;

describe("the default rubric", () => {
  it("matches issue 3's table: keys, order, titles, sources, weights and thresholds", () => {
    expect(
      DEFAULT_RUBRIC.map(({ key, title, source, weight, threshold }) => [key, title, source, weight, threshold]),
    ).toEqual([
      ["value-capture", "UK value capture", "Table 7.1, §7.1–7.2", 25, 5],
      ["win-win", "Win-win mutual benefit", "§2.3", 20, 5],
      ["excellence", "Research and innovation excellence", "Table 2.2", 15, null],
      ["competitiveness", "Economic competitiveness", "Table 2.2", 15, null],
      ["grand-challenges", "Grand challenges", "Table 2.2", 5, null],
      ["additionality", "Additionality", "Table 2.2", 10, null],
      ["feasibility", "Feasibility and partner context", "Table 2.2, §7.4", 10, null],
    ]);
  });

  it("has weights that add up to 100", () => {
    expect(DEFAULT_RUBRIC.reduce((sum, c) => sum + c.weight, 0)).toBe(100);
  });

  it("passes its own validation", () => {
    expect(rubricProblems(DEFAULT_RUBRIC)).toEqual([]);
  });

  it("scores every criterion 0–10 with the default bands", () => {
    for (const c of DEFAULT_RUBRIC) {
      expect([c.scaleMin, c.scaleMax]).toEqual([0, 10]);
      expect(c.bands).toBe(DEFAULT_SCORE_BANDS);
    }
    expect(DEFAULT_SCORE_BANDS.map((b) => [b.min, b.max, b.label])).toEqual([
      [0, 0, "No evidence"],
      [1, 2, "Poor"],
      [3, 4, "Weak"],
      [5, 6, "Adequate"],
      [7, 8, "Good"],
      [9, 10, "Excellent"],
    ]);
    for (const b of DEFAULT_SCORE_BANDS) expect(b.description).toMatch(/^[A-Z].+\.$/u);
  });

  it("gives the Table 2.2 sub-questions as guidance", () => {
    const guidance = (key: string) => DEFAULT_RUBRIC.find((c) => c.key === key)!.guidance;
    const subQuestions = (key: string) => PRIORITISATION_CRITERIA.find((c) => c.key === key)!.subQuestions;
    expect(guidance("excellence")).toEqual(subQuestions("ri-excellence"));
    expect(guidance("competitiveness")).toEqual(subQuestions("economic-competitiveness"));
    expect(guidance("grand-challenges")).toEqual(subQuestions("grand-challenges"));
    expect(guidance("additionality")).toEqual(subQuestions("additionality"));
    expect(guidance("feasibility").slice(0, 3)).toEqual(subQuestions("feasibility"));
  });

  it("adds the §7.4 national-context factors to the feasibility guidance", () => {
    const feasibility = DEFAULT_RUBRIC.find((c) => c.key === "feasibility")!;
    for (const f of NATIONAL_CONTEXT_FACTORS) {
      expect(feasibility.guidance.some((g) => g.includes(f.text))).toBe(true);
    }
  });

  it("gives one line of win-win guidance per §2.3 principle", () => {
    const winWin = DEFAULT_RUBRIC.find((c) => c.key === WIN_WIN_KEY)!;
    expect(winWin.guidance).toHaveLength(WIN_WIN_PRINCIPLES.length);
    WIN_WIN_PRINCIPLES.forEach((p, i) => expect(winWin.guidance[i]).toContain(p.title));
  });

  it("draws value-capture guidance from the Table 7.1 perspectives, pathways and §7.1 risks", () => {
    const valueCapture = DEFAULT_RUBRIC.find((c) => c.key === VALUE_CAPTURE_KEY)!;
    const all = valueCapture.guidance.join("\n");
    for (const p of VALUE_CAPTURE_PERSPECTIVES) expect(all).toContain(p.valueCapture);
    expect(all).toContain("IP creation");
    for (const r of KNOW_HOW_RISKS) expect(all).toContain(r.description);
  });
});

describe("rubricProblems", () => {
  it("refuses a rubric with no criteria", () => {
    expect(rubricProblems([])).toEqual([{ field: "criteria", message: "Add at least one criterion" }]);
  });

  it("refuses weights that do not add up to 100, saying what they add up to", () => {
    expect(rubricProblems(withCriterion(0, { weight: 30 }))).toEqual([
      { field: "weights", message: "Weights must add up to 100% (they add up to 105%)" },
    ]);
  });

  it("refuses a weight that is not a whole number from 0 to 100", () => {
    for (const weight of [12.5, -5, 101]) {
      const problems = rubricProblems(withCriterion(2, { weight }));
      expect(problems).toContainEqual({
        field: "criteria.2.weight",
        message: "Weight must be a whole number from 0 to 100",
      });
    }
  });

  it("refuses a threshold outside the scale but allows none, the ends and a fraction", () => {
    expect(rubricProblems(withCriterion(1, { threshold: 11 }))).toEqual([
      { field: "criteria.1.threshold", message: "Minimum score must be from 0 to 10, or left blank" },
    ]);
    expect(rubricProblems(withCriterion(1, { threshold: -1 })).map((p) => p.field)).toEqual([
      "criteria.1.threshold",
    ]);
    for (const threshold of [null, 0, 10, 5.5]) {
      expect(rubricProblems(withCriterion(1, { threshold }))).toEqual([]);
    }
  });

  it("refuses a scale that is not whole numbers running upwards", () => {
    for (const [scaleMin, scaleMax] of [[5, 5], [10, 0], [0, 9.5]] as const) {
      expect(rubricProblems(withCriterion(3, { scaleMin, scaleMax })).map((p) => p.field)).toEqual([
        "criteria.3.scaleMax",
      ]);
    }
  });

  it("refuses bands with a gap", () => {
    const bands = [band(0, 3), band(5, 10)];
    expect(rubricProblems(withCriterion(0, { bands }))).toEqual([
      { field: "criteria.0.bands", message: "No band covers a score of 4" },
    ]);
  });

  it("refuses overlapping bands", () => {
    const bands = [band(0, 5, "Low"), band(5, 10, "High")];
    expect(rubricProblems(withCriterion(0, { bands }))).toEqual([
      { field: "criteria.0.bands", message: "Band “High” overlaps the band before it" },
    ]);
  });

  it("refuses bands that do not reach either end of the scale", () => {
    expect(rubricProblems(withCriterion(0, { bands: [band(1, 10)] }))).toEqual([
      { field: "criteria.0.bands", message: "No band covers a score of 0" },
    ]);
    expect(rubricProblems(withCriterion(0, { bands: [band(0, 7)] }))).toEqual([
      { field: "criteria.0.bands", message: "No band covers scores 8 to 10" },
    ]);
  });

  it("refuses bands that run beyond the scale", () => {
    expect(rubricProblems(withCriterion(0, { bands: [band(0, 12)] }))[0]?.field).toBe("criteria.0.bands");
    expect(rubricProblems(withCriterion(0, { bands: [band(-1, 10)] }))[0]?.field).toBe("criteria.0.bands");
  });

  it("refuses no bands, fractional bands and unlabelled bands", () => {
    for (const bands of [[], [band(0, 4.5), band(5, 10)], [band(0, 10, " ")]]) {
      expect(rubricProblems(withCriterion(0, { bands })).map((p) => p.field)).toEqual(["criteria.0.bands"]);
    }
  });

  it("accepts bands for another scale, such as 1–5 one band per score", () => {
    const criterion: RubricCriterion = {
      ...first,
      weight: 100,
      scaleMin: 1,
      scaleMax: 5,
      threshold: 3,
      bands: [1, 2, 3, 4, 5].map((n) => band(n, n)),
    };
    expect(rubricProblems([criterion])).toEqual([]);
  });

  it("refuses duplicate and empty keys", () => {
    const duplicate = withCriterion(1, { key: VALUE_CAPTURE_KEY });
    expect(rubricProblems(duplicate)).toEqual([
      { field: "criteria.1.key", message: "Criterion keys must be unique: “value-capture” is used more than once" },
    ]);
    expect(rubricProblems(withCriterion(4, { key: " " }))).toEqual([
      { field: "criteria.4.key", message: "Enter a key for criterion 5" },
    ]);
  });
});

describe("bandFor", () => {
  it("finds the band a whole score falls in", () => {
    expect(bandFor(first, 0)?.label).toBe("No evidence");
    expect(bandFor(first, 2)?.label).toBe("Poor");
    expect(bandFor(first, 5)?.label).toBe("Adequate");
    expect(bandFor(first, 10)?.label).toBe("Excellent");
  });

  it("puts a mean between two bands in the lower one", () => {
    expect(bandFor(first, 8.5)?.label).toBe("Good");
    expect(bandFor(first, 4.99)?.label).toBe("Weak");
  });

  it("gives nothing for a score off the scale", () => {
    expect(bandFor(first, -1)).toBeUndefined();
    expect(bandFor(first, 11)).toBeUndefined();
    expect(bandFor(first, Number.NaN)).toBeUndefined();
  });
});

describe("rubricStructureChanged", () => {
  it("allows weights and thresholds to change", () => {
    const after = DEFAULT_RUBRIC.map((c, i) => ({ ...c, weight: i === 0 ? 35 : c.weight, threshold: 6 }));
    expect(rubricStructureChanged(DEFAULT_RUBRIC, after)).toBe(false);
  });

  it("reports a criterion added, removed or reordered", () => {
    expect(rubricStructureChanged(DEFAULT_RUBRIC, DEFAULT_RUBRIC.slice(1))).toBe(true);
    expect(rubricStructureChanged(DEFAULT_RUBRIC.slice(1), DEFAULT_RUBRIC)).toBe(true);
    expect(rubricStructureChanged(DEFAULT_RUBRIC, [...DEFAULT_RUBRIC].reverse())).toBe(true);
  });

  it("reports a key, scale or band changed", () => {
    expect(rubricStructureChanged(DEFAULT_RUBRIC, withCriterion(2, { key: "quality" }))).toBe(true);
    expect(rubricStructureChanged(DEFAULT_RUBRIC, withCriterion(2, { scaleMax: 5 }))).toBe(true);
    const relabelled = DEFAULT_SCORE_BANDS.map((b, i) => (i === 3 ? { ...b, label: "Fair" } : b));
    expect(rubricStructureChanged(DEFAULT_RUBRIC, withCriterion(2, { bands: relabelled }))).toBe(true);
  });
});
