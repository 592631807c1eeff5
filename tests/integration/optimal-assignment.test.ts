import { describe, expect, it } from "vitest";
import { conflictReason, type AssignmentAssessor, type AssignmentProposal, type Conflict, type ExistingAssignment } from "@/lib/domain/assignment";
import { bestCandidates, buildAssignmentLp, extendBasis, loadBounds, LOAD_STEPS, optimalAssign, prepareAssignment, type OptimalAssignInput } from "@/lib/domain/assignment-lp";
import { findDomain } from "@/lib/domain/report/technology-domains";
import { solveSparseModel } from "@/lib/server/solver/highs";
import { mulberry32 } from "@/lib/domain/mulberry32";

const solve = (model: Parameters<typeof solveSparseModel>[0], options?: Parameters<typeof solveSparseModel>[1]) => solveSparseModel(model, options);


// Two net-zero domains, two industrial-digitalisation domains.
const DOMAINS = ["batteries", "hydrogen-fuel-cells", "digital-twins", "robotics"];

interface Instance extends OptimalAssignInput {
  removed: Conflict[];
}

function randomInstance(seed: number): Instance {
  const random = mulberry32(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const orgs = ["Org A", "Org B", "Org C", "Org D"];
  const P = 2 + Math.floor(random() * 3);
  const A = 3 + Math.floor(random() * 3);
  const required = 1 + Math.floor(random() * 2);
  const proposals: AssignmentProposal[] = Array.from({ length: P }, (_, i) => ({
    id: 100 + i,
    domainId: random() < 0.1 ? null : pick(DOMAINS),
    organisations: [`Lead ${i}`, ...(random() < 0.4 ? [pick(orgs)] : [])],
  }));
  const assessors: AssignmentAssessor[] = Array.from({ length: A }, (_, i) => ({
    id: 200 + i,
    organisation: random() < 0.5 ? pick(orgs) : `Uni ${i}`,
    expertise: DOMAINS.filter(() => random() < 0.35),
  }));
  const conflicts: Conflict[] = [];
  const existing: ExistingAssignment[] = [];
  const removed: Conflict[] = [];
  for (const p of proposals) {
    for (const a of assessors) {
      const r = random();
      if (r < 0.08) conflicts.push({ proposalId: p.id, assessorId: a.id });
      else if (r < 0.18) existing.push({ proposalId: p.id, assessorId: a.id });
      else if (r < 0.24) removed.push({ proposalId: p.id, assessorId: a.id });
    }
  }
  const maxLoads = random() < 0.3 ? assessors.map((a) => ({ assessorId: a.id, max: 1 + Math.floor(random() * 3) })) : undefined;
  // As the server does: unassigned pairs are passed as conflicts, so they are never re-added.
  return { proposals, assessors, existing, conflicts: [...conflicts, ...removed], removed, required, maxLoads };
}

interface Best {
  step: number;
  domain: number;
  theme: number;
}

/** Every combination of distinct assessors per proposal, step by step through the load rules. */
function bruteForce(input: Instance): Best {
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
  const options = proposals.map((p) => {
    const have = counted.filter((e) => e.proposalId === p.id).length;
    const eligible = assessors.filter((a) => !conflictKeys.has(key(p.id, a.id)) && !existingKeys.has(key(p.id, a.id)) && conflictReason(a, p, []) === null);
    const need = Math.min(Math.max(0, required - have), eligible.length);
    const subsets: AssignmentAssessor[][] = [];
    const walk = (start: number, chosen: AssignmentAssessor[]) => {
      if (chosen.length === need) return void subsets.push(chosen);
      for (let i = start; i < eligible.length; i++) walk(i + 1, [...chosen, eligible[i]!]);
    };
    walk(0, []);
    return { p, subsets, need };
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

  for (let step = 0; step < LOAD_STEPS.length; step++) {
    const rule = LOAD_STEPS[step]!;
    let best: Best | null = null;
    const walk = (i: number, load: Map<number, number>, domain: number, theme: number) => {
      if (i === options.length) {
        for (const a of assessors) {
          const l = load.get(a.id)!;
          const cap = Math.min(rule.upper(hi), input.maxLoads?.find((m) => m.assessorId === a.id)?.max ?? Infinity);
          const upper = Math.max(cap, existingLoad.get(a.id)!);
          const lower = Math.min(upper, Math.max(rule.lower(lo), existingLoad.get(a.id)!));
          if (l < lower || l > upper) return;
        }
        if (!best || domain * (places + 1) + theme > best.domain * (places + 1) + best.theme) best = { step, domain, theme };
        return;
      }
      for (const subset of options[i]!.subsets) {
        const next = new Map(load);
        let d = domain;
        let t = theme;
        for (const a of subset) {
          next.set(a.id, next.get(a.id)! + 1);
          const [sd, st] = score(a, options[i]!.p);
          d += sd!;
          t += st!;
        }
        walk(i + 1, next, d, t);
      }
    };
    walk(0, new Map(existingLoad), 0, 0);
    if (best) return best;
  }
  throw new Error("no feasible assignment even without load limits");
}

describe("optimal automatic assignment (HiGHS LP)", () => {
  it("equals brute force on small random instances, and respects conflicts, gaps and loads", async () => {
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const instance = randomInstance(seed);
      let expected: Best;
      try {
        expected = bruteForce(instance);
      } catch {
        // With per-assessor maximums the places may not fit at all: the LP must refuse too.
        await expect(optimalAssign(instance, solve)).rejects.toThrow(/infeasible/);
        continue;
      }
      const result = await optimalAssign(instance, solve);
      compared++;
      expect({ seed, step: result.stats.loadStep, domain: result.stats.domainMatches, theme: result.stats.themeMatches }).toEqual({ seed, ...expected });

      const key = (p: number, a: number) => `${p}:${a}`;
      const forbidden = new Set([...instance.conflicts, ...instance.existing].map((c) => key(c.proposalId, c.assessorId)));
      const seen = new Set<string>();
      for (const pair of result.added) {
        const k = key(pair.proposalId, pair.assessorId);
        expect(forbidden.has(k), `seed ${seed}: ${k} conflicted, removed or already assigned`).toBe(false);
        expect(seen.has(k), `seed ${seed}: ${k} twice`).toBe(false);
        seen.add(k);
        const p = instance.proposals.find((x) => x.id === pair.proposalId)!;
        const a = instance.assessors.find((x) => x.id === pair.assessorId)!;
        expect(conflictReason(a, p, [])).toBeNull();
      }
      for (const a of instance.assessors) {
        const max = instance.maxLoads?.find((m) => m.assessorId === a.id)?.max;
        if (max !== undefined) expect(result.added.filter((x) => x.assessorId === a.id).length).toBeLessThanOrEqual(max);
      }
    }
    expect(compared).toBeGreaterThan(40);
  });

  it("keeps every load within one of balanced and gives each proposal its required assessors when the pool allows", async () => {
    const assessors = Array.from({ length: 7 }, (_, i) => ({ id: i + 1, organisation: `Uni ${i}`, expertise: [DOMAINS[i % DOMAINS.length]!] }));
    const proposals = Array.from({ length: 12 }, (_, i) => ({ id: 100 + i, domainId: DOMAINS[0]!, organisations: [`Lead ${i}`] }));
    const result = await optimalAssign({ proposals, assessors, existing: [], conflicts: [], required: 3 }, solve);
    expect(result.short).toEqual([]);
    expect(result.stats.loadStep).toBe(0);
    const loads = assessors.map((a) => result.added.filter((x) => x.assessorId === a.id).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    for (const p of proposals) expect(result.added.filter((x) => x.proposalId === p.id)).toHaveLength(3);
    // Only two assessors know batteries. 36 places over 7 assessors: one load of 6 and six of 5,
    // so the two experts can take 6 + 5 proposals between them.
    expect(result.stats.domainMatches).toBe(11);
  });

  it("finds the optimum when pruning to few candidates hides the best pairs (reduced-cost check)", async () => {
    const assessors = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, organisation: `Uni ${i}`, expertise: i >= 25 ? ["robotics"] : ["batteries"] }));
    const proposals = Array.from({ length: 10 }, (_, i) => ({ id: 100 + i, domainId: i < 5 ? "batteries" : "robotics", organisations: [`Lead ${i}`] }));
    const input = { proposals, assessors, existing: [], conflicts: [], required: 1 };
    const pruned = await optimalAssign({ ...input, initialCandidates: 1 }, solve);
    const full = await optimalAssign({ ...input, initialCandidates: 1_000 }, solve);
    expect(pruned.stats.domainMatches).toBe(full.stats.domainMatches);
    expect(full.stats.domainMatches).toBe(10);
  });

  it("re-solves after pricing from the previous optimal basis, carried to the larger model, to the same optimum", async () => {
    const input = { ...randomInstance(3), initialCandidates: 1 };
    const prep = prepareAssignment(input);
    const bounds = loadBounds(prep, LOAD_STEPS.length - 1); // no load limits: the small model is feasible
    const small = buildAssignmentLp(prep, bestCandidates(prep, 1), bounds);
    const smallResult = await solve(small.model);
    const large = buildAssignmentLp(prep, bestCandidates(prep, 1_000), bounds);
    const cold = await solve(large.model);
    const warm = await solve(large.model, { basis: extendBasis(smallResult.basis!, small.columnPair, large.columnPair) });
    expect(warm.status).toBe("optimal");
    expect(warm.objective).toBeCloseTo(cold.objective!, 9);
  });

  it("reports a proposal the pool cannot cover, with the reason", async () => {
    const assessors = [
      { id: 1, organisation: "Acme Ltd", expertise: [] },
      { id: 2, organisation: "Uni", expertise: [] },
    ];
    const proposals = [{ id: 10, domainId: null, organisations: ["  ACME   ltd "] }];
    const result = await optimalAssign({ proposals, assessors, existing: [], conflicts: [], required: 2 }, solve);
    expect(result.added).toEqual([{ proposalId: 10, assessorId: 2 }]);
    expect(result.short).toEqual([{ proposalId: 10, have: 1, required: 2, reason: "Only 1 eligible assessor: 1 works at a consortium organisation" }]);
  });
});
