import { describe, expect, it } from "vitest";
import { DEFAULT_APPENDIX_SLOTS } from "@/lib/domain/appendices";
import { tallyInScope, describeInScope } from "@/lib/domain/in-scope";
import { autoAssign } from "@/lib/domain/assignment";
import { proposalProblems, sectionProblems } from "@/lib/domain/proposal/completeness";
import { emptyAnswers, findSection, type JointProposalContext, type ProposalAnswers } from "@/lib/domain/proposal/questions";
import { buildTaskList, SECTION_ORDER } from "@/lib/domain/proposal/tasks";
import { COMPLETE_PARTNER, completeAnswers } from "../support/temp-db";

const slots = (files: number[]) => DEFAULT_APPENDIX_SLOTS.map((slot, i) => ({ slot, files: files[i] ?? 0 }));
const statusOf = (list: ReturnType<typeof buildTaskList>, key: string) => list.groups.flatMap((g) => g.tasks).find((t) => t.key === key)!.status;

describe("the task list statuses (GOV.UK complete multiple tasks)", () => {
  it("starts with every task not yet started, letters and submitting not startable yet", () => {
    const list = buildTaskList({ answers: emptyAnswers(), completedTasks: [], slots: slots([0, 0]) });
    expect(list.groups.map((g) => g.title)).toEqual(["About the project", "The consortium", "The report's questions", "Appendices", "Check and submit"]);
    expect(statusOf(list, "project")).toBe("not-started");
    expect(statusOf(list, "appendix:letters-of-support")).toBe("cannot-start");
    expect(statusOf(list, "check")).toBe("cannot-start");
    expect(list).toMatchObject({ completed: 0, total: 8, readyToSubmit: false });
  });

  it("is in progress until the bidder says it is completed, and a problem when it no longer is", () => {
    const answers = completeAnswers();
    expect(statusOf(buildTaskList({ answers, completedTasks: [], slots: [] }), "project")).toBe("in-progress");
    expect(statusOf(buildTaskList({ answers, completedTasks: ["project"], slots: [] }), "project")).toBe("completed");
    answers.project!.title = "";
    expect(statusOf(buildTaskList({ answers, completedTasks: ["project"], slots: [] }), "project")).toBe("problem");
  });

  it("lets the bidder check and submit once every task is completed", () => {
    const all = ["project", "consortium", "partnerContext", "valueCapture", "winWin", "risk", "appendix:project-plan", "appendix:letters-of-support"];
    const list = buildTaskList({ answers: completeAnswers(), completedTasks: all, slots: slots([1, 1]) });
    expect(list).toMatchObject({ completed: 8, total: 8, readyToSubmit: true });
    expect(statusOf(list, "check")).toBe("not-started");
  });
});

describe("the task list on a joint call", () => {
  const KIAT: JointProposalContext = { agencyName: "Korea Institute for Advancement of Technology", country: "KR", countryName: "South Korea", currency: "KRW" };
  const EVERY_TASK = [...SECTION_ORDER, "appendix:project-plan", "appendix:letters-of-support"];
  /** Complete answers for a UK–Korea call, then one change. */
  const answersWith = (change: (a: ProposalAnswers) => void) => {
    const answers = completeAnswers();
    answers.consortium!.partners = [{ ...COMPLETE_PARTNER, country: "KR" }];
    answers.project!.partnerGrantRequested = "150000000";
    change(answers);
    return answers;
  };
  const VARIANTS: Record<string, ProposalAnswers> = {
    "every joint answer": answersWith(() => {}),
    "no partner in Korea": answersWith((a) => (a.consortium!.partners = [{ ...COMPLETE_PARTNER, country: "DE" }])),
    "no grant asked of the partner agency": answersWith((a) => (a.project!.partnerGrantRequested = "")),
    "a partner grant that is not an amount": answersWith((a) => (a.project!.partnerGrantRequested = "lots")),
  };

  for (const [name, answers] of Object.entries(VARIANTS)) {
    it(`agrees with the section's "Yes" and with submission, with ${name}`, () => {
      const list = buildTaskList({ answers, completedTasks: EVERY_TASK, slots: slots([1, 1]), joint: KIAT });
      for (const key of SECTION_ORDER) {
        const valid = sectionProblems(findSection(key)!, answers[key], KIAT).length === 0;
        expect({ key, status: statusOf(list, key) }).toEqual({ key, status: valid ? "completed" : "problem" });
      }
      expect(list.readyToSubmit).toBe(proposalProblems(answers, KIAT).length === 0);
    });
  }

  it("shows the consortium as a problem with no partner in the partner agency's country, and the project without the partner grant", () => {
    const tasks = (answers: ProposalAnswers, joint: JointProposalContext | null) =>
      buildTaskList({ answers, completedTasks: EVERY_TASK, slots: slots([1, 1]), joint });
    expect(statusOf(tasks(VARIANTS["every joint answer"]!, KIAT), "consortium")).toBe("completed");
    expect(tasks(VARIANTS["every joint answer"]!, KIAT).readyToSubmit).toBe(true);
    const noKorean = tasks(VARIANTS["no partner in Korea"]!, KIAT);
    expect(statusOf(noKorean, "consortium")).toBe("problem");
    expect(noKorean.groups.flatMap((g) => g.tasks).find((t) => t.key === "consortium")!.problems).toEqual([
      { field: "partners", message: "Add at least one partner based in South Korea, the country of Korea Institute for Advancement of Technology" },
    ]);
    expect(noKorean.readyToSubmit).toBe(false);
    expect(statusOf(tasks(VARIANTS["no grant asked of the partner agency"]!, KIAT), "project")).toBe("problem");
    // The same answers on a home-only call: no joint rules.
    expect(statusOf(tasks(VARIANTS["no partner in Korea"]!, null), "consortium")).toBe("completed");
    expect(statusOf(tasks(VARIANTS["no grant asked of the partner agency"]!, null), "project")).toBe("completed");
  });
});

describe("in-scope votes", () => {
  it("flags a majority out of scope, not a tie", () => {
    expect(tallyInScope(["yes", "no", "no"])).toEqual({ inScope: 1, outOfScope: 2, counted: 3, majorityOutOfScope: true });
    expect(tallyInScope(["yes", "no"]).majorityOutOfScope).toBe(false);
    expect(describeInScope(tallyInScope(["yes", "yes", ""]))).toBe("2 of 3");
  });
});

describe("automatic assignment with maximums", () => {
  it("never gives an assessor more than their maximum, existing assignments included", () => {
    const result = autoAssign({
      proposals: [1, 2, 3].map((id) => ({ id, domainId: null, organisations: [] })),
      assessors: [
        { id: 10, organisation: "A", expertise: [], maxProposals: 1 },
        { id: 11, organisation: "B", expertise: [], maxProposals: null },
      ],
      existing: [{ proposalId: 1, assessorId: 10 }],
      conflicts: [],
      required: 2,
    });
    expect(result.added.filter((a) => a.assessorId === 10)).toEqual([]);
    expect(result.added.filter((a) => a.assessorId === 11)).toHaveLength(3);
    expect(result.short.map((s) => s.proposalId)).toEqual([2, 3]);
    expect(result.short[0]!.reason).toBe("Only 1 eligible assessor: 1 has reached the maximum they accepted");
  });
});
