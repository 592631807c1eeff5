/**
 * The network-simplex solver the app runs (lib/domain/assignment-flow.ts) against known truth:
 * brute force on tiny instances, the HiGHS LP (lib/domain/assignment-lp.ts, the reference) on
 * larger random ones (fast-check, seeded), and the reduced-cost check that proves pruning lost
 * nothing: whenever the pruned model's optimum is worse than the full one, the check finds a pair
 * to add back; whenever it finds none, the pruned optimum is the full optimum.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conflictReason, type AssignmentAssessor, type AssignmentProposal } from "@/lib/domain/assignment";
import { optimalAssignFlow, pricePrunedPairs, prunedNetwork } from "@/lib/domain/assignment-flow";
import { optimalAssign } from "@/lib/domain/assignment-lp";
import { assignmentModel, loadBounds, LOAD_STEPS, type OptimalAssignInput } from "@/lib/domain/assignment-model";
import { solveSparseModel } from "@/lib/server/solver/highs";
import { bruteForce, DOMAINS, randomInstance } from "../support/assignment-brute-force";

const SEED = 20261126;
const ORGS = ["Org A", "Org B", "  org   a ", "Org C"];

/** A random call: proposals, assessors, declared/unassigned conflicts, existing assignments, maybe maximums. */
const instances = (maxProposals: number, maxAssessors: number): fc.Arbitrary<OptimalAssignInput> =>
  fc
    .record({
      required: fc.integer({ min: 1, max: 3 }),
      proposals: fc.array(fc.record({ domain: fc.option(fc.constantFrom(...DOMAINS), { freq: 8 }), partner: fc.option(fc.constantFrom(...ORGS), { freq: 2 }) }), { minLength: 1, maxLength: maxProposals }),
      assessors: fc.array(fc.record({ org: fc.option(fc.constantFrom(...ORGS), { freq: 2 }), expertise: fc.subarray(DOMAINS) }), { minLength: 1, maxLength: maxAssessors }),
      pairs: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("conflict", "existing", "existing", "removed")), { maxLength: 12 }),
      maxLoads: fc.option(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: maxAssessors, maxLength: maxAssessors }), { freq: 3 }),
    })
    .map(({ required, proposals, assessors, pairs, maxLoads }) => {
      const ps: AssignmentProposal[] = proposals.map((p, i) => ({ id: 100 + i, domainId: p.domain, organisations: [`Lead ${i}`, ...(p.partner ? [p.partner] : [])] }));
      const as: AssignmentAssessor[] = assessors.map((a, i) => ({ id: 500 + i, organisation: a.org ?? `Uni ${i}`, expertise: a.expertise }));
      const pick = ([p, a]: [number, number, string]) => ({ proposalId: ps[p % ps.length]!.id, assessorId: as[a % as.length]!.id });
      return {
        proposals: ps,
        assessors: as,
        required,
        conflicts: pairs.filter((t) => t[2] !== "existing").map(pick),
        existing: pairs.filter((t) => t[2] === "existing").map(pick),
        ...(maxLoads ? { maxLoads: as.map((a, i) => ({ assessorId: a.id, max: maxLoads[i]! })) } : {}),
      };
    });

const summary = (r: { added: unknown[]; stats: { loadStep: number; domainMatches: number; themeMatches: number } }) => ({
  step: r.stats.loadStep,
  domain: r.stats.domainMatches,
  theme: r.stats.themeMatches,
  filled: r.added.length,
});

describe("optimal automatic assignment (min-cost flow, network simplex)", () => {
  it("equals brute force on small random instances", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const instance = randomInstance(seed);
      expect({ seed, ...summary(optimalAssignFlow(instance)) }).toEqual({ seed, ...bruteForce(instance) });
    }
  });

  it("equals the HiGHS LP optimum on random instances, with distinct, unconflicted assessors within their load bounds", async () => {
    await fc.assert(
      fc.asyncProperty(instances(14, 8), fc.integer({ min: 1, max: 6 }), async (input, k) => {
        const flow = optimalAssignFlow({ ...input, initialCandidates: k });
        const lp = await optimalAssign(input, (model, options) => solveSparseModel(model, options));
        expect(summary(flow)).toEqual(summary(lp));
        const model = assignmentModel(input);
        const taken = new Set<string>();
        const load = new Map<number, number>();
        for (const pair of flow.added) {
          const key = `${pair.proposalId}:${pair.assessorId}`;
          expect(taken.has(key)).toBe(false);
          taken.add(key);
          expect(input.conflicts.some((c) => c.proposalId === pair.proposalId && c.assessorId === pair.assessorId)).toBe(false);
          expect(input.existing.some((c) => c.proposalId === pair.proposalId && c.assessorId === pair.assessorId)).toBe(false);
          const p = input.proposals.find((x) => x.id === pair.proposalId)!;
          const a = input.assessors.find((x) => x.id === pair.assessorId)!;
          expect(conflictReason(a, p, [])).toBeNull();
          load.set(pair.assessorId, (load.get(pair.assessorId) ?? 0) + 1);
        }
        if (model.places > 0 && flow.stats.loadStep < LOAD_STEPS.length) {
          const bounds = loadBounds(model, flow.stats.loadStep);
          model.assessorIds.forEach((id, a) => {
            expect(load.get(id) ?? 0).toBeGreaterThanOrEqual(bounds.lower[a]!);
            expect(load.get(id) ?? 0).toBeLessThanOrEqual(bounds.upper[a]!);
          });
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  }, 60_000);

  it("detects, by reduced costs, every pruned model whose optimum is worse than the full one", () => {
    let lossesDetected = 0;
    fc.assert(
      fc.property(instances(14, 8), fc.integer({ min: 1, max: 3 }), (input, k) => {
        const model = assignmentModel(input);
        if (model.places === 0) return;
        const step = LOAD_STEPS.length; // the shortfall network: always feasible, so costs compare
        const full = prunedNetwork(model, step, model.assessorIds.length);
        expect(full.simplex.solve()).toBe("optimal");
        expect(pricePrunedPairs(model, full)).toEqual([]); // nothing was pruned
        const pruned = prunedNetwork(model, step, k);
        expect(pruned.simplex.solve()).toBe("optimal");
        const priced = pricePrunedPairs(model, pruned);
        if (pruned.simplex.totalCost() > full.simplex.totalCost()) {
          expect(priced.length).toBeGreaterThan(0);
          lossesDetected++;
        }
        if (priced.length === 0) expect(pruned.simplex.totalCost()).toBe(full.simplex.totalCost());
      }),
      { seed: SEED, numRuns: 300 },
    );
    // The property was exercised: pruning did lose the optimum in some instances, and the check caught each.
    expect(lossesDetected).toBeGreaterThan(10);
  }, 30_000);
});
