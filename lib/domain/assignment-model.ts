/**
 * The rules of optimal automatic assignment, computed once from the input, shared by the solver the
 * app runs (assignment-flow.ts: min-cost flow, network simplex) and the HiGHS LP that serves as
 * the reference in tests and the bench (assignment-lp.ts).
 *
 * - Only fill gaps: existing assignments count toward a proposal's total and an assessor's load,
 *   unless the assessor is conflicted on the proposal.
 * - Conflicts are hard constraints (the pair is never a candidate): a declared conflict, an
 *   organisation match (`normaliseOrganisation`, compared once per organisation, not per pair),
 *   and pairs passed in `conflicts` (the caller adds pairs a manager unassigned, so they are never
 *   re-added). A pair already assigned is not a candidate either.
 * - need_p = min(required − have, eligible assessors): a proposal the pool cannot cover gets
 *   everyone eligible and is reported short.
 * - Weights, lexicographic: a domain match (the assessor's expertise includes the proposal's
 *   technology domain) is worth more than any number of theme matches (expertise in another
 *   domain of the same Table 4.1 theme): w = S + 1 for a domain match, 1 for a theme match,
 *   0 otherwise, where S is the number of places to fill.
 * - Loads: within ±1 of balanced (every total load is ⌊T/A⌋ or ⌈T/A⌉, so the spread is at most
 *   1), capped by an assessor's own maximum when one is given. When that is infeasible the bounds
 *   are relaxed step by step (LOAD_STEPS); when even the last step cannot fill every place, as many
 *   places as possible are filled (SHORTFALL_RULE) and the rest are reported short.
 *
 * Nothing here is O(proposals × assessors) in memory beyond one byte per pair (`excluded`): the
 * expertise level of a pair comes from a table per (technology domain, assessor).
 */
import { normaliseOrganisation, shortReason, type AutoAssignInput, type ExistingAssignment, type ShortProposal } from "./assignment";
import { findDomain } from "./report/technology-domains";

export interface OptimalAssignInput extends AutoAssignInput {
  /** Assessors' own maximum number of assignments in the call (from their invitations); others get balanced loads. */
  maxLoads?: readonly { assessorId: number; max: number }[];
  /** Candidates per proposal in the first solve (default: see each solver). */
  initialCandidates?: number;
  /** Wall-clock limit for all solves together; past it, `AssignmentTimeLimitError` (default: none). */
  timeLimitSeconds?: number;
}

export interface OptimalAssignStats {
  domainMatches: number;
  themeMatches: number;
  /** Highest minus lowest total load over the pool (existing assignments included). */
  loadSpread: number;
  /** Which load rule held: 0 = within ±1 of balanced; higher = relaxed (see LOAD_STEPS). */
  loadStep: number;
  loadRule: string;
  /** Solves (each after the reduced-cost check added pairs back). */
  solves: number;
  /** Candidate pairs in the last model, and the eligible pairs it was pruned from. */
  columns: number;
  eligiblePairs: number;
  /** Pairs the reduced-cost check added back after pruning. */
  pricedIn: number;
}

export interface OptimalAssignResult {
  added: ExistingAssignment[];
  short: ShortProposal[];
  stats: OptimalAssignStats;
}

export type ProgressReporter = (fraction: number, message: string) => void;

/** The solves did not finish within the time limit given (`OptimalAssignInput.timeLimitSeconds`). */
export class AssignmentTimeLimitError extends Error {
  constructor(readonly seconds: number) {
    super(`The assignment was not solved within ${seconds} s`);
    this.name = "AssignmentTimeLimitError";
  }
}

/**
 * A time limit for the whole run, suited to the size: 5,000 × 3 from 500 takes well under a second
 * of solving on a quiet machine, so this leaves room for a loaded one without letting a run hang:
 * 15 s plus 1 s per 400 places to fill, at most 120 s.
 */
export function assignmentTimeLimitSeconds(places: number): number {
  return Math.min(120, 15 + Math.ceil(places / 400));
}

/** The load rules tried in turn; `lower`/`upper` are total loads given the balanced ⌊T/A⌋..⌈T/A⌉. */
export const LOAD_STEPS: readonly { rule: string; lower: (lo: number) => number; upper: (hi: number) => number }[] = [
  { rule: "every load within ±1 of balanced", lower: (lo) => lo, upper: (hi) => hi },
  { rule: "no load above the balanced maximum", lower: () => 0, upper: (hi) => hi },
  { rule: "loads up to 1 above the balanced maximum", lower: () => 0, upper: (hi) => hi + 1 },
  { rule: "loads up to 3 above the balanced maximum", lower: () => 0, upper: (hi) => hi + 3 },
  { rule: "loads limited only by assessors' own maximums", lower: () => 0, upper: () => Number.POSITIVE_INFINITY },
];

/**
 * When the places cannot all be filled even under the last load step (the assessors' own maximums
 * leave too little capacity), each proposal takes at most its need, and as many places as possible
 * are filled first, then expertise is maximised among those fillings: one more place is worth
 * `shortfallScale(model)`, more than any total expertise weight.
 */
export const SHORTFALL_RULE = "as many places as the assessors' own maximums allow";

/** Expertise levels of a pair. */
export const DOMAIN_LEVEL = 0;
export const THEME_LEVEL = 1;
export const NO_MATCH_LEVEL = 2;

/** Everything the solvers need, computed once. Proposal p, assessor a (indices into the input). */
export interface AssignmentModel {
  proposalIds: number[];
  assessorIds: number[];
  required: number;
  /** Places to fill per proposal. */
  need: Int32Array;
  /** Counted existing assignments per proposal and per assessor. */
  have: Int32Array;
  existingLoad: Int32Array;
  /** Assessor's own maximum total load, or Infinity. */
  maxLoad: Float64Array;
  /** Places to fill in all (Σ need). */
  places: number;
  /** Weight of a domain match (S + 1); a theme match weighs 1, no match 0. */
  domainWeight: number;
  /** 1 where the pair may not be added (conflict, unassigned, already assigned): excluded[p · A + a]. */
  excluded: Uint8Array;
  /** Eligible assessors per proposal. */
  eligible: Int32Array;
  /** Counts per proposal for the "short" reason. */
  declared: Int32Array;
  organisation: Int32Array;
  /** The proposal's expertise class (its technology domain; the last class: no or unknown domain). */
  proposalClass: Int32Array;
  classes: number;
  /** Expertise level of assessor a for class c: level[c · A + a]. */
  level: Uint8Array;
  /**
   * Assessors in order of preference per class, best level first: order[c · A .. c · A + A), with the
   * level boundaries levelStart[c · 4 + l] (l = 0..3, offsets into that slice).
   */
  order: Int32Array;
  levelStart: Int32Array;
}

/** The weight of a level (w = S + 1, 1, 0). */
export function levelWeight(model: Pick<AssignmentModel, "domainWeight">, level: number): number {
  return level === DOMAIN_LEVEL ? model.domainWeight : level === THEME_LEVEL ? 1 : 0;
}

/** One more filled place outweighs any expertise (SHORTFALL_RULE). */
export function shortfallScale(model: Pick<AssignmentModel, "domainWeight" | "places">): number {
  return model.domainWeight * model.places + 1;
}

/** Builds the model: organisations are normalised once each, conflicts marked pair by pair. */
export function assignmentModel(input: OptimalAssignInput): AssignmentModel {
  const { proposals, assessors, existing, conflicts, required } = input;
  const P = proposals.length;
  const A = assessors.length;
  const orgIds = new Map<string, number>();
  const orgId = (name: string) => {
    const key = normaliseOrganisation(name);
    if (key === "") return -1;
    let id = orgIds.get(key);
    if (id === undefined) orgIds.set(key, (id = orgIds.size));
    return id;
  };
  const assessorIndex = new Map<number, number>();
  assessors.forEach((a, i) => assessorIndex.set(a.id, i));
  const proposalIndex = new Map<number, number>();
  proposals.forEach((p, i) => proposalIndex.set(p.id, i));
  const assessorOrg = Int32Array.from(assessors, (a) => orgId(a.organisation));
  const membersOf = new Map<number, number[]>();
  assessorOrg.forEach((org, a) => {
    if (org < 0) return;
    const list = membersOf.get(org);
    if (list) list.push(a);
    else membersOf.set(org, [a]);
  });
  const proposalOrgs = proposals.map((p) => [...new Set(p.organisations.map(orgId).filter((id) => id >= 0))]);
  const orgConflict = (p: number, a: number) => assessorOrg[a]! >= 0 && proposalOrgs[p]!.includes(assessorOrg[a]!);

  // 0 eligible, 1 declared (or unassigned by a manager), 2 organisation, 3 already assigned.
  const mark = new Uint8Array(P * A);
  const declared = new Int32Array(P);
  const organisation = new Int32Array(P);
  for (const c of conflicts) {
    const p = proposalIndex.get(c.proposalId);
    const a = assessorIndex.get(c.assessorId);
    if (p === undefined || a === undefined) continue;
    const key = p * A + a;
    if (mark[key] === 0) {
      mark[key] = 1;
      declared[p]!++;
    }
  }
  for (let p = 0; p < P; p++) {
    for (const org of proposalOrgs[p]!) {
      for (const a of membersOf.get(org) ?? []) {
        const key = p * A + a;
        if (mark[key] === 0) {
          mark[key] = 2;
          organisation[p]!++;
        }
      }
    }
  }

  const have = new Int32Array(P);
  const existingLoad = new Int32Array(A);
  const seen = new Set<string>();
  const declaredKeys = new Set(conflicts.map((c) => `${c.proposalId}:${c.assessorId}`));
  const assignedCount = new Int32Array(P);
  for (const e of existing) {
    const key = `${e.proposalId}:${e.assessorId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const p = proposalIndex.get(e.proposalId);
    const a = assessorIndex.get(e.assessorId);
    if (p !== undefined && a !== undefined && mark[p * A + a] === 0) {
      mark[p * A + a] = 3;
      assignedCount[p]!++;
    }
    // Counts unless conflicted (the same rule as autoAssign's countsFor).
    if (declaredKeys.has(key)) continue;
    if (p !== undefined && a !== undefined && orgConflict(p, a)) continue;
    if (p !== undefined) have[p]!++;
    if (a !== undefined) existingLoad[a]!++;
  }

  const excluded = new Uint8Array(P * A);
  for (let i = 0; i < mark.length; i++) if (mark[i] !== 0) excluded[i] = 1;
  const eligible = new Int32Array(P);
  const need = new Int32Array(P);
  let places = 0;
  for (let p = 0; p < P; p++) {
    eligible[p] = A - declared[p]! - organisation[p]! - assignedCount[p]!;
    need[p] = Math.min(Math.max(0, required - have[p]!), eligible[p]!);
    places += need[p]!;
  }

  // Expertise classes: one per technology domain a proposal names, plus "no or unknown domain".
  const classOf = new Map<string, number>();
  const proposalClass = new Int32Array(P);
  const classDomains: string[] = [];
  proposals.forEach((proposal, p) => {
    const d = proposal.domainId;
    if (d === null) {
      proposalClass[p] = -1;
      return;
    }
    let c = classOf.get(d);
    if (c === undefined) {
      classOf.set(d, (c = classDomains.length));
      classDomains.push(d);
    }
    proposalClass[p] = c;
  });
  const classes = classDomains.length + 1;
  for (let p = 0; p < P; p++) if (proposalClass[p] === -1) proposalClass[p] = classes - 1;
  const assessorDomains = assessors.map((a) => new Set(a.expertise));
  const assessorThemes = assessors.map((a) => new Set(a.expertise.map((d) => findDomain(d)?.theme).filter((t) => t !== undefined)));
  const level = new Uint8Array(classes * A).fill(NO_MATCH_LEVEL);
  const order = new Int32Array(classes * A);
  const levelStart = new Int32Array(classes * 4);
  for (let c = 0; c < classes; c++) {
    const domain = classDomains[c];
    const theme = domain === undefined ? undefined : findDomain(domain)?.theme;
    const byLevel: number[][] = [[], [], []];
    for (let a = 0; a < A; a++) {
      const l = domain !== undefined && assessorDomains[a]!.has(domain) ? DOMAIN_LEVEL : theme !== undefined && assessorThemes[a]!.has(theme) ? THEME_LEVEL : NO_MATCH_LEVEL;
      level[c * A + a] = l;
      byLevel[l]!.push(a);
    }
    let at = 0;
    for (let l = 0; l < 3; l++) {
      levelStart[c * 4 + l] = at;
      for (const a of byLevel[l]!) order[c * A + at++] = a;
    }
    levelStart[c * 4 + 3] = at;
  }

  const maxById = new Map((input.maxLoads ?? []).map((m) => [m.assessorId, m.max]));
  return {
    proposalIds: proposals.map((p) => p.id),
    assessorIds: assessors.map((a) => a.id),
    required,
    need,
    have,
    existingLoad,
    maxLoad: Float64Array.from(assessors, (a) => maxById.get(a.id) ?? Number.POSITIVE_INFINITY),
    places,
    domainWeight: places + 1,
    excluded,
    eligible,
    declared,
    organisation,
    proposalClass,
    classes,
    level,
    order,
    levelStart,
  };
}

/** The expertise level of a pair. */
export function pairLevel(model: AssignmentModel, p: number, a: number): number {
  return model.level[model.proposalClass[p]! * model.assessorIds.length + a]!;
}

/**
 * Proposal p's eligible assessors in order of preference: domain matches, then theme matches,
 * then the rest; within a level, walked from an offset that depends on p, so that ties spread
 * over the pool instead of every proposal preferring the same assessors. Stops after `limit`.
 */
export function preferredAssessors(model: AssignmentModel, p: number, limit: number, visit: (a: number, level: number) => void): void {
  const A = model.assessorIds.length;
  const c = model.proposalClass[p]!;
  const base = c * A;
  let taken = 0;
  for (let l = 0; l < 3 && taken < limit; l++) {
    const start = model.levelStart[c * 4 + l]!;
    const size = model.levelStart[c * 4 + l + 1]! - start;
    if (size === 0) continue;
    const offset = (p * 7919) % size;
    for (let k = 0; k < size && taken < limit; k++) {
      const a = model.order[base + start + ((offset + k) % size)]!;
      if (model.excluded[p * A + a] === 1) continue;
      visit(a, l);
      taken++;
    }
  }
}

/** Per-assessor bounds on the number of NEW assignments, for a load step. */
export function loadBounds(model: Pick<AssignmentModel, "assessorIds" | "need" | "existingLoad" | "maxLoad">, step: number): { lower: Float64Array; upper: Float64Array } {
  const A = model.assessorIds.length;
  const places = model.need.reduce((s, n) => s + n, 0);
  const existingTotal = model.existingLoad.reduce((s, n) => s + n, 0);
  const total = places + existingTotal;
  const lo = A === 0 ? 0 : Math.floor(total / A);
  const hi = A === 0 ? 0 : Math.ceil(total / A);
  const rule = LOAD_STEPS[step]!;
  const lower = new Float64Array(A);
  const upper = new Float64Array(A);
  for (let a = 0; a < A; a++) {
    const cap = Math.min(rule.upper(hi), model.maxLoad[a]!);
    upper[a] = Math.max(0, cap - model.existingLoad[a]!);
    lower[a] = Math.min(upper[a]!, Math.max(0, rule.lower(lo) - model.existingLoad[a]!));
  }
  return { lower, upper };
}

/** The result from the chosen pairs: sorted additions, the proposals still short and why, statistics. */
export function assignmentResult(
  model: AssignmentModel,
  chosen: readonly { p: number; a: number }[],
  run: { loadStep: number; solves: number; columns: number; pricedIn: number },
): OptimalAssignResult {
  const P = model.proposalIds.length;
  const A = model.assessorIds.length;
  const got = Int32Array.from(model.have);
  const load = Int32Array.from(model.existingLoad);
  const added: ExistingAssignment[] = [];
  let domainMatches = 0;
  let themeMatches = 0;
  for (const { p, a } of chosen) {
    added.push({ proposalId: model.proposalIds[p]!, assessorId: model.assessorIds[a]! });
    got[p]!++;
    load[a]!++;
    const l = pairLevel(model, p, a);
    if (l === DOMAIN_LEVEL) domainMatches++;
    else if (l === THEME_LEVEL) themeMatches++;
  }
  added.sort((x, y) => x.proposalId - y.proposalId || x.assessorId - y.assessorId);
  const short: ShortProposal[] = [];
  for (let p = 0; p < P; p++) {
    if (got[p]! >= model.required) continue;
    short.push({
      proposalId: model.proposalIds[p]!,
      have: got[p]!,
      required: model.required,
      reason: shortReason(model.eligible[p]! + model.have[p]!, model.declared[p]!, model.organisation[p]!),
    });
  }
  short.sort((x, y) => x.proposalId - y.proposalId);
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (let a = 0; a < A; a++) {
    min = Math.min(min, load[a]!);
    max = Math.max(max, load[a]!);
  }
  const shortfall = run.loadStep >= LOAD_STEPS.length;
  return {
    added,
    short,
    stats: {
      domainMatches,
      themeMatches,
      loadSpread: A === 0 ? 0 : max - min,
      loadStep: Math.max(0, run.loadStep),
      loadRule: shortfall ? SHORTFALL_RULE : LOAD_STEPS[Math.max(0, run.loadStep)]!.rule,
      solves: run.solves,
      columns: run.columns,
      eligiblePairs: model.eligible.reduce((s, n) => s + n, 0),
      pricedIn: run.pricedIn,
    },
  };
}

/** What a run of automatic assignment came to: solved, or stopped by its time limit (not a crash). */
export type OptimalAssignOutcome =
  | ({ status: "solved"; seconds: number } & OptimalAssignResult)
  | { status: "time-limit"; seconds: number; limitSeconds: number };

/** A solver, with running out of time as an outcome the caller can explain. */
export async function assignOutcome(run: () => Promise<OptimalAssignResult> | OptimalAssignResult): Promise<OptimalAssignOutcome> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  try {
    return { status: "solved", ...(await run()), seconds: seconds() };
  } catch (error) {
    if (error instanceof AssignmentTimeLimitError) return { status: "time-limit", seconds: seconds(), limitSeconds: error.seconds };
    throw error;
  }
}
