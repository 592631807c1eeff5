import { describe, expect, it } from "vitest";
import { DEFAULT_RUBRIC } from "../../lib/domain/rubric";
import {
  MAX_TEXT_CHARS,
  MIN_JUSTIFICATION_WORDS,
  assessmentDraftSchema,
  assessmentSubmitSchema,
  emptyAssessment,
  parseScore,
  type AssessmentFormValues,
} from "../../lib/validation/assessment";

const draft = assessmentDraftSchema(DEFAULT_RUBRIC);
const submit = assessmentSubmitSchema(DEFAULT_RUBRIC);

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

function complete(): AssessmentFormValues {
  const values = emptyAssessment(DEFAULT_RUBRIC);
  for (const c of DEFAULT_RUBRIC) {
    values.scores[c.key] = "7";
    values.justifications[c.key] = words(MIN_JUSTIFICATION_WORDS);
  }
  return { ...values, inScope: "yes", bidderFeedback: words(30), recommendation: "yes", confidence: "high" };
}

/** The issues of a failed parse, as [path, message] pairs. */
function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => [i.path.join("."), i.message]);
}

describe("emptyAssessment", () => {
  it("has a blank score and justification for every criterion", () => {
    const empty = emptyAssessment(DEFAULT_RUBRIC);
    expect(Object.keys(empty.scores)).toEqual(DEFAULT_RUBRIC.map((c) => c.key));
    expect(Object.values(empty.justifications).every((v) => v === "")).toBe(true);
    expect(empty.recommendation).toBe("");
  });
});

describe("the assessment draft schema", () => {
  it("accepts a blank assessment and partial answers", () => {
    expect(draft.safeParse(emptyAssessment(DEFAULT_RUBRIC)).success).toBe(true);
    const result = draft.safeParse({ scores: { "value-capture": "6" }, justifications: { "win-win": "Half a" } });
    expect(result.success).toBe(true);
    const values: AssessmentFormValues = result.data!;
    expect(values.scores).toMatchObject({ "value-capture": "6", "win-win": "" });
    expect(values.bidderFeedback).toBe("");
  });

  it("accepts the ends of the scale and keeps scores as the form's strings", () => {
    const result = draft.parse({ scores: { "value-capture": "0", "win-win": " 10 ", excellence: 5 } });
    expect(result.scores).toMatchObject({ "value-capture": "0", "win-win": "10", excellence: "5" });
  });

  it.each(["11", "-1", "4.5", "abc", 4.5, 11])("refuses a score of %j", (score) => {
    expect(issues(draft.safeParse({ scores: { "value-capture": score } }))).toEqual([
      ["scores.value-capture", "Score for UK value capture must be a whole number from 0 to 10"],
    ]);
  });

  it("refuses a score for an unknown criterion", () => {
    const [issue] = issues(draft.safeParse({ scores: { diplomacy: "5" } }));
    expect(issue?.[0]).toBe("scores");
    expect(issue?.[1]).toContain("Unknown criterion");
    expect(issue?.[1]).toContain("diplomacy");
  });

  it("refuses a justification for an unknown criterion", () => {
    expect(issues(draft.safeParse({ justifications: { diplomacy: "Text" } }))[0]?.[1]).toMatch(
      /^Unknown criterion/u,
    );
  });

  it("refuses text over the size limit", () => {
    const huge = "x".repeat(MAX_TEXT_CHARS + 1);
    expect(
      issues(draft.safeParse({ justifications: { "win-win": huge }, bidderFeedback: huge, privateComment: huge })),
    ).toEqual([
      ["justifications.win-win", "Justification for Win-win mutual benefit must be 20,000 characters or fewer"],
      ["bidderFeedback", "Feedback for the bidder must be 20,000 characters or fewer"],
      ["privateComment", "Comment for managers must be 20,000 characters or fewer"],
    ]);
  });

  it("refuses a recommendation or confidence that is not one of the choices", () => {
    expect(issues(draft.safeParse({ recommendation: "maybe", confidence: "total" })).map(([p]) => p)).toEqual([
      "recommendation",
      "confidence",
    ]);
  });
});

describe("the assessment submit schema", () => {
  it("accepts a complete assessment", () => {
    expect(submit.safeParse(complete()).success).toBe(true);
  });

  it("requires every criterion scored and justified, feedback, recommendation and confidence", () => {
    const found = issues(submit.safeParse(emptyAssessment(DEFAULT_RUBRIC)));
    const paths = found.map(([path]) => path);
    for (const c of DEFAULT_RUBRIC) {
      expect(paths).toContain(`scores.${c.key}`);
      expect(paths).toContain(`justifications.${c.key}`);
    }
    expect(paths).toEqual(expect.arrayContaining(["bidderFeedback", "recommendation", "confidence"]));
    expect(paths).not.toContain("privateComment");
    expect(found).toContainEqual(["scores.value-capture", "Enter a score for UK value capture"]);
  });

  it("requires each justification to be at least 25 words", () => {
    const values = complete();
    values.justifications["win-win"] = words(MIN_JUSTIFICATION_WORDS - 1);
    expect(issues(submit.safeParse(values))).toEqual([
      ["justifications.win-win", "Justify your score for Win-win mutual benefit in at least 25 words"],
    ]);
  });

  it("requires bidder feedback of at least 25 words", () => {
    const values = { ...complete(), bidderFeedback: "Good." };
    expect(issues(submit.safeParse(values))).toEqual([
      ["bidderFeedback", "Give the bidder feedback on the proposal’s strengths and weaknesses in at least 25 words"],
    ]);
  });

  it("still refuses an out-of-scale score, once, with the scale message", () => {
    const values = complete();
    values.scores["feasibility"] = "12";
    expect(issues(submit.safeParse(values))).toEqual([
      ["scores.feasibility", "Score for Feasibility and partner context must be a whole number from 0 to 10"],
    ]);
  });
});

describe("parseScore", () => {
  it("gives the number for a whole score on the scale and null otherwise", () => {
    const criterion = DEFAULT_RUBRIC[0]!;
    expect(parseScore(" 7 ", criterion)).toBe(7);
    expect(parseScore("0", criterion)).toBe(0);
    for (const bad of ["", "11", "4.5", "1e1", "abc"]) expect(parseScore(bad, criterion)).toBeNull();
  });
});
