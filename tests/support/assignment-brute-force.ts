/**
 * Known truth for automatic assignment: small random instances and a brute force over every
 * combination of distinct assessors per proposal, load rule by load rule (LOAD_STEPS), then, when
 * no rule lets every place be filled, the fillings of as many places as the maximums allow
 * (SHORTFALL_RULE). Used by the domain test (optimal-assignment.test.ts) and the app test that
 * runs the same instances through the database and the background job (assignment-app.test.ts).
 */
import { conflictReason, type AssignmentAssessor, type AssignmentProposal, type Conflict, type ExistingAssignment } from "@/lib/domain/assignment";
import { LOAD_STEPS, type OptimalAssignInput } from "@/lib/domain/assignment-lp";
import { mulberry32 } from "@/lib/domain/mulberry32";
import { findDomain } from "@/lib/domain/report/technology-domains";

// Two net-zero domains, two industrial-digitalisation domains.
export const DOMAINS = ["batteries", "hydrogen-fuel-cells", "digital-twins", "robotics"];

export interface Instance extends OptimalAssignInput {
  /** Pairs a manager unassigned (also in `conflicts`, as the server passes them). */
  removed: Conflict[];
  /** Declared conflicts only. */
  declared: Conflict[];
}

export function randomInstance(seed: number, options: { nullDomains?: boolean } = {}): Instance {
  const random = mulberry32(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const orgs = ["Org A", "Org B", "Org C", "Org D"];
  const P = 2 + Math.floor(random() * 3);
  const A = 3 + Math.floor(random() * 3);
  const required = 1 + Math.floor(random() * 2);
  const proposals: AssignmentProposal[] = Array.from({ length: P }, (_, i) => {
    const noDomain = random() < 0.1 && options.nullDomains !== false;
    return { id: 100 + i, domainId: noDomain ? null : pick(DOMAINS), organisations: [`Lead ${i}`, ...(random() < 0.4 ? [pick(orgs)] : [])] };
  });
  const assessors: AssignmentAssessor[] = Array.from({ length: A }, (_, i) => ({
    id: 200 + i,
    organisation: random() < 0.5 ? pick(orgs) : `Uni ${i}`,
    expertise: DOMAINS.filter(() => random() < 0.35),
  }));
  const declared: Conflict[] = [];
  const existing: ExistingAssignment[] = [];
  const removed: Conflict[] = [];
  for (const p of proposals) {
    for (const a of assessors) {
      const r = random();
      if (r < 0.08) declared.push({ proposalId: p.id, assessorId: a.id });
      else if (r < 0.18) existing.push({ proposalId: p.id, assessorId: a.id });
      else if (r < 0.24) removed.push({ proposalId: p.id, assessorId: a.id });
    }
  }
  const maxLoads = random() < 0.3 ? assessors.map((a) => ({ assessorId: a.id, max: 1 + Math.floor(random() * 3) })) : undefined;
  // As the server does: unassigned pairs are passed as conflicts, so they are never re-added.
  return { proposals, assessors, existing, conflicts: [...declared, ...removed], declared, removed, required, maxLoads };
}

export interface Best {
  /** The load step used; LOAD_STEPS.length for the shortfall rule. */
  step: number;
  domain: number;
  theme: number;
  /** Places filled. */
  filled: number;
}

/** The optimum by enumeration (see the module comment). */
export function bruteForce(input: OptimalAssignInput): Best {
  const { proposals, assessors, existing, conflicts, required } = input;
  const key = (p: number, a: number) => `${p}:${a}`;
  const conflictKeys = new Set(conflicts.map((c) => key(c.proposalId, c.assessorId)));
  const existingKeys = new Set(existing.map((e) => key(e.proposalId, e.assessorId)));
  const counted = existing.filter((e) => {
    if (conflictKeys.has(key(e.proposalId, e.assessorId))) return false;
    const p = proposals.find((x) => x.id === e.proposalId)!;
    const a = assessors.find((x) => x.id === e.assessorId)!;
    return conflictReason(a, p, []) === null;
  });
  const subsetsOf = (eligible: AssignmentAssessor[], sizes: (n: number) => boolean) => {
    const subsets: AssignmentAssessor[][] = [];
    const walk = (start: number, chosen: AssignmentAssessor[]) => {
      if (sizes(chosen.length)) subsets.push(chosen);
      for (let i = start; i < eligible.length; i++) walk(i + 1, [...chosen, eligible[i]!]);
    };
    walk(0, []);
    return subsets;
  };
  const options = proposals.map((p) => {
    const have = counted.filter((e) => e.proposalId === p.id).length;
    const eligible = assessors.filter((a) => !conflictKeys.has(key(p.id, a.id)) && !existingKeys.has(key(p.id, a.id)) && conflictReason(a, p, []) === null);
    const need = Math.min(Math.max(0, required - have), eligible.length);
    return { p, need, exact: subsetsOf(eligible, (n) => n === need), atMost: subsetsOf(eligible, (n) => n <= need) };
  });
  const existingLoad = new Map(assessors.map((a) => [a.id, counted.filter((e) => e.assessorId === a.id).length]));
  const total = options.reduce((s, o) => s + o.need, 0) + [...existingLoad.values()].reduce((s, n) => s + n, 0);
  const lo = Math.floor(total / assessors.length);
  const hi = Math.ceil(total / assessors.length);
  const places = options.reduce((s, o) => s + o.need, 0);
  const score = (a: AssignmentAssessor, p: AssignmentProposal) => {
    if (p.domainId && a.expertise.includes(p.domainId)) return [1, 0];
    const theme = findDomain(p.domainId)?.theme;
    return theme && a.expertise.some((d) => findDomain(d)?.theme === theme) ? [0, 1] : [0, 0];
  };
  const value = (b: Best) => (b.filled * (places + 1) + b.domain) * (places + 1) + b.theme;

  for (let step = 0; step <= LOAD_STEPS.length; step++) {
    const shortfall = step === LOAD_STEPS.length;
    const rule = LOAD_STEPS[Math.min(step, LOAD_STEPS.length - 1)]!;
    let best: Best | null = null;
    const walk = (i: number, load: Map<number, number>, domain: number, theme: number, filled: number) => {
      if (i === options.length) {
        for (const a of assessors) {
          const l = load.get(a.id)!;
          const cap = Math.min(rule.upper(hi), input.maxLoads?.find((m) => m.assessorId === a.id)?.max ?? Infinity);
          const upper = Math.max(cap, existingLoad.get(a.id)!);
          const lower = Math.min(upper, Math.max(rule.lower(lo), existingLoad.get(a.id)!));
          if (l < lower || l > upper) return;
        }
        const candidate = { step, domain, theme, filled };
        if (!best || value(candidate) > value(best)) best = candidate;
        return;
      }
      const option = options[i]!;
      for (const subset of shortfall ? option.atMost : option.exact) {
        const next = new Map(load);
        let d = domain;
        let t = theme;
        for (const a of subset) {
          next.set(a.id, next.get(a.id)! + 1);
          const [sd, st] = score(a, option.p);
          d += sd!;
          t += st!;
        }
        walk(i + 1, next, d, t, filled + subset.length);
      }
    };
    walk(0, new Map(existingLoad), 0, 0, 0);
    if (best) return best;
  }
  throw new Error("no feasible assignment, not even an empty one");
}
