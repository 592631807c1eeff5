/**
 * Optimal automatic assignment as a minimum-cost flow, solved in TypeScript by the network simplex
 * method (assignment-network-simplex.ts). This is what the app runs; the HiGHS LP of
 * assignment-lp.ts, over the same model (assignment-model.ts), is the reference it is tested
 * against.
 *
 * The LP of assignment-lp.ts is a transportation problem (Hitchcock 1941), i.e. a b-matching on a
 * bipartite graph: as a network (Ahuja, Magnanti & Orlin, "Network Flows", 1993, §9.2 and ch. 11):
 *   proposal p  --(cap 1, cost K − w_pa)-->  assessor a  --(lower L_a, cap U_a, cost 0)-->  sink t
 * with supply need_p at each proposal and −Σ need at the sink (an assessor's lower bound moves L_a of
 * supply from the assessor to the sink). K = the domain weight, so every cost is ≥ 0; since every
 * place is filled, minimising Σ (K − w) maximises Σ w. The network simplex keeps integral flows, so
 * the optimum is an assignment with distinct assessors per proposal (capacity 1 per pair).
 * Shortfall (SHORTFALL_RULE): each proposal also gets an arc p → t ("unfilled", cost K + B with B
 * = shortfallScale), so filling one more place saves B, more than any expertise.
 *
 * Pruning with a proof (column generation, Dantzig & Wolfe 1960; the reduced-cost test is the LP
 * optimality condition, AMO93 Thm 9.4): the model starts with each proposal's best K candidates
 * (by expertise level, ties spread over the pool). After a solve, the node potentials π are a dual
 * solution; every pair left out is priced: its reduced cost K − w_pa + π_p − π_a. When none is
 * negative, π is dual feasible for the FULL problem, so the pruned optimum is the optimum of the
 * full problem (complementary slackness): pruning lost nothing. Otherwise the negative pairs are
 * added and the simplex goes on from the current basis. An infeasible pruned model (an artificial
 * arc still carrying flow) is priced the same way: with no negative pair left, the full problem is
 * infeasible under that load step, and the next step is tried.
 */
import {
  assignmentModel,
  assignmentResult,
  AssignmentTimeLimitError,
  levelWeight,
  loadBounds,
  LOAD_STEPS,
  preferredAssessors,
  SHORTFALL_RULE,
  shortfallScale,
  type AssignmentModel,
  type OptimalAssignInput,
  type OptimalAssignResult,
  type ProgressReporter,
} from "./assignment-model";
import { DeadlineError, NetworkSimplex, UNLIMITED } from "./assignment-network-simplex";

/** Pairs priced in per proposal per round, most negative reduced cost first. */
const PRICED_PER_PROPOSAL = 4;

/** The default number of candidates per proposal in the first model. */
export function defaultCandidates(maxNeed: number): number {
  return Math.max(16, 4 * maxNeed);
}

/** The pruned network for one load step: the simplex, and which pairs its arcs are. */
export interface PrunedNetwork {
  simplex: NetworkSimplex;
  /** Node of each proposal with places to fill (−1 otherwise); assessor a is node `assessorBase + a`. */
  proposalNode: Int32Array;
  assessorBase: number;
  /** Candidate arcs: simplex arc id → pair. */
  arcProposal: number[];
  arcAssessor: number[];
  arcIds: number[];
  /** 1 where the pair is in the model: inModel[p · A + a]. */
  inModel: Uint8Array;
  /** The cost offset K: a pair costs K − w. */
  offset: number;
}

/** Builds the pruned network of a load step with each proposal's best `k` candidates. */
export function prunedNetwork(model: AssignmentModel, step: number, k: number): PrunedNetwork {
  const P = model.proposalIds.length;
  const A = model.assessorIds.length;
  const shortfall = step >= LOAD_STEPS.length;
  const bounds = loadBounds(model, Math.min(step, LOAD_STEPS.length - 1));
  const proposalNode = new Int32Array(P).fill(-1);
  let nodes = 0;
  for (let p = 0; p < P; p++) if (model.need[p]! > 0) proposalNode[p] = nodes++;
  const assessorBase = nodes;
  const sink = assessorBase + A;
  const supply = new Float64Array(sink + 1);
  for (let p = 0; p < P; p++) if (proposalNode[p]! >= 0) supply[proposalNode[p]!] = model.need[p]!;
  supply[sink] = -model.places;
  for (let a = 0; a < A; a++) {
    supply[assessorBase + a] = -bounds.lower[a]!;
    supply[sink] += bounds.lower[a]!;
  }
  const offset = model.domainWeight;
  const unfilled = offset + shortfallScale(model);
  const simplex = new NetworkSimplex(supply, shortfall ? unfilled : offset, P * k + 2 * A + P);
  for (let a = 0; a < A; a++) {
    const room = bounds.upper[a]! - bounds.lower[a]!;
    simplex.addArc(assessorBase + a, sink, Number.isFinite(room) ? room : UNLIMITED, 0);
  }
  if (shortfall) for (let p = 0; p < P; p++) if (proposalNode[p]! >= 0) simplex.addArc(proposalNode[p]!, sink, model.need[p]!, unfilled);

  const network: PrunedNetwork = { simplex, proposalNode, assessorBase, arcProposal: [], arcAssessor: [], arcIds: [], inModel: new Uint8Array(P * A), offset };
  const pairs: number[] = [];
  for (let p = 0; p < P; p++) {
    if (proposalNode[p]! < 0) continue;
    preferredAssessors(model, p, Math.max(k, model.need[p]!), (a) => pairs.push(p, a));
  }
  // Arcs in a mixed order (LEMON's arc mixing): the block search then sees many proposals per block.
  const count = pairs.length / 2;
  const skip = Math.max(3, Math.floor(count / Math.max(1, nodes)));
  for (let first = 0; first < skip; first++) for (let i = first; i < count; i += skip) addPair(model, network, pairs[2 * i]!, pairs[2 * i + 1]!);
  return network;
}

function addPair(model: AssignmentModel, network: PrunedNetwork, p: number, a: number): void {
  const A = model.assessorIds.length;
  network.inModel[p * A + a] = 1;
  const w = levelWeight(model, model.level[model.proposalClass[p]! * A + a]!);
  network.arcIds.push(network.simplex.addArc(network.proposalNode[p]!, network.assessorBase + a, 1, network.offset - w));
  network.arcProposal.push(p);
  network.arcAssessor.push(a);
}

/**
 * The reduced-cost check: every eligible pair not in the model whose reduced cost
 * K − w + π_p − π_a is negative (it could improve the optimum), at most `perProposal` per
 * proposal, most negative first. Empty: the pruned optimum is the full optimum.
 */
export function pricePrunedPairs(model: AssignmentModel, network: PrunedNetwork, perProposal = PRICED_PER_PROPOSAL): { p: number; a: number }[] {
  const P = model.proposalIds.length;
  const A = model.assessorIds.length;
  const { simplex, proposalNode, assessorBase, inModel, offset } = network;
  const piA = new Float64Array(A);
  for (let a = 0; a < A; a++) piA[a] = simplex.potential(assessorBase + a);
  const costOf = [offset - levelWeight(model, 0), offset - levelWeight(model, 1), offset - levelWeight(model, 2)];
  const out: { p: number; a: number }[] = [];
  const bestA = new Int32Array(perProposal);
  const bestD = new Float64Array(perProposal);
  for (let p = 0; p < P; p++) {
    const node = proposalNode[p]!;
    if (node < 0) continue;
    const piP = simplex.potential(node);
    const levels = model.proposalClass[p]! * A;
    const row = p * A;
    let found = 0;
    for (let a = 0; a < A; a++) {
      if (model.excluded[row + a] === 1 || inModel[row + a] === 1) continue;
      const d = costOf[model.level[levels + a]!]! + piP - piA[a]!;
      if (d >= 0) continue;
      // Keep the `perProposal` most negative (insertion into a short sorted list).
      let i: number;
      if (found < perProposal) i = found++;
      else if (d < bestD[perProposal - 1]!) i = perProposal - 1;
      else continue;
      while (i > 0 && bestD[i - 1]! > d) {
        bestD[i] = bestD[i - 1]!;
        bestA[i] = bestA[i - 1]!;
        i--;
      }
      bestD[i] = d;
      bestA[i] = a;
    }
    for (let i = 0; i < found; i++) out.push({ p, a: bestA[i]! });
  }
  return out;
}

/** Solves the assignment to optimality (see the module comment). */
export function optimalAssignFlow(input: OptimalAssignInput, progress: ProgressReporter = () => {}): OptimalAssignResult {
  const started = performance.now();
  const limit = input.timeLimitSeconds;
  const deadline = limit === undefined ? Number.POSITIVE_INFINITY : started + limit * 1000;
  progress(0.02, "Checking conflicts and expertise");
  const model = assignmentModel(input);
  const maxNeed = model.need.reduce((m, n) => Math.max(m, n), 0);
  const k = input.initialCandidates ?? defaultCandidates(maxNeed);
  let solves = 0;
  let pricedIn = 0;
  if (model.places === 0) return assignmentResult(model, [], { loadStep: 0, solves, columns: 0, pricedIn });

  try {
    for (let step = 0; step <= LOAD_STEPS.length; step++) {
      const rule = step === LOAD_STEPS.length ? SHORTFALL_RULE : LOAD_STEPS[step]!.rule;
      const network = prunedNetwork(model, step, k);
      for (;;) {
        progress(Math.min(0.85, 0.1 + 0.1 * solves), `Solving (${network.arcIds.length.toLocaleString("en-GB")} candidate pairs, ${rule})`);
        const status = network.simplex.solve(deadline);
        solves++;
        if (status === "unbounded") throw new Error("The assignment network is unbounded");
        progress(Math.min(0.9, 0.15 + 0.1 * solves), "Checking that pruning lost nothing (reduced costs)");
        const priced = pricePrunedPairs(model, network);
        if (priced.length > 0) {
          for (const { p, a } of priced) addPair(model, network, p, a);
          pricedIn += priced.length;
          continue;
        }
        if (status === "infeasible") break; // the full problem is infeasible under this step
        const chosen: { p: number; a: number }[] = [];
        for (let i = 0; i < network.arcIds.length; i++) if (network.simplex.flow(network.arcIds[i]!) === 1) chosen.push({ p: network.arcProposal[i]!, a: network.arcAssessor[i]! });
        progress(0.95, "Recording the assignments");
        return assignmentResult(model, chosen, { loadStep: step, solves, columns: network.arcIds.length, pricedIn });
      }
    }
  } catch (error) {
    if (error instanceof DeadlineError) throw new AssignmentTimeLimitError(limit ?? 0);
    throw error;
  }
  // The shortfall network is always feasible (the "unfilled" arcs carry any place).
  throw new Error("The assignment could not be solved");
}
