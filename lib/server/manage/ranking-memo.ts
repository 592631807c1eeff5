import "server-only";
import { isDeepStrictEqual } from "node:util";
import { getDb, type Db } from "@/db/client";
import { callDataVersionNow, changedProposalsSince } from "@/db/ranking-rows";
import { loadCallRubric } from "@/db/rubrics";
import { readTransaction } from "@/db/transaction";
import type { CallRow } from "@/db/schema";
import { tallyInScope, tallyInScopeByProposal, type InScopeVotes } from "@/lib/domain/in-scope";
import type { RankingProposal, RankingResult } from "@/lib/domain/ranking";
import type { RubricCriterion } from "@/lib/domain/rubric";
import {
  bySubmission,
  loadCountedAssessments,
  loadProposalRows,
  NONE_KNOWN,
  rankCallReusing,
  type CountedAssessment,
  type KnownRankingInputs,
  type ProposalRow,
  type Reader,
} from "./call-data";

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
  version: number;
  /** The call's row as JSON: any change to it (budget, thresholds, a reused id) means a whole read. */
  callRow: string;
  /** What `value` was ranked from, kept so a few proposals' changes can be patched into it. */
  input: RankingInput;
  /** Each proposal's ranking input (rankCallReusing), reused for the proposals a catch-up leaves alone. */
  inputs: ReadonlyMap<number, RankingProposal> | null;
  value: RankedCall;
}

/**
 * Ranked calls by connection (a test or the bench may open another database file in the same
 * process) and call id, the most recently used last. Few: a manager works on one or two calls at
 * a time, and one entry of 5,000 proposals holds a few MiB.
 */
const memo = new WeakMap<Db, Map<number, Entry>>();
export const RANKED_CALLS_KEPT = 4;

const NO_VOTES = tallyInScope([]);

/**
 * Beyond this many changed proposals a remembered ranking is read whole again. A by-id read parses
 * each proposal's whole answer document (the index serves whole-call reads only), so a bulk change
 * gains little from it; the bound is a judgement, not a measured crossover. It also keeps the IN
 * list far below SQLite's limit on bound parameters.
 */
export const PATCHED_PROPOSALS_MAX = 500;

interface RankingInput {
  rubric: RubricCriterion[];
  rows: ProposalRow[];
  counted: readonly CountedAssessment[];
}

/**
 * `input` with the changed proposals' rows and counted assessments replaced by `fresh` (read by
 * the same queries narrowed to them; a proposal no longer submitted in this call has none). A
 * proposal's assessments keep assignment order, which is all the ranking reads of their order, so
 * rankCall gives what it gives on a whole read.
 */
function patched(input: RankingInput, changed: ReadonlySet<number>, fresh: Omit<RankingInput, "rubric">): RankingInput {
  return {
    rubric: input.rubric,
    rows: input.rows.filter((p) => !changed.has(p.id)).concat(fresh.rows).sort(bySubmission),
    counted: input.counted.filter((a) => !changed.has(a.proposalId)).concat(fresh.counted),
  };
}

/**
 * The proposals a remembered ranking is behind by, when a catch-up can patch them in: every
 * version since it concerns some proposals (call_data_changes), at most PATCHED_PROPOSALS_MAX of
 * them. Null when it must be read whole.
 */
async function patchableChanges(snapshot: Db, callId: number, remembered: Entry, version: number): Promise<Set<number> | null> {
  if (remembered.version >= version) return null;
  const changed = await changedProposalsSince(snapshot, callId, remembered.version, version);
  return changed && changed.size <= PATCHED_PROPOSALS_MAX ? changed : null;
}

function rankedCallOf(call: CallRow, { rubric, rows, counted }: RankingInput, known: KnownRankingInputs = NONE_KNOWN): { value: RankedCall; inputs: ReadonlyMap<number, RankingProposal> | null } {
  const { result, inputs } = rankCallReusing({ call, rubric, proposals: rows, counted }, known);
  const inScope = tallyInScopeByProposal(counted);
  for (const p of rows) if (!inScope.has(p.id)) inScope.set(p.id, NO_VOTES);
  return {
    value: {
      rubric,
      proposals: new Map(rows.map((p) => [p.id, p])),
      result,
      rankIndex: new Map(result.ranked.map((r, i) => [r.id, i])),
      inScope,
    },
    inputs,
  };
}

/**
 * The call's ranking, computed once per version of its input. The version is the trigger-kept
 * counter of lib/server/jobs/data-version.ts, which every write that changes an input of the
 * ranking raises in its own transaction (tests/integration/data-version.test.ts), together with
 * the call's own row (a deleted call's id can be reused, and its row holds the budget and
 * thresholds). The counter and the input are read in one readTransaction (db/transaction.ts), so
 * a remembered ranking is always that of a committed state, and the same version never names two
 * states; it waits for a write transaction that is open, and holds back one that starts meanwhile.
 * When the remembered ranking is behind only by versions that each concern some proposals (a
 * score saved, an assessment submitted; call_data_changes says which), only those proposals are
 * read again and the call is ranked again from the patched input, reusing the other proposals'
 * ranking inputs: the same ranking as a whole read (tests/integration/ranking-memo-patch.test.ts),
 * without re-reading 5,000 rows or re-parsing their scores.
 * Called inside a transaction (whose rows may roll back) nothing is remembered or reused: the
 * ranking is read and computed for that transaction alone.
 */
export async function rankedCall(db: Reader, call: CallRow): Promise<RankedCall> {
  const connection = getDb();
  let calls = memo.get(connection);
  if (!calls) memo.set(connection, (calls = new Map()));
  const remembered = calls.get(call.id);
  const callRow = JSON.stringify(call);
  type Read = { version: number; input: RankingInput } & ({ ranked: Pick<Entry, "value" | "inputs"> } | { ranked: null; known: KnownRankingInputs });
  const read = await readTransaction(async (snapshot): Promise<Read> => {
    const version = await callDataVersionNow(snapshot, call.id);
    if (remembered && remembered.callRow === callRow) {
      if (remembered.version === version) return { version, input: remembered.input, ranked: remembered };
      const changed = await patchableChanges(snapshot, call.id, remembered, version);
      if (changed) {
        const only = [...changed];
        const [rows, counted] = await Promise.all([loadProposalRows(snapshot, call.id, only), loadCountedAssessments(snapshot, call.id, only)]);
        const before = remembered.inputs ?? NONE_KNOWN;
        return { version, input: patched(remembered.input, changed, { rows, counted }), ranked: null, known: { get: (id) => (changed.has(id) ? undefined : before.get(id)) } };
      }
    }
    const [rubric, rows, counted] = await Promise.all([loadCallRubric(snapshot, call.id), loadProposalRows(snapshot, call.id), loadCountedAssessments(snapshot, call.id)]);
    const input = { rubric, rows, counted };
    return { version, input, ranked: null, known: NONE_KNOWN };
  });
  if (read === null) {
    const [rubric, rows, counted] = await Promise.all([loadCallRubric(db, call.id), loadProposalRows(db, call.id), loadCountedAssessments(db, call.id)]);
    return rankedCallOf(call, { rubric, rows, counted }).value;
  }
  const { value, inputs } = read.ranked ?? rankedCallOf(call, read.input, read.known);
  calls.delete(call.id);
  calls.set(call.id, { version: read.version, callRow, input: read.input, inputs, value });
  while (calls.size > RANKED_CALLS_KEPT) calls.delete(calls.keys().next().value!);
  return value;
}

/**
 * The call's remembered ranking if its proposals' rows are still those of now, without ranking
 * anything (for the page's frame, whose filter choices come from those rows alone). After a score
 * is saved its ranks are behind but its rows are not: the few proposals the change log names are
 * read by id and compared, instead of reading every proposal's row for the choices. Only its
 * `proposals` may be used. Null when that cannot be told cheaply.
 */
export async function rankedCallWithCurrentRows(call: CallRow): Promise<RankedCall | null> {
  const remembered = memo.get(getDb())?.get(call.id);
  if (!remembered || remembered.callRow !== JSON.stringify(call)) return null;
  return await readTransaction(async (snapshot) => {
    const version = await callDataVersionNow(snapshot, call.id);
    if (version === remembered.version) return remembered.value;
    const changed = await patchableChanges(snapshot, call.id, remembered, version);
    if (!changed) return null;
    const before = remembered.value.proposals;
    const now = await loadProposalRows(snapshot, call.id, [...changed]);
    const stillThere = [...changed].filter((id) => before.has(id)).length;
    return now.length === stillThere && now.every((p) => isDeepStrictEqual(p, before.get(p.id))) ? remembered.value : null;
  });
}
