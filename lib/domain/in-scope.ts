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

/**
 * Each proposal's tally from its counted assessments' answers, grouped in one pass (filtering
 * every assessment per proposal was quadratic: 75 M tests at 5,000). Proposals with no answer
 * are absent.
 */
export function tallyInScopeByProposal(answers: readonly { proposalId: number; inScope: string }[]): Map<number, InScopeVotes> {
  const grouped = new Map<number, string[]>();
  for (const a of answers) {
    const list = grouped.get(a.proposalId);
    if (list) list.push(a.inScope);
    else grouped.set(a.proposalId, [a.inScope]);
  }
  const tallies = new Map<number, InScopeVotes>();
  for (const [id, list] of grouped) tallies.set(id, tallyInScope(list));
  return tallies;
}
