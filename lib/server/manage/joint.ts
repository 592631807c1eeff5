import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { agencies, decisions, releaseConfirmations, users, type CallRow, type DecisionOutcome } from "@/db/schema";
import { transaction } from "@/db/transaction";
import { partnerToPounds } from "@/lib/domain/agencies";
import { callStage } from "@/lib/domain/call-stage";
import { decisionsDiffer, jointOutcome, releaseReady, type Panel, type PanelDisagreement, type PerAgency } from "@/lib/domain/joint";
import type { confirmReleaseInput } from "@/lib/validation/agencies";
import { ActionError } from "../action-error";
import { recordAudit } from "../audit";
import { guardedRead } from "../guard";
import type { Actor } from "../users";
import type { CsvCell } from "@/lib/domain/csv";
import { loadJointAgencies, type JointAgencies } from "../agencies";
import { callHeading, loadProposalRows, loadRankingData, rankJoint, requireCall, type CallHeading, type RankingSource, type Reader } from "./call-data";
import { markReleased } from "./decisions";

// --- The joint ranking and decisions page ---------------------------------------------------------

export interface PanelRow {
  rank: number;
  id: number;
  title: string;
  weightedTotal: number;
  passes: boolean;
  /** This agency's grant, in its currency. */
  grant: number;
  withinBudget: boolean;
  cumulativeGrant: number;
}

export interface AgencyPosition {
  outcome: DecisionOutcome;
  feedback: string;
}

export interface JointRow {
  id: number;
  title: string;
  leadOrganisation: string;
  grants: PerAgency<number>;
  /** The partner grant's display-only equivalent in pounds. */
  partnerGrantInPounds: number;
  jointRank: number | null;
  jointTotal: number | null;
  jointPasses: boolean | null;
  ranks: PerAgency<number | null>;
  passes: PerAgency<boolean | null>;
  withinBudget: PerAgency<boolean>;
  fundableByBoth: boolean;
  disagreement: PanelDisagreement[];
  positions: PerAgency<AgencyPosition | null>;
  outcome: DecisionOutcome | null;
  positionsDiffer: boolean;
}

export interface JointCallView {
  call: CallHeading;
  /** The viewer's side of the call. */
  side: Panel;
  agencies: JointAgencies;
  budgets: PerAgency<number>;
  assessorsRequired: PerAgency<number>;
  exchangeRate: number;
  panels: PerAgency<{ ranked: PanelRow[]; awaiting: { id: number; title: string; submittedAssessments: number; required: number }[] }>;
  joint: { awaiting: { id: number; title: string; submittedAssessments: number; required: number }[] };
  /** Every submitted proposal: joint rank order, then the ones not yet ranked jointly. */
  rows: JointRow[];
  rankedByBoth: number;
  release: { confirmed: PerAgency<{ at: Date; by: string } | null>; releasedAt: Date | null; undecided: PerAgency<number> };
}

/** The viewer's side of a joint call, or not found when the call is not joint. */
function sideOf(actor: Actor, call: CallRow): Panel {
  if (call.partnerAgencyId === null) throw new ActionError("not_found", "We could not find that joint call.");
  return actor.agency?.kind === "home" ? "home" : "partner";
}

async function loadPositions(db: Reader, both: JointAgencies, proposalIds: number[]) {
  const rows = proposalIds.length === 0 ? [] : await db.select().from(decisions).where(inArray(decisions.proposalId, proposalIds));
  const positions = new Map<number, PerAgency<AgencyPosition | null>>();
  for (const id of proposalIds) positions.set(id, { home: null, partner: null });
  for (const d of rows) {
    const side: Panel | null = d.agencyId === both.home.id ? "home" : d.agencyId === both.partner.id ? "partner" : null;
    if (side) positions.get(d.proposalId)![side] = { outcome: d.outcome, feedback: d.feedback };
  }
  return positions;
}

async function loadConfirmations(db: Reader, call: CallRow, both: JointAgencies) {
  const rows = await db
    .select({ agencyId: releaseConfirmations.agencyId, at: releaseConfirmations.confirmedAt, by: users.name })
    .from(releaseConfirmations)
    .innerJoin(users, eq(users.id, releaseConfirmations.confirmedBy))
    .where(eq(releaseConfirmations.callId, call.id));
  const of = (agencyId: number) => {
    const r = rows.find((c) => c.agencyId === agencyId);
    return r ? { at: r.at, by: r.by } : null;
  };
  return { home: of(both.home.id), partner: of(both.partner.id) };
}

/** A joint call's three rankings, both agencies' positions and the joint outcome, for either agency's managers. */
export const getJointCall = guardedRead("ranking:read", async (actor, callId: number, now: Date = new Date()): Promise<JointCallView> => {
  const db = getDb();
  const call = await requireCall(db, callId, actor);
  const side = sideOf(actor, call);
  const both = (await loadJointAgencies(db, call))!;
  const data = await loadRankingData(db, call, actor);
  const result = rankJoint(data);
  const byId = new Map(data.proposals.map((p) => [p.id, p]));
  const positions = await loadPositions(db, both, data.proposals.map((p) => p.id));
  const jointRows = new Map(result.joint.ranked.map((r) => [r.id, r]));
  const rate = call.exchangeRate ?? 0;

  const panel = (which: Panel) => {
    const ranking = result[which];
    return {
      ranked: ranking.ranked.map((r) => ({
        rank: r.rank,
        id: r.id,
        title: r.title,
        weightedTotal: r.weightedTotal,
        passes: r.passes,
        grant: r.grantRequested,
        withinBudget: r.withinBudget,
        cumulativeGrant: r.cumulativeGrant,
      })),
      awaiting: ranking.awaiting.map((a) => ({ id: a.id, title: a.title, submittedAssessments: a.submittedAssessments, required: a.assessorsRequired })),
    };
  };

  const rows = result.comparison.map((c): JointRow => {
    const p = byId.get(c.id)!;
    const j = jointRows.get(c.id);
    const pos = positions.get(c.id)!;
    return {
      id: c.id,
      title: p.title,
      leadOrganisation: p.leadOrganisation,
      grants: { home: p.grantRequested, partner: p.partnerGrantRequested },
      partnerGrantInPounds: partnerToPounds(p.partnerGrantRequested, rate),
      jointRank: j?.rank ?? null,
      jointTotal: j?.weightedTotal ?? null,
      jointPasses: j?.passes ?? null,
      ranks: c.ranks,
      passes: c.passes,
      withinBudget: c.withinBudget,
      fundableByBoth: c.fundableByBoth,
      disagreement: c.disagreement,
      positions: pos,
      outcome: jointOutcome(pos.home?.outcome ?? null, pos.partner?.outcome ?? null),
      positionsDiffer: decisionsDiffer(pos.home?.outcome ?? null, pos.partner?.outcome ?? null),
    };
  });

  return {
    call: callHeading(call, now, actor),
    side,
    agencies: both,
    budgets: { home: call.budget, partner: call.partnerBudget ?? 0 },
    assessorsRequired: { home: call.assessorsRequired, partner: call.partnerAssessorsRequired ?? 0 },
    exchangeRate: rate,
    panels: { home: panel("home"), partner: panel("partner") },
    joint: { awaiting: result.joint.awaiting.map((a) => ({ id: a.id, title: a.title, submittedAssessments: a.submittedAssessments, required: a.assessorsRequired })) },
    rows,
    rankedByBoth: result.rankedByBoth,
    release: {
      confirmed: await loadConfirmations(db, call, both),
      releasedAt: call.decisionsReleasedAt,
      undecided: {
        home: rows.filter((r) => r.positions.home === null).length,
        partner: rows.filter((r) => r.positions.partner === null).length,
      },
    },
  };
});

/**
 * One agency confirms that the joint call's decisions may be released: the joint outcomes and its
 * own feedback. Both agencies must have decided every submitted proposal first. A decision
 * recorded afterwards withdraws the confirmations it affects (decisions.ts writeDecision). When
 * both agencies have confirmed, the decisions are released to bidders in the same transaction.
 */
export async function confirmRelease(me: Actor, { callId }: z.output<typeof confirmReleaseInput>, now = new Date()): Promise<{ callId: number; released: boolean }> {
  return transaction(async (tx) => {
    const call = await requireCall(tx, callId, me);
    const side = sideOf(me, call);
    const stage = callStage(call, now);
    if (stage === "released") throw new ActionError("locked", "Decisions for this call have already been released.");
    if (stage !== "closed") throw new ActionError("closed", "Decisions can be released once the call has closed.");
    const both = (await loadJointAgencies(tx, call))!;
    const agencyId = both[side].id;
    const submitted = await loadProposalRows(tx, call.id);
    if (submitted.length === 0) throw new ActionError("invalid", "This call has no submitted proposals, so there is nothing to release.");
    const positions = await loadPositions(tx, both, submitted.map((p) => p.id));
    const undecided = [...positions.values()].filter((p) => p[side] === null).length;
    if (undecided > 0) {
      throw new ActionError(
        "invalid",
        `Record your agency's decision on every submitted proposal before confirming the release: ${undecided} ${undecided === 1 ? "proposal still needs" : "proposals still need"} one.`,
      );
    }
    // An agency confirms the joint outcomes, so both agencies must have decided first.
    const otherSide: Panel = side === "home" ? "partner" : "home";
    const otherUndecided = [...positions.values()].filter((p) => p[otherSide] === null).length;
    if (otherUndecided > 0) {
      throw new ActionError(
        "invalid",
        `You confirm the joint outcomes, so confirm once ${both[otherSide].name} has decided every proposal too: ${otherUndecided} ${otherUndecided === 1 ? "proposal still needs" : "proposals still need"} its decision.`,
      );
    }
    const [already] = await tx
      .select({ id: releaseConfirmations.id })
      .from(releaseConfirmations)
      .where(and(eq(releaseConfirmations.callId, call.id), eq(releaseConfirmations.agencyId, agencyId)))
      .limit(1);
    if (already) throw new ActionError("invalid", "Your agency has already confirmed the release.");
    await tx.insert(releaseConfirmations).values({ callId: call.id, agencyId, confirmedBy: me.id, confirmedAt: now });
    await recordAudit(tx, { at: now, actorId: me.id, action: "release.confirmed", callId: call.id, detail: { agencyId } });

    const confirmed = await loadConfirmations(tx, call, both);
    if (!releaseReady({ home: confirmed.home !== null, partner: confirmed.partner !== null })) return { callId: call.id, released: false };

    const outcomes = [...positions.values()].map((p) => jointOutcome(p.home?.outcome ?? null, p.partner?.outcome ?? null));
    await markReleased(tx, me, call.id, outcomes, now);
    return { callId: call.id, released: true };
  });
}

// --- CSV ------------------------------------------------------------------------------------------

/** Every agency's name by id. */
export async function agencyNames(db: Reader): Promise<Map<number, string>> {
  const rows = await db.select({ id: agencies.id, name: agencies.name }).from(agencies);
  return new Map(rows.map((a) => [a.id, a.name]));
}

const OUTCOME_TEXT: Record<DecisionOutcome, string> = { fund: "Fund", reserve: "Reserve list", reject: "Do not fund" };

/**
 * A joint call's extra ranking-CSV columns, the same for either agency's export: both agencies'
 * grants (each in its own currency), panel ranks, funding lines, disagreement and decisions.
 */
export async function jointCsvColumns(db: Reader, data: RankingSource): Promise<{ header: string[]; cells: (proposalId: number) => CsvCell[] } | null> {
  const both = await loadJointAgencies(db, data.call);
  if (!both) return null;
  const result = rankJoint(data);
  const byId = new Map(result.comparison.map((c) => [c.id, c]));
  const grants = new Map(data.proposals.map((p) => [p.id, { home: p.grantRequested, partner: p.partnerGrantRequested }]));
  const positions = await loadPositions(db, both, data.proposals.map((p) => p.id));
  const { home, partner } = both;
  const text = (o: DecisionOutcome | null | undefined) => (o ? OUTCOME_TEXT[o] : "");
  return {
    header: [
      `Grant requested from ${home.name} (${home.currency})`,
      `Grant requested from ${partner.name} (${partner.currency})`,
      `${home.name} panel rank`,
      `${partner.name} panel rank`,
      `Within ${home.name} funding line`,
      `Within ${partner.name} funding line`,
      "Fundable by both",
      "Panels disagree",
      `${home.name} decision`,
      `${partner.name} decision`,
      "Joint outcome",
    ],
    cells: (proposalId) => {
      const c = byId.get(proposalId);
      const g = grants.get(proposalId);
      const pos = positions.get(proposalId);
      return [
        g?.home ?? null,
        g?.partner ?? null,
        c?.ranks.home ?? null,
        c?.ranks.partner ?? null,
        c?.withinBudget.home ?? false,
        c?.withinBudget.partner ?? false,
        c?.fundableByBoth ?? false,
        (c?.disagreement ?? []).map((d) => (d.kind === "rank" ? `ranks differ by ${d.difference}` : `only the ${d.passedBy} panel passes it`)).join("; "),
        text(pos?.home?.outcome),
        text(pos?.partner?.outcome),
        text(jointOutcome(pos?.home?.outcome ?? null, pos?.partner?.outcome ?? null)),
      ];
    },
  };
}
