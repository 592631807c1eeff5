/**
 * Assessors' answers to "Is this proposal in scope of the call?" (required on every assessment,
 * as in Innovate UK's assessments). The votes are shown beside the ranking and exported; they do
 * not change the ranking rules. Pure: no I/O.
 */

export interface InScopeVotes {
  /** Assessors who said "yes, in scope". */
  inScope: number;
  /** Assessors who said "no". */
  outOfScope: number;
  /** Assessments counted (older assessments may have no answer). */
  counted: number;
  /** More than half of the counted assessments judged it out of scope. */
  majorityOutOfScope: boolean;
}

export function tallyInScope(answers: readonly string[]): InScopeVotes {
  const inScope = answers.filter((a) => a === "yes").length;
  const outOfScope = answers.filter((a) => a === "no").length;
  return { inScope, outOfScope, counted: answers.length, majorityOutOfScope: outOfScope * 2 > answers.length };
}

/** "2 of 3", or "2 of 3 (majority out of scope)" for the CSV column `In scope votes`. */
export function describeInScope(votes: InScopeVotes): string {
  const base = `${votes.inScope} of ${votes.counted}`;
  return votes.majorityOutOfScope ? `${base} (majority out of scope)` : base;
}
