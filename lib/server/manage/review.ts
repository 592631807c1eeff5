import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users, type AssessmentStatus, type DecisionOutcome } from "@/db/schema";
import type { JointProposalContext, ProposalAnswers } from "@/lib/domain/proposal/questions";
import { strategicFit, type StrategicFitResult } from "@/lib/domain/report/strategic-fit";
import { proposalFacts } from "@/lib/domain/proposal/normalise";
import { parseScore } from "@/lib/validation/assessment";
import { isClosedUnreleased } from "@/lib/domain/call-stage";
import type { DecisionFormValues } from "@/lib/validation/manage";
import { guardedRead } from "../guard";
import {
  callHeading,
  countsTowardRanking,
  hasDeclaredConflict,
  isActive,
  loadDecision,
  loadProposalAssignments,
  requireCall,
  requireSubmittedProposal,
  toCallProposal,
  type CallAssignment,
  type CallHeading,
} from "./call-data";
import { prefilledFeedback } from "./decisions";
import { jointProposalContext } from "../agencies";
import { agencyNames } from "./joint";
import { awaitingRow, rankingRow, type AwaitingRow, type RankingCriterionView, type RankingRow } from "./ranking";
import { rankedCall } from "./ranking-memo";

export interface ReviewAssessment {
  assessmentId: number;
  assessorName: string;
  assessorOrganisation: string;
  submittedAt: Date | null;
  scores: Record<string, number | null>;
  justifications: Record<string, string>;
  recommendation: string;
  confidence: string;
  /** "Is this proposal in scope of the call?": "yes", "no" or "" (not asked before it existed). */
  inScope: string;
  inScopeComment: string;
  bidderFeedback: string;
  privateComment: string;
}

export interface ReviewAssignment {
  assessorName: string;
  state: "not started" | AssessmentStatus | "conflict declared" | "unassigned";
  /** Why a submitted assessment is not counted, if it is not. */
  note: string | null;
}

export interface ProposalReview {
  call: CallHeading;
  proposal: {
    id: number;
    title: string;
    answers: ProposalAnswers;
    submittedAt: Date;
    grantRequested: number;
    fit: StrategicFitResult;
    /** A joint call's partner agency (so the partner grant shows). */
    joint: JointProposalContext | null;
  };
  criteria: RankingCriterionView[];
  /** Submitted assessments that count toward the ranking, side by side. */
  assessments: ReviewAssessment[];
  /** Everyone else assigned (or once assigned), and where they are. */
  others: ReviewAssignment[];
  ranking: { kind: "ranked"; row: RankingRow; of: number } | { kind: "awaiting"; row: AwaitingRow };
  decision: { outcome: DecisionOutcome; feedback: string; decidedAt: Date; decidedBy: string } | null;
  /** What the decision form starts with. */
  decisionForm: DecisionFormValues;
  decisionsReleasedAt: Date | null;
  /** Decisions can be recorded once the call has closed, until they are released. */
  canDecide: boolean;
}

export const getProposalReview = guardedRead(
  "ranking:read",
  async (actor, callId: number, proposalId: number, now: Date = new Date()): Promise<ProposalReview> => {
    const db = getDb();
    const call = await requireCall(db, callId, actor);
    // This proposal in full, its assignments with their assessments' full values, and for its rank
    // and funding position the call's ranking (remembered for the call's data version,
    // lib/server/manage/ranking-memo.ts, so stepping through proposals does not rank the call each time).
    const proposal = toCallProposal(await requireSubmittedProposal(db, call.id, proposalId));
    const mine = await loadProposalAssignments(db, proposalId, actor);
    const stored = await loadDecision(db, proposalId, actor);
    const ranking = await rankedCall(db, call);
    const agencyName = await agencyNames(db);
    // On a joint call both agencies' managers read every score, justification and bidder feedback,
    // but another agency's assessors stay anonymous and their private comments stay with their agency.
    const who = (a: CallAssignment) => (a.sameAgency ? a.assessorName : `An assessor of ${agencyName.get(a.assessorAgencyId ?? -1) ?? "another agency"}`);
    // Only this proposal's row is shown, labelled from its full read, with its own decision.
    const index = ranking.rankIndex.get(proposalId);
    const ranked = index === undefined ? undefined : ranking.result.ranked[index];
    const awaiting = ranked ? undefined : ranking.result.awaiting.find((a) => a.id === proposalId);
    if (!ranked && !awaiting) throw new Error(`Proposal ${proposalId} is submitted but not in its call's ranking`);
    const outcome = stored?.outcome ?? null;

    const counted = mine
      .filter(countsTowardRanking)
      .sort((a, b) => (a.assessment?.submittedAt?.getTime() ?? 0) - (b.assessment?.submittedAt?.getTime() ?? 0) || a.id - b.id);

    const [decider] = stored ? await db.select({ name: users.name }).from(users).where(eq(users.id, stored.decidedBy)).limit(1) : [];
    const decidedBy = decider?.name ?? "";
    const facts = proposalFacts(proposal.answers);

    return {
      call: callHeading(call, now, actor),
      proposal: {
        id: proposal.id,
        title: proposal.title,
        answers: proposal.answers,
        submittedAt: proposal.submittedAt,
        grantRequested: proposal.grantRequested,
        fit: strategicFit(facts.domainId, facts.partnerCountries),
        joint: await jointProposalContext(db, call),
      },
      criteria: ranking.rubric.map((c) => ({ key: c.key, title: c.title, weight: c.weight, threshold: c.threshold, scaleMin: c.scaleMin, scaleMax: c.scaleMax })),
      assessments: counted.map((a) => {
        const v = a.assessment!.values;
        return {
          assessmentId: a.assessment!.id,
          assessorName: who(a),
          assessorOrganisation: a.sameAgency ? a.assessorOrganisation : "",
          submittedAt: a.assessment!.submittedAt,
          scores: Object.fromEntries(ranking.rubric.map((c) => [c.key, parseScore(v.scores[c.key] ?? "", c)])),
          justifications: Object.fromEntries(ranking.rubric.map((c) => [c.key, v.justifications[c.key] ?? ""])),
          recommendation: v.recommendation,
          confidence: v.confidence,
          inScope: v.inScope ?? "",
          inScopeComment: v.inScopeComment ?? "",
          bidderFeedback: v.bidderFeedback,
          privateComment: a.sameAgency ? v.privateComment : "",
        };
      }),
      others: mine
        .filter((a) => !countsTowardRanking(a))
        .map((a): ReviewAssignment => {
          if (!isActive(a)) {
            return {
              assessorName: who(a),
              state: "unassigned",
              note: a.assessment ? `Their ${a.assessment.status} assessment is kept on record but does not count.` : null,
            };
          }
          if (hasDeclaredConflict(a)) return { assessorName: who(a), state: "conflict declared", note: a.sameAgency ? a.conflictDetails || null : null };
          return { assessorName: who(a), state: a.assessment?.status ?? "not started", note: null };
        }),
      ranking: ranked
        ? { kind: "ranked", row: rankingRow(ranked, proposal, call.assessorsRequired, outcome, ranking.inScope.get(proposalId)!), of: ranking.result.ranked.length }
        : { kind: "awaiting", row: awaitingRow(awaiting!, proposal, outcome) },
      decision: stored ? { outcome: stored.outcome, feedback: stored.feedback, decidedAt: stored.decidedAt, decidedBy } : null,
      decisionForm: stored
        ? { outcome: stored.outcome, feedback: stored.feedback }
        : { outcome: "", feedback: prefilledFeedback({ assignments: mine }, proposalId) },
      decisionsReleasedAt: call.decisionsReleasedAt,
      canDecide: isClosedUnreleased(call, now),
    };
  },
);
