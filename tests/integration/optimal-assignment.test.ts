import { describe, expect, it } from "vitest";
import { conflictReason } from "@/lib/domain/assignment";
import { bestCandidates, buildAssignmentLp, extendBasis, loadBounds, LOAD_STEPS, optimalAssign, prepareAssignment } from "@/lib/domain/assignment-lp";
import { solveSparseModel } from "@/lib/server/solver/highs";
import { bruteForce, DOMAINS, randomInstance } from "../support/assignment-brute-force";

const solve = (model: Parameters<typeof solveSparseModel>[0], options?: Parameters<typeof solveSparseModel>[1]) => solveSparseModel(model, options);


describe("optimal automatic assignment (HiGHS LP)", () => {
  it("equals brute force on small random instances, and respects conflicts, gaps and loads", async () => {
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const instance = randomInstance(seed);
      // With per-assessor maximums the places may not all fit: then as many as possible are filled.
      const expected = bruteForce(instance);
      const result = await optimalAssign(instance, solve);
      compared++;
      expect({ seed, step: result.stats.loadStep, domain: result.stats.domainMatches, theme: result.stats.themeMatches, filled: result.added.length }).toEqual({ seed, ...expected });

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
    expect(compared).toBe(60);
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
