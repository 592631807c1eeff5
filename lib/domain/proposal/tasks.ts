/**
 * The bidder's task list, following the GOV.UK "complete multiple tasks" pattern and task list
 * component (https://design-system.service.gov.uk/patterns/complete-multiple-tasks/):
 * - "Not yet started": nothing answered or uploaded yet;
 * - "In progress": started, and not marked as completed ("No, I'll come back later");
 * - "Completed": the bidder answered "Yes, I've completed this section" and it still is;
 * - "There is a problem": marked as completed, but a later change left something missing (for
 *   example a partner added after the letters of support were uploaded). The pattern keeps this
 *   for tasks saved with an error that could not be caught at the point it was made;
 * - "Cannot start yet": another task must come first (letters of support need the partners;
 *   checking and submitting needs every other task completed). Such a row is not a link.
 * Pure: no I/O.
 */
import { filesNeeded, slotProblem, type AppendixSlot } from "../appendices";
import { sectionProblems, type Problem } from "./completeness";
import { findSection, type JointProposalContext, type PartnerRow, type ProposalAnswers, type SectionAnswers } from "./questions";

export type TaskStatus = "completed" | "in-progress" | "not-started" | "cannot-start" | "problem";

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  completed: "Completed",
  "in-progress": "In progress",
  "not-started": "Not yet started",
  "cannot-start": "Cannot start yet",
  problem: "There is a problem",
};

export const CHECK_TASK_KEY = "check";
export const appendixTaskKey = (slotKey: string) => `appendix:${slotKey}`;

export type TaskTarget =
  | { kind: "section"; sectionKey: string }
  | { kind: "appendix"; slotKey: string }
  | { kind: "check" };

export interface Task {
  key: string;
  title: string;
  hint?: string;
  status: TaskStatus;
  target: TaskTarget;
  /** What is still missing, for the error summary when "Yes" is refused. */
  problems: Problem[];
}

export interface TaskGroup {
  key: string;
  title: string;
  tasks: Task[];
}

/** The steps of the task list and the question sections in each. */
export const TASK_STEPS: readonly { key: string; title: string; sections: readonly string[] }[] = [
  { key: "about", title: "About the project", sections: ["project"] },
  { key: "consortium", title: "The consortium", sections: ["consortium", "partnerContext"] },
  { key: "questions", title: "The report's questions", sections: ["valueCapture", "winWin", "risk"] },
];

export interface SlotWithFiles {
  slot: AppendixSlot;
  files: number;
}

export interface TaskListInput {
  answers: ProposalAnswers;
  completedTasks: readonly string[];
  slots: readonly SlotWithFiles[];
  /**
   * On a joint call, its partner agency: the sections then have the joint rules (a partner in the
   * agency's country, the grant asked of the agency), the same ones as the section's "Yes" and
   * submission (completeness.ts sectionProblems is the one source of all three).
   */
  joint?: JointProposalContext | null;
}

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  return Array.isArray(value) && value.length === 0;
}

function statusOf(started: boolean, marked: boolean, problems: number): TaskStatus {
  if (marked) return problems > 0 ? "problem" : "completed";
  return started ? "in-progress" : "not-started";
}

/** International partners with at least an organisation or a country entered. */
export function partnerCount(answers: ProposalAnswers): number {
  const rows = answers.consortium?.partners;
  return Array.isArray(rows) ? (rows as PartnerRow[]).filter((r) => r.organisation.trim() !== "" || r.country !== "").length : 0;
}

export function sectionTask(
  sectionKey: string,
  answers: SectionAnswers | undefined,
  completedTasks: readonly string[],
  joint: JointProposalContext | null = null,
): Task {
  const section = findSection(sectionKey)!;
  const a = answers ?? {};
  const problems = sectionProblems(section, a, joint);
  const started = section.questions.some((q) => !isBlank(a[q.key]));
  return {
    key: section.key,
    title: section.title,
    status: statusOf(started, completedTasks.includes(section.key), problems.length),
    target: { kind: "section", sectionKey: section.key },
    problems,
  };
}

export function appendixTask({ slot, files }: SlotWithFiles, partners: number, completedTasks: readonly string[]): Task {
  const key = appendixTaskKey(slot.key);
  const problem = slotProblem(slot, files, partners);
  const marked = completedTasks.includes(key);
  let status = statusOf(files > 0, marked, problem ? 1 : 0);
  if (slot.perPartner && partners === 0 && files === 0 && !marked) status = "cannot-start";
  return {
    key,
    title: slot.name,
    hint: status === "cannot-start" ? "Add your international partners first" : slot.required ? undefined : "Optional",
    status,
    target: { kind: "appendix", slotKey: slot.key },
    problems: problem ? [{ field: "file", message: problem }] : [],
  };
}

export interface TaskList {
  groups: TaskGroup[];
  /** Tasks before "Check your answers and submit". */
  completed: number;
  total: number;
  /** Every task is completed, so the bidder may check their answers and submit. */
  readyToSubmit: boolean;
}

export function buildTaskList({ answers, completedTasks, slots, joint = null }: TaskListInput): TaskList {
  const partners = partnerCount(answers);
  const groups: TaskGroup[] = TASK_STEPS.map((step) => ({
    key: step.key,
    title: step.title,
    tasks: step.sections.map((key) => sectionTask(key, answers[key], completedTasks, joint)),
  }));
  if (slots.length > 0) {
    groups.push({ key: "appendices", title: "Appendices", tasks: slots.map((s) => appendixTask(s, partners, completedTasks)) });
  }
  const tasks = groups.flatMap((g) => g.tasks);
  const completed = tasks.filter((t) => t.status === "completed").length;
  const readyToSubmit = completed === tasks.length;
  groups.push({
    key: "submit",
    title: "Check and submit",
    tasks: [
      {
        key: CHECK_TASK_KEY,
        title: "Check your answers and submit your proposal",
        hint: readyToSubmit ? undefined : "Complete every section first",
        status: readyToSubmit ? "not-started" : "cannot-start",
        target: { kind: "check" },
        problems: [],
      },
    ],
  });
  return { groups, completed, total: tasks.length, readyToSubmit };
}

/** Every question section's key, in task-list order. */
export const SECTION_ORDER: readonly string[] = TASK_STEPS.flatMap((s) => s.sections);

/** Files still needed across all slots, keyed by task key (for submission). */
export function appendixProblems(slots: readonly SlotWithFiles[], answers: ProposalAnswers): Problem[] {
  const partners = partnerCount(answers);
  return slots.flatMap(({ slot, files }) => {
    const problem = slotProblem(slot, files, partners);
    return problem && files < filesNeeded(slot, partners) ? [{ field: appendixTaskKey(slot.key), message: problem }] : [];
  });
}
