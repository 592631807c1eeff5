/**
 * Automatic assignment of assessors to proposals. Pure: no I/O.
 *
 * Rules:
 * - Every proposal ends with `required` assessors in total. Existing assignments count, so
 *   re-running only fills gaps, and an assessor is never assigned to the same proposal twice.
 *   An existing assignment whose assessor is conflicted on the proposal (for example one who
 *   declared a conflict after being assigned) does not count, because that assessor cannot score it.
 * - Conflicted assessors are never assigned: one who declared a conflict on the proposal, or whose
 *   organisation matches the lead's or any partner's (see `normaliseOrganisation`).
 * - Proposals are processed fewest eligible assessors first, then by id, so proposals with a
 *   scarce pool are served before the shared assessors fill up.
 * - For each proposal, candidates are taken in this order:
 *     1. lowest current load (existing assignments plus those added in this run);
 *     2. then assessors with expertise in the proposal's technology domain;
 *     3. then the lower assessor id, so the result is deterministic.
 *   Load comes first, so with an unconstrained pool the loads differ by at most one; expertise
 *   decides between equally-loaded assessors.
 * - An assessor with a maximum (set when accepting the call's invitation) is never given more than
 *   that many proposals of the call in total, existing assignments included. Who is in the pool
 *   at all (only assessors who accepted the invitation) is the caller's choice.
 * - A proposal the eligible pool cannot cover is reported in `short`, with the reason.
 */

import { findDomain } from "./report/technology-domains";

export interface AssignmentAssessor {
  id: number;
  organisation: string;
  /** Technology domain ids. */
  expertise: readonly string[];
  /** The most proposals of this call they will take; null or absent: no limit. */
  maxProposals?: number | null;
}

export interface AssignmentProposal {
  id: number;
  domainId: string | null;
  /** The lead's and every partner's organisation. */
  organisations: readonly string[];
}

export interface ExistingAssignment {
  proposalId: number;
  assessorId: number;
}

/** A declared conflict of interest. */
export interface Conflict {
  proposalId: number;
  assessorId: number;
}

export interface AutoAssignInput {
  proposals: readonly AssignmentProposal[];
  assessors: readonly AssignmentAssessor[];
  existing: readonly ExistingAssignment[];
  conflicts: readonly Conflict[];
  required: number;
}

export interface ShortProposal {
  proposalId: number;
  have: number;
  required: number;
  reason: string;
}

export interface AutoAssignResult {
  added: ExistingAssignment[];
  short: ShortProposal[];
}

export type ConflictReason = "declared" | "organisation";

/** Case-insensitive, trimmed, inner whitespace collapsed: "  Acme   LTD " → "acme ltd". */
export function normaliseOrganisation(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** Why an assessor may not assess a proposal, or null when they may. A declared conflict wins. */
export function conflictReason(
  assessor: AssignmentAssessor,
  proposal: AssignmentProposal,
  conflicts: readonly Conflict[],
): ConflictReason | null {
  if (conflicts.some((c) => c.proposalId === proposal.id && c.assessorId === assessor.id)) return "declared";
  const own = normaliseOrganisation(assessor.organisation);
  // An empty organisation never matches: it says nothing about who the assessor works for.
  if (own !== "" && proposal.organisations.some((o) => normaliseOrganisation(o) === own)) return "organisation";
  return null;
}

export function isConflicted(
  assessor: AssignmentAssessor,
  proposal: AssignmentProposal,
  conflicts: readonly Conflict[],
): boolean {
  return conflictReason(assessor, proposal, conflicts) !== null;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * Why a proposal is short of assessors, e.g. "Only 2 eligible assessors: 1 declared a conflict".
 * `removed`: assessors a manager unassigned from it (never put back automatically).
 */
export function shortReason(eligible: number, declared: number, organisation: number, full = 0, removed = 0): string {
  const head = eligible === 0 ? "No eligible assessors" : `Only ${plural(eligible, "eligible assessor", "eligible assessors")}`;
  const excluded: string[] = [];
  if (declared > 0) excluded.push(`${declared} declared a conflict`);
  if (organisation > 0) excluded.push(`${organisation} ${organisation === 1 ? "works" : "work"} at a consortium organisation`);
  if (full > 0) excluded.push(`${full} ${full === 1 ? "has" : "have"} reached the maximum they accepted`);
  if (removed > 0) excluded.push(`${removed} ${removed === 1 ? "was" : "were"} unassigned from it by a manager`);
  return excluded.length > 0 ? `${head}: ${excluded.join(", ")}` : `${head} in the pool`;
}

export function autoAssign({ proposals, assessors, existing, conflicts, required }: AutoAssignInput): AutoAssignResult {
  const assessorById = new Map(assessors.map((a) => [a.id, a]));
  const pairKey = (proposalId: number, assessorId: number) => `${proposalId}:${assessorId}`;

  const proposalById = new Map(proposals.map((p) => [p.id, p]));
  // An existing assignment counts (toward the proposal's total and the assessor's load) unless
  // its assessor is conflicted on the proposal. The declared-conflict check is repeated here
  // because the assessor may no longer be in the pool, so `isConflicted` cannot be asked.
  const countsFor = (a: ExistingAssignment): boolean => {
    if (conflicts.some((c) => c.proposalId === a.proposalId && c.assessorId === a.assessorId)) return false;
    const proposal = proposalById.get(a.proposalId);
    const assessor = assessorById.get(a.assessorId);
    return !(proposal && assessor && isConflicted(assessor, proposal, conflicts));
  };

  // Current assignments (deduplicated) and each assessor's load.
  const assigned = new Set<string>();
  const load = new Map<number, number>(assessors.map((a) => [a.id, 0]));
  const have = new Map<number, number>();
  for (const a of existing) {
    const key = pairKey(a.proposalId, a.assessorId);
    if (assigned.has(key)) continue;
    assigned.add(key);
    if (!countsFor(a)) continue;
    load.set(a.assessorId, (load.get(a.assessorId) ?? 0) + 1);
    have.set(a.proposalId, (have.get(a.proposalId) ?? 0) + 1);
  }

  const plans = proposals.map((proposal) => {
    let declared = 0;
    let organisation = 0;
    const eligible: AssignmentAssessor[] = [];
    for (const assessor of assessors) {
      const reason = conflictReason(assessor, proposal, conflicts);
      if (reason === "declared") declared++;
      else if (reason === "organisation") organisation++;
      else eligible.push(assessor);
    }
    return { proposal, eligible, declared, organisation };
  });
  plans.sort((a, b) => a.eligible.length - b.eligible.length || a.proposal.id - b.proposal.id);

  const added: ExistingAssignment[] = [];
  const short: ShortProposal[] = [];

  for (const { proposal, eligible, declared, organisation } of plans) {
    const hasExpertise = (a: AssignmentAssessor) =>
      proposal.domainId !== null && a.expertise.includes(proposal.domainId) ? 1 : 0;
    const atMaximum = (a: AssignmentAssessor) => a.maxProposals != null && (load.get(a.id) ?? 0) >= a.maxProposals;
    const candidates = eligible
      .filter((a) => !assigned.has(pairKey(proposal.id, a.id)) && !atMaximum(a))
      .sort(
        (a, b) =>
          (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || hasExpertise(b) - hasExpertise(a) || a.id - b.id,
      );

    let count = have.get(proposal.id) ?? 0;
    // Loads of the remaining candidates do not change while this proposal picks, so one sort suffices.
    for (const assessor of candidates) {
      if (count >= required) break;
      added.push({ proposalId: proposal.id, assessorId: assessor.id });
      assigned.add(pairKey(proposal.id, assessor.id));
      load.set(assessor.id, (load.get(assessor.id) ?? 0) + 1);
      count++;
    }

    if (count < required) {
      const full = eligible.filter((a) => !assigned.has(pairKey(proposal.id, a.id)) && atMaximum(a)).length;
      short.push({
        proposalId: proposal.id,
        have: count,
        required,
        reason: shortReason(eligible.length - full, declared, organisation, full),
      });
    }
  }

  short.sort((a, b) => a.proposalId - b.proposalId);
  return { added, short };
}

export type ExpertiseMatch = "domain" | "theme" | "none";

/** A domain match (expertise in the proposal's Table 4.1 domain), else a theme match (another domain of its theme). */
export function expertiseMatch(expertise: readonly string[], domainId: string | null): ExpertiseMatch {
  if (domainId === null) return "none";
  if (expertise.includes(domainId)) return "domain";
  const theme = findDomain(domainId)?.theme;
  return theme !== undefined && expertise.some((d) => findDomain(d)?.theme === theme) ? "theme" : "none";
}

export interface SuggestionCandidate extends AssignmentAssessor {
  name: string;
  /** Proposals of the call they have now. */
  load: number;
}

export interface Suggestion {
  id: number;
  name: string;
  organisation: string;
  load: number;
  maxProposals: number | null;
  match: ExpertiseMatch;
}

const MATCH_ORDER: Record<ExpertiseMatch, number> = { domain: 0, theme: 1, none: 2 };

/**
 * The assessors a manager may add to one proposal, best first: a domain match, then a theme match,
 * then the lower load, then by name. Left out: anyone conflicted (declared, or working at a
 * consortium organisation), already assigned, unassigned from it by a manager, or at the maximum
 * they accepted. The same rules as automatic assignment, so the two never disagree.
 */
export function rankSuggestions(
  proposal: AssignmentProposal,
  pool: readonly SuggestionCandidate[],
  exclude: { declared: readonly Conflict[]; assigned: ReadonlySet<number>; removed: ReadonlySet<number> },
): Suggestion[] {
  return pool
    .filter(
      (a) =>
        !exclude.assigned.has(a.id) &&
        !exclude.removed.has(a.id) &&
        !(a.maxProposals != null && a.load >= a.maxProposals) &&
        conflictReason(a, proposal, exclude.declared) === null,
    )
    .map((a) => ({ id: a.id, name: a.name, organisation: a.organisation, load: a.load, maxProposals: a.maxProposals ?? null, match: expertiseMatch(a.expertise, proposal.domainId) }))
    .sort((x, y) => MATCH_ORDER[x.match] - MATCH_ORDER[y.match] || x.load - y.load || x.name.localeCompare(y.name, "en-GB") || x.id - y.id);
}
