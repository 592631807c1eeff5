/**
 * Joint calls: two agencies, two panels, two budgets in two currencies. Pure: no I/O.
 *
 * Every ranking here is lib/domain/ranking.ts's rankProposals (DESIGN.md "Ranking rules"), run on
 * a different set of assessments:
 * - the home panel's ranking uses only the home agency's assessors' submitted assessments, needs
 *   the home agency's number of assessors, and walks the home grant against the home budget;
 * - the partner panel's ranking uses only the partner agency's assessors, needs the partner's
 *   number of assessors, and walks the partner grant against the partner budget;
 * - the joint ranking uses every assessor. A proposal is ranked in it only once both panels have
 *   their required number (the count shown is the required assessments done, out of the sum of
 *   the two requirements).
 *
 * Funding lines: each agency funds from its own budget, in its own currency, on its own panel's
 * view, so its line is walked in its own panel's rank order (the lines of the two panel
 * rankings). A proposal is "fundable by both" when it is within both lines.
 *
 * Disagreement between panels: a proposal ranked by both panels is flagged when its two panel
 * ranks differ by more than a quarter of the proposals ranked by both panels, or when one panel
 * passes it and the other fails it.
 *
 * Joint outcome of the two agencies' decisions: fund when both fund; reject when either rejects;
 * reserve otherwise; undecided while an agency has not decided (and neither has rejected).
 */
import { rankProposals, type RankedProposal, type RankingConfig, type RankingProposal, type RankingResult, type RankingScore } from "./ranking";

export const PANELS = ["home", "partner"] as const;
export type Panel = (typeof PANELS)[number];
export type PerAgency<T> = Record<Panel, T>;

export interface JointAssessment {
  assessmentId: number;
  /** The agency of the assessor who submitted it. */
  panel: Panel;
  scores: readonly Omit<RankingScore, "assessmentId">[];
}

export interface JointRankingProposal {
  id: number;
  title: string;
  submittedAt: Date;
  /** Whole units of each agency's currency. */
  grants: PerAgency<number>;
  /** Submitted assessments that count (current, unconflicted assignments). */
  assessments: readonly JointAssessment[];
}

export interface JointRankingConfig extends Omit<RankingConfig, "budget" | "assessorsRequired"> {
  budgets: PerAgency<number>;
  assessorsRequired: PerAgency<number>;
}

export interface PanelComparison {
  id: number;
  ranks: PerAgency<number | null>;
  passes: PerAgency<boolean | null>;
  withinBudget: PerAgency<boolean>;
  fundableByBoth: boolean;
  /** Why the panels disagree, empty when they do not (or a panel has not ranked it). */
  disagreement: PanelDisagreement[];
}

export type PanelDisagreement = { kind: "rank"; difference: number; limit: number } | { kind: "pass"; passedBy: Panel };

export interface JointRanking {
  home: RankingResult;
  partner: RankingResult;
  joint: RankingResult;
  /** One row per proposal, in joint rank order then the rest by id. */
  comparison: PanelComparison[];
  /** Proposals ranked by both panels: the "ranked proposals" of the disagreement rule. */
  rankedByBoth: number;
}

function flatten(assessments: readonly JointAssessment[]): RankingScore[] {
  return assessments.flatMap((a) => a.scores.map((s) => ({ ...s, assessmentId: a.assessmentId })));
}

/**
 * What one panel's ranking is computed from: its own assessors' scores, its own requirement, and
 * its agency's grant against its agency's budget (one currency). The calibration model of a panel
 * is fitted to the same input.
 */
export function panelRankingInput(
  config: JointRankingConfig,
  panel: Panel,
  proposals: readonly JointRankingProposal[],
): { config: RankingConfig; proposals: RankingProposal[] } {
  const { budgets, assessorsRequired, ...shared } = config;
  return {
    config: { ...shared, budget: budgets[panel], assessorsRequired: assessorsRequired[panel] },
    proposals: proposals.map((p) => {
      const mine = p.assessments.filter((a) => a.panel === panel);
      return {
        id: p.id,
        title: p.title,
        submittedAt: p.submittedAt,
        grantRequested: p.grants[panel],
        scores: flatten(mine),
        submittedAssessments: mine.length,
      };
    }),
  };
}

function panelRanking(config: JointRankingConfig, panel: Panel, proposals: readonly JointRankingProposal[]): RankingResult {
  const input = panelRankingInput(config, panel, proposals);
  return rankProposals(input.config, input.proposals);
}

/**
 * What the joint ranking is computed from: every assessor's scores, ranked once both panels have
 * their required number (the count is the required assessments done, out of the sum of the two
 * requirements). Its funding columns are one agency's grant against that agency's budget: the
 * joint ranking itself shows the home agency's (pounds against the home budget); the agencies' own
 * lines are those of the panel rankings. The calibration model of the joint ranking is fitted to
 * this input.
 */
export function allAssessorsRankingInput(
  config: JointRankingConfig,
  proposals: readonly JointRankingProposal[],
  funder: Panel = "home",
): { config: RankingConfig; proposals: RankingProposal[] } {
  const { budgets, assessorsRequired: required, ...shared } = config;
  return {
    config: { ...shared, budget: budgets[funder], assessorsRequired: required.home + required.partner },
    proposals: proposals.map((p) => {
      const count = (panel: Panel) => Math.min(required[panel], p.assessments.filter((a) => a.panel === panel).length);
      return {
        id: p.id,
        title: p.title,
        submittedAt: p.submittedAt,
        grantRequested: p.grants[funder],
        scores: flatten(p.assessments),
        submittedAssessments: count("home") + count("partner"),
      };
    }),
  };
}

function jointRanking(config: JointRankingConfig, proposals: readonly JointRankingProposal[]): RankingResult {
  const input = allAssessorsRankingInput(config, proposals);
  return rankProposals(input.config, input.proposals);
}

export function panelDisagreement(
  ranks: PerAgency<number | null>,
  passes: PerAgency<boolean | null>,
  rankedByBoth: number,
): PanelDisagreement[] {
  if (ranks.home === null || ranks.partner === null || passes.home === null || passes.partner === null) return [];
  const out: PanelDisagreement[] = [];
  const difference = Math.abs(ranks.home - ranks.partner);
  const limit = rankedByBoth / 4;
  if (difference > limit) out.push({ kind: "rank", difference, limit });
  if (passes.home !== passes.partner) out.push({ kind: "pass", passedBy: passes.home ? "home" : "partner" });
  return out;
}

export function rankJointCall(config: JointRankingConfig, proposals: readonly JointRankingProposal[]): JointRanking {
  const home = panelRanking(config, "home", proposals);
  const partner = panelRanking(config, "partner", proposals);
  const joint = jointRanking(config, proposals);

  const byId = (rows: RankedProposal[]) => new Map(rows.map((r) => [r.id, r]));
  const homeRows = byId(home.ranked);
  const partnerRows = byId(partner.ranked);
  const rankedByBoth = proposals.filter((p) => homeRows.has(p.id) && partnerRows.has(p.id)).length;

  const jointOrder = new Map(joint.ranked.map((r) => [r.id, r.rank]));
  const ordered = [...proposals].sort(
    (a, b) => (jointOrder.get(a.id) ?? Infinity) - (jointOrder.get(b.id) ?? Infinity) || a.id - b.id,
  );

  const comparison = ordered.map((p): PanelComparison => {
    const h = homeRows.get(p.id);
    const q = partnerRows.get(p.id);
    const ranks = { home: h?.rank ?? null, partner: q?.rank ?? null };
    const passes = { home: h?.passes ?? null, partner: q?.passes ?? null };
    const withinBudget = { home: h?.withinBudget ?? false, partner: q?.withinBudget ?? false };
    return {
      id: p.id,
      ranks,
      passes,
      withinBudget,
      fundableByBoth: withinBudget.home && withinBudget.partner,
      disagreement: panelDisagreement(ranks, passes, rankedByBoth),
    };
  });

  return { home, partner, joint, comparison, rankedByBoth };
}

// --- Decisions -----------------------------------------------------------------------------------

export const JOINT_OUTCOMES = ["fund", "reserve", "reject"] as const;
export type JointDecisionOutcome = (typeof JOINT_OUTCOMES)[number];

/**
 * The joint outcome of the two agencies' decisions (null = that agency has not decided):
 * fund only when both fund; reject when either rejects; reserve otherwise. While an agency has not
 * decided and neither has rejected, the outcome is undecided (null).
 */
export function jointOutcome(
  home: JointDecisionOutcome | null,
  partner: JointDecisionOutcome | null,
): JointDecisionOutcome | null {
  if (home === "reject" || partner === "reject") return "reject";
  if (home === null || partner === null) return null;
  if (home === "fund" && partner === "fund") return "fund";
  return "reserve";
}

/** Whether the two agencies' positions on a proposal differ (both decided, different outcomes). */
export function decisionsDiffer(home: JointDecisionOutcome | null, partner: JointDecisionOutcome | null): boolean {
  return home !== null && partner !== null && home !== partner;
}

/** A joint call's decisions are released only once both agencies have confirmed the release. */
export function releaseReady(confirmed: PerAgency<boolean>): boolean {
  return confirmed.home && confirmed.partner;
}

/**
 * Release confirmations on a joint call. An agency confirms once both agencies have decided every
 * submitted proposal: it confirms the joint outcomes, which the page shows, and its own feedback.
 * What a decision recorded afterwards withdraws:
 * - a change to a proposal's joint outcome withdraws both agencies' confirmations: each agreed to
 *   fund (or not fund) that set of projects together, and a changed outcome can change how it
 *   wants to spend its budget (a place on the reserve list may now be needed, for example);
 * - a change to the deciding agency's own outcome or feedback that leaves every joint outcome as
 *   it was withdraws only that agency's own confirmation, so it confirms what it now releases;
 *   the other agency's agreement stands (it agreed to the joint outcomes, and each agency answers
 *   for its own feedback to the bidder);
 * - recording the same outcome and feedback again withdraws nothing.
 */
export type ConfirmationWithdrawalReason = "joint-outcome-changed" | "own-decision-changed";

export interface DecisionChange<A> {
  /** The deciding agency. */
  agency: A;
  before: { outcome: JointDecisionOutcome; feedback: string } | null;
  after: { outcome: JointDecisionOutcome; feedback: string };
  /** The other agency's outcome on the same proposal (null while it has not decided). */
  other: JointDecisionOutcome | null;
}

export function confirmationsWithdrawn<A>(change: DecisionChange<A>, confirmed: readonly A[]): { agencies: A[]; reason: ConfirmationWithdrawalReason } | null {
  const { before, after, other } = change;
  if (before && before.outcome === after.outcome && before.feedback === after.feedback) return null;
  // jointOutcome is symmetric in the two agencies, so the deciding agency can go first.
  if (jointOutcome(before?.outcome ?? null, other) !== jointOutcome(after.outcome, other)) {
    return confirmed.length > 0 ? { agencies: [...confirmed], reason: "joint-outcome-changed" } : null;
  }
  return confirmed.includes(change.agency) ? { agencies: [change.agency], reason: "own-decision-changed" } : null;
}
