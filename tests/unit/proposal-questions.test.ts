import { describe, expect, it } from "vitest";
import { proposalProblems, sectionProblems, sectionStatus } from "../../lib/domain/proposal/completeness";
import { normaliseAnswers, proposalFacts } from "../../lib/domain/proposal/normalise";
import { PROPOSAL_SECTIONS, emptyAnswers, findSection, type ProposalAnswers } from "../../lib/domain/proposal/questions";
import { VALUE_CAPTURE_PATHWAYS, VALUE_CAPTURE_PERSPECTIVES, WIN_WIN_PRINCIPLES } from "../../lib/domain/report";
import { TECHNOLOGY_DOMAINS } from "../../lib/domain/report/technology-domains";
import { countWords } from "../../lib/domain/words";
import { proposalDraftSchema, proposalSubmitSchema } from "../../lib/validation/proposal";
import { demoAnswers, RANKED_CALL_PROPOSALS } from "../../db/demo-data";

const section = (key: string) => findSection(key)!;
const complete = (): ProposalAnswers => demoAnswers(RANKED_CALL_PROPOSALS[0]!);

describe("the proposal's questions", () => {
  it("has the six sections of the issue, in order, each citing the report", () => {
    expect(PROPOSAL_SECTIONS.map((s) => s.title)).toEqual([
      "Project",
      "Consortium",
      "Value capture",
      "Win-win collaboration",
      "Risk to UK know-how",
      "Partner context",
    ]);
    for (const s of PROPOSAL_SECTIONS) expect(s.source).not.toBe("");
  });

  it("uses each key once within a section", () => {
    for (const s of PROPOSAL_SECTIONS) {
      const keys = s.questions.map((q) => q.key);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it("asks one question per win-win principle of §2.3, plus the capability question of §7.1", () => {
    const labels = section("winWin").questions.map((q) => q.label);
    for (const p of WIN_WIN_PRINCIPLES) expect(labels).toContain(p.title);
    expect(labels).toHaveLength(WIN_WIN_PRINCIPLES.length + 1);
  });

  it("asks what is created and how the UK captures it for each Table 7.1 perspective, and offers every pathway", () => {
    const vc = section("valueCapture");
    const longTexts = vc.questions.filter((q) => q.kind === "longText" && !q.askedWhen);
    expect(longTexts).toHaveLength(VALUE_CAPTURE_PERSPECTIVES.length * 2);
    const pathways = vc.questions.find((q) => q.kind === "checklist");
    expect(pathways?.kind === "checklist" && pathways.options.map((o) => o.value)).toEqual(VALUE_CAPTURE_PATHWAYS.map((p) => p.key));
  });

  it("offers every technology domain, marking those suggested for future prioritisation", () => {
    const domain = section("project").questions.find((q) => q.key === "domainId");
    expect(domain?.kind).toBe("select");
    if (domain?.kind !== "select") return;
    expect(domain.options).toHaveLength(TECHNOLOGY_DOMAINS.length);
    const future = TECHNOLOGY_DOMAINS.find((d) => d.suggestedForFuture)!;
    expect(domain.options.find((o) => o.value === future.id)?.label).toContain("suggested for future prioritisation");
  });
});

describe("completeness and submission rules", () => {
  it("accepts a complete proposal and reports nothing missing", () => {
    expect(proposalProblems(complete())).toEqual([]);
    expect(proposalSubmitSchema.safeParse(complete()).success).toBe(true);
  });

  it("moves a section from not started to in progress to complete", () => {
    const answers = emptyAnswers();
    expect(sectionStatus(section("project"), answers.project)).toBe("not-started");
    answers.project!.title = "A title";
    expect(sectionStatus(section("project"), answers.project)).toBe("in-progress");
    expect(sectionStatus(section("project"), complete().project)).toBe("complete");
  });

  it("names each missing answer of an empty section (the partner grant only on a joint call)", () => {
    const fields = sectionProblems(section("project"), emptyAnswers().project).map((p) => p.field);
    expect(fields).toEqual(section("project").questions.filter((q) => !(q.kind === "money" && q.jointOnly)).map((q) => q.key));
  });

  it("refuses a TRL or MRL that goes down, and a grant above the cost", () => {
    const answers = complete();
    Object.assign(answers.project!, { trlStart: "6", trlEnd: "4", mrlStart: "5", mrlEnd: "2", totalCost: "100000", grantRequested: "150000" });
    const problems = sectionProblems(section("project"), answers.project);
    expect(problems.map((p) => p.field)).toEqual(["trlEnd", "mrlEnd", "grantRequested"]);
    expect(problems[2]!.message).toBe("Grant requested must be the same as or less than the total project cost");
  });

  it("refuses whole numbers outside the scale and amounts that are not whole pounds", () => {
    const answers = complete();
    Object.assign(answers.project!, { trlStart: "0", durationMonths: "2.5", totalCost: "£1,2" });
    const messages = sectionProblems(section("project"), answers.project).map((p) => p.message);
    expect(messages).toContain("Technology readiness level (TRL) at start must be a whole number from 1 to 9");
    expect(messages).toContain("Duration must be a whole number from 1 to 60");
    expect(messages).toContain("Total project cost must be an amount in whole pounds, like 250000");
  });

  it("accepts amounts written with a pound sign and thousands separators", () => {
    const answers = complete();
    Object.assign(answers.project!, { totalCost: "£500,000", grantRequested: "300,000" });
    expect(sectionProblems(section("project"), answers.project)).toEqual([]);
    expect(proposalFacts(answers).grantRequested).toBe(300_000);
  });

  it("needs a partner outside the UK, and shares that leave room for the lead", () => {
    const answers = complete();
    const partner = (answers.consortium!.partners as { country: string; share: string }[])[0]!;
    partner.country = "GB";
    expect(sectionProblems(section("consortium"), answers.consortium).map((p) => p.message)).toContain(
      "Add at least one partner based outside the UK",
    );
    partner.country = "DE";
    partner.share = "99";
    expect(sectionProblems(section("consortium"), answers.consortium)).toEqual([]);
    answers.consortium!.partners = [...(answers.consortium!.partners as object[]), { ...partner, organisation: "Second" }] as never;
    expect(sectionProblems(section("consortium"), answers.consortium).map((p) => p.field)).toContain("partners");
  });

  it("asks for evidence only for the pathways ticked", () => {
    const answers = complete();
    answers.valueCapture!.pathways = ["standards"];
    answers.valueCapture!.evidenceStandards = "";
    answers.valueCapture!.evidenceIpCreation = ""; // not ticked, so not needed
    const problems = sectionProblems(section("valueCapture"), answers.valueCapture);
    expect(problems).toEqual([{ field: "evidenceStandards", message: "Give the evidence: Standards and regulatory compliance" }]);
  });

  it("counts words over the limit, and lets a draft keep them", () => {
    const answers = complete();
    answers.project!.summary = "word ".repeat(251);
    expect(countWords(answers.project!.summary as string)).toBe(251);
    expect(sectionProblems(section("project"), answers.project)[0]!.message).toBe(
      "Project summary must be 250 words or fewer",
    );
    expect(proposalDraftSchema.safeParse(answers).success).toBe(true);
    expect(proposalSubmitSchema.safeParse(answers).success).toBe(false);
  });

  it("loads an old or tampered draft into the current shape", () => {
    const loaded = normaliseAnswers({ project: { title: "Kept", unknown: "dropped", trlStart: 5 }, consortium: { partners: "x" } });
    expect(loaded.project!.title).toBe("Kept");
    expect(loaded.project!.trlStart).toBe("");
    expect("unknown" in loaded.project!).toBe(false);
    expect(loaded.consortium!.partners).toEqual([]);
    expect(Object.keys(loaded)).toEqual(PROPOSAL_SECTIONS.map((s) => s.key));
  });
});
