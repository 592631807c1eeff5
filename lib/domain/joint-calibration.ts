/**
 * The calibrated view of a joint call's joint ranking (every assessor of both agencies). Pure: no I/O.
 *
 * The calibration model (lib/domain/calibration, unchanged) is fitted to the joint ranking's input
 * (joint.ts allAssessorsRankingInput), which walks one budget. A joint call has two: each agency funds
 * its own grant from its own budget, and a project goes ahead only when both fund it. So here each
 * agency's funding line is drawn on the joint model's expected ranks with the SNSF rule the
 * calibration uses for one budget (zones.ts fundingLineZones; Heyard et al. 2022, §3): walk the
 * passing proposals in expected-rank order adding up that agency's grants, and stop at the first
 * that no longer fits its budget. The joint zone then follows the joint outcome's rule:
 * - "fund" when the proposal is "fund" against both agencies' lines;
 * - "do not fund" when it is "do not fund" against either;
 * - "too close to call" otherwise.
 * This is exactly the one-line rule with the nearer (smaller) of the two lines: a 50 % rank
 * interval lies wholly above min(a, b) only if it lies above both, and wholly below it if it lies
 * below either. The joint funding line shown is therefore that smaller line.
 *
 * The raw columns follow suit: "within budget" means within both agencies' lines walked in the
 * raw joint order, and a proposal is fragile when dropping one of its assessments would move it
 * across either agency's raw line (zones.ts fragileProposals, once per agency).
 */
import type { CalibrationResult } from "./calibration/analyse";
import { fragileProposals, fundingLineZones, type Zone } from "./calibration/zones";
import { allAssessorsRankingInput, PANELS, type JointRankingConfig, type JointRankingProposal, type Panel, type PerAgency } from "./joint";
import { rankProposals } from "./ranking";

export interface JointCalibration extends CalibrationResult {
  /** Each agency's funding line on the joint expected-rank scale (null when every passing proposal fits its budget). */
  lines: PerAgency<number | null>;
  /** Each proposal's zone against each agency's own line (`zone` of each proposal is the joint one). */
  agencyZones: Record<number, PerAgency<Zone>>;
  /** Each proposal's grant from each agency, in that agency's currency. */
  grants: Record<number, PerAgency<number>>;
}

/** The joint zone from the two agencies' zones: fund only if both, do not fund if either. */
export function combineZones(home: Zone, partner: Zone): Zone {
  if (home === "reject" || partner === "reject") return "reject";
  return home === "fund" && partner === "fund" ? "fund" : "close";
}

/**
 * The joint ranking's calibration, with both agencies' funding lines. `result` is the model fitted
 * to `allAssessorsRankingInput(config, proposals)`; `config` and `proposals` are the joint call's.
 */
export function jointCalibration(result: CalibrationResult, config: JointRankingConfig, proposals: readonly JointRankingProposal[]): JointCalibration {
  const grantsOf = new Map(proposals.map((p) => [p.id, p.grants]));
  const grants: Record<number, PerAgency<number>> = {};
  for (const p of result.proposals) grants[p.id] = grantsOf.get(p.id) ?? { home: p.grantRequested, partner: 0 };

  const perAgency = Object.fromEntries(
    PANELS.map((agency) => {
      const { line, allFit, zones } = fundingLineZones(
        result.proposals.map((p) => ({ id: p.id, expectedRank: p.expectedRank, rank50: p.rank50, grantRequested: grants[p.id]![agency], passes: p.passes })),
        config.budgets[agency],
      );
      const raw = allAssessorsRankingInput(config, proposals, agency);
      const ranked = rankProposals(raw.config, raw.proposals).ranked;
      return [
        agency,
        {
          line: allFit ? null : line,
          zones,
          within: new Set(ranked.filter((r) => r.withinBudget).map((r) => r.id)),
          fragile: fragileProposals(raw.config, raw.proposals, ranked),
        },
      ];
    }),
  ) as Record<Panel, { line: number | null; zones: Map<number, Zone>; within: Set<number>; fragile: Set<number> }>;

  const agencyZones: Record<number, PerAgency<Zone>> = {};
  const calibrated = result.proposals.map((p) => {
    const zones = { home: perAgency.home.zones.get(p.id) ?? "reject", partner: perAgency.partner.zones.get(p.id) ?? "reject" };
    agencyZones[p.id] = zones;
    return {
      ...p,
      zone: combineZones(zones.home, zones.partner),
      withinBudget: perAgency.home.within.has(p.id) && perAgency.partner.within.has(p.id),
      fragile: perAgency.home.fragile.has(p.id) || perAgency.partner.fragile.has(p.id),
    };
  });
  const lines = { home: perAgency.home.line, partner: perAgency.partner.line };
  const drawn = PANELS.map((a) => lines[a]).filter((l): l is number => l !== null);
  return {
    ...result,
    proposals: calibrated,
    fundingLine: drawn.length === 0 ? null : Math.min(...drawn),
    lines,
    agencyZones,
    grants,
  };
}
