import "server-only";
import type Database from "better-sqlite3";
import { getSqlite } from "@/db/client";
import { callDataVersionNow, committedSnapshot } from "@/db/ranking-rows";
import { loadCallRubric, readCallRubric } from "@/db/rubrics";
import type { CallRow } from "@/db/schema";
import { tallyInScope, tallyInScopeByProposal, type InScopeVotes } from "@/lib/domain/in-scope";
import type { RankingResult } from "@/lib/domain/ranking";
import type { RubricCriterion } from "@/lib/domain/rubric";
import { loadCountedAssessments, loadProposalRows, rankCall, readCountedAssessments, readProposalRows, type CountedAssessment, type ProposalRow, type Reader } from "./call-data";

/**
 * A call's ranking as it is for every viewer (no decisions, which are each agency's own and are
 * read per request): the rubric, every submitted proposal's row (the source of its labels and
 * filter facts), the ranking by lib/domain/ranking.ts (rankCall) and each proposal's in-scope
 * votes. Shared by requests, so read-only.
 */
export interface RankedCall {
  rubric: readonly RubricCriterion[];
  proposals: ReadonlyMap<number, ProposalRow>;
  result: Readonly<RankingResult>;
  /** Each ranked proposal's index in `result.ranked`. */
  rankIndex: ReadonlyMap<number, number>;
  inScope: ReadonlyMap<number, InScopeVotes>;
}

interface Entry {
  key: string;
  value: RankedCall;
}

/**
 * Ranked calls by connection (a test or the bench may open another database file in the same
 * process) and call id, the most recently used last. Few: a manager works on one or two calls at
 * a time, and one entry of 5,000 proposals holds a few MiB.
 */
const memo = new WeakMap<Database.Database, Map<number, Entry>>();
export const RANKED_CALLS_KEPT = 4;

const NO_VOTES = tallyInScope([]);

interface RankingInput {
  rubric: RubricCriterion[];
  rows: ProposalRow[];
  counted: readonly CountedAssessment[];
}

function rankedCallOf(call: CallRow, { rubric, rows, counted }: RankingInput): RankedCall {
  const result = rankCall({ call, rubric, proposals: rows, counted });
  const inScope = tallyInScopeByProposal(counted);
  for (const p of rows) if (!inScope.has(p.id)) inScope.set(p.id, NO_VOTES);
  return {
    rubric,
    proposals: new Map(rows.map((p) => [p.id, p])),
    result,
    rankIndex: new Map(result.ranked.map((r, i) => [r.id, i])),
    inScope,
  };
}

/**
 * The call's ranking, computed once per version of its input. The version is the trigger-kept
 * counter of lib/server/jobs/data-version.ts, which every write that changes an input of the
 * ranking raises in its own transaction (tests/integration/data-version.test.ts), together with
 * the call's own row (a deleted call's id can be reused, and its row holds the budget and
 * thresholds). The counter and the input are read in one committedSnapshot, so a remembered
 * ranking is always that of a committed state, and the same version never names two states.
 * Inside another request's open transaction (whose rows may roll back) nothing is remembered or
 * reused: the ranking is read and computed for this request alone, as before.
 */
export async function rankedCall(db: Reader, call: CallRow): Promise<RankedCall> {
  const sqlite = getSqlite();
  let calls = memo.get(sqlite);
  if (!calls) memo.set(sqlite, (calls = new Map()));
  const remembered = calls.get(call.id);
  const read = committedSnapshot((snapshot): { key: string; value: RankedCall | null; input: RankingInput | null } => {
    const key = JSON.stringify([callDataVersionNow(snapshot, call.id), call]);
    if (remembered?.key === key) return { key, value: remembered.value, input: null };
    return { key, value: null, input: { rubric: readCallRubric(snapshot, call.id), rows: readProposalRows(snapshot, call.id), counted: readCountedAssessments(snapshot, call.id) } };
  });
  if (read === null) {
    const [rubric, rows, counted] = await Promise.all([loadCallRubric(db, call.id), loadProposalRows(db, call.id), loadCountedAssessments(db, call.id)]);
    return rankedCallOf(call, { rubric, rows, counted });
  }
  const value = read.value ?? rankedCallOf(call, read.input!);
  calls.delete(call.id);
  calls.set(call.id, { key: read.key, value });
  while (calls.size > RANKED_CALLS_KEPT) calls.delete(calls.keys().next().value!);
  return value;
}

/** The call's ranking if it is remembered for its current version, without computing it (for the page's frame). */
export function rememberedRankedCall(call: CallRow): RankedCall | null {
  const remembered = memo.get(getSqlite())?.get(call.id);
  if (!remembered) return null;
  const key = committedSnapshot((snapshot) => JSON.stringify([callDataVersionNow(snapshot, call.id), call]));
  return key === remembered.key ? remembered.value : null;
}
