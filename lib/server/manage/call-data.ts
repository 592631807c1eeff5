import "server-only";
import { and, asc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { countedAssessmentRows, submittedProposalRows } from "@/db/ranking-rows";
import { loadCallRubric } from "@/db/rubrics";
import {
  assessments,
  assignments,
  calls,
  decisions,
  proposals,
  users,
  type AssessmentStatus,
  type CallRow,
  type DecisionOutcome,
  type DecisionRow,
} from "@/db/schema";
import { callStage, type CallStage } from "@/lib/domain/call-stage";
import { internationalCountries, portfolioFacts, type PortfolioFacts } from "@/lib/domain/portfolio";
import { normaliseAnswers, normalisePartner, proposalFacts } from "@/lib/domain/proposal/normalise";
import type { ProposalAnswers } from "@/lib/domain/proposal/questions";
import { panelRankingInput, rankJointCall, type JointRanking, type JointRankingConfig, type JointRankingProposal, type Panel } from "@/lib/domain/joint";
import { rankProposals, type RankingConfig, type RankingProposal, type RankingResult, type RankingScore } from "@/lib/domain/ranking";
import { VALUE_CAPTURE_KEY, WIN_WIN_KEY, type RubricCriterion } from "@/lib/domain/rubric";
import { parseScore, type AssessmentFormValues } from "@/lib/validation/assessment";
import { agencyMaySeeCall } from "@/lib/domain/agencies";
import { ActionError } from "../action-error";
import type { Actor } from "../users";
import { homeAgencyIdSql } from "../agencies";

/** Read-only access, from the connection or inside a transaction. */
export type Reader = Pick<Db, "select" | "all" | "values">;

export const CALL_NOT_FOUND = "We could not find that call.";
export const PROPOSAL_NOT_FOUND = "We could not find that proposal in this call.";
export const UNTITLED = "Untitled proposal";

/** Who is looking: a manager's agency decides which calls exist for them (lib/domain/agencies.ts). */
export type Viewer = Pick<Actor, "id" | "agency">;

/**
 * The call, or ActionError("not_found") (which a guarded read turns into null). A call the
 * viewer's agency takes no part in is "not found" exactly like a call that does not exist: a
 * partner agency sees only its own joint calls, never home-only calls or other partners' calls.
 */
export async function requireCall(db: Reader, callId: number, viewer: Viewer): Promise<CallRow> {
  const [call] = await db.select().from(calls).where(eq(calls.id, callId)).limit(1);
  if (!call || !viewer.agency || !agencyMaySeeCall(viewer.agency, call)) throw new ActionError("not_found", CALL_NOT_FOUND);
  return call;
}

/**
 * A submitted proposal with its call, for writes that only apply to submitted proposals; a
 * proposal of a call the viewer's agency takes no part in is not found.
 */
export async function requireSubmittedProposalWithCall(db: Reader, proposalId: number, viewer: Viewer) {
  const [row] = await db
    .select({ proposal: proposals, call: calls })
    .from(proposals)
    .innerJoin(calls, eq(calls.id, proposals.callId))
    .where(and(eq(proposals.id, proposalId), eq(proposals.status, "submitted")))
    .limit(1);
  if (!row) throw new ActionError("not_found", "We could not find that submitted proposal.");
  requireCallInScope(row.call, viewer, "We could not find that submitted proposal.");
  return row;
}

/**
 * The call by id with no viewer, for background jobs only (lib/server/jobs): they run for no one,
 * and the read that queued the job has already checked the viewer with requireCall.
 */
export async function requireCallForJob(db: Reader, callId: number): Promise<CallRow> {
  const [call] = await db.select().from(calls).where(eq(calls.id, callId)).limit(1);
  if (!call) throw new ActionError("not_found", CALL_NOT_FOUND);
  return call;
}

/** Assessors the viewer's agency must provide per proposal of this call (its own panel's requirement). */
export function assessorsRequiredFor(call: CallRow, viewer: Viewer): number {
  return viewer.agency?.kind === "partner" ? (call.partnerAssessorsRequired ?? 0) : call.assessorsRequired;
}

/** A call the viewer's agency takes part in (for code that reached it through a proposal). */
export function requireCallInScope(call: CallRow, viewer: Viewer, notFound: string): void {
  if (!viewer.agency || !agencyMaySeeCall(viewer.agency, call)) throw new ActionError("not_found", notFound);
}

/** What the ranking rules read of a submitted proposal (rank order, funding lines). */
export interface RankingInputRow {
  id: number;
  title: string;
  submittedAt: Date;
  grantRequested: number;
  /** Joint calls only: the grant asked of the partner agency, in its currency (0 otherwise). */
  partnerGrantRequested: number;
}

/** A submitted proposal as a manager's row shows it (read by loadRankingData without its answer document). */
export interface ProposalRow extends RankingInputRow {
  leadOrganisation: string;
  facts: PortfolioFacts;
}

export interface CallProposal extends ProposalRow {
  ownerId: number;
  answers: ProposalAnswers;
  /** The lead's and every partner's organisation (for conflict checks). */
  organisations: string[];
}

/**
 * A submitted assessment on a current assignment whose assessor declared no conflict: one that
 * counts toward the ranking (countsTowardRanking), with what the ranking reads of it.
 */
export interface CountedAssessment {
  /** The assessment's id. */
  id: number;
  proposalId: number;
  assessorId: number;
  /** On a joint call, the panel it belongs to. */
  assessorAgencyId: number | null;
  /** As stored (parseScore reads them against the rubric). */
  scores: AssessmentFormValues["scores"];
  /** The stored answer to "Is this proposal in scope of the call?" ("" when there is none). */
  inScope: string;
}

/**
 * What a call's ranking is computed from (rankCall, rankJoint, rankedRows): the call, its rubric,
 * its submitted proposals' rows and its counted assessments, in assignment order. Both CallData
 * and the lean RankingData are one.
 */
export interface RankingSource {
  call: CallRow;
  rubric: RubricCriterion[];
  proposals: readonly RankingInputRow[];
  counted: readonly CountedAssessment[];
}

export interface CallAssessment {
  id: number;
  status: AssessmentStatus;
  values: AssessmentFormValues;
  submittedAt: Date | null;
  updatedAt: Date;
}

export interface CallAssignment {
  id: number;
  proposalId: number;
  assessorId: number;
  assessorName: string;
  assessorEmail: string;
  assessorOrganisation: string;
  /** The assessor's agency: on a joint call, the panel the assessment belongs to. */
  assessorAgencyId: number | null;
  /** Whether the viewer's agency is the assessor's (only then may it see who the assessor is). */
  sameAgency: boolean;
  conflictDeclaration: "none" | "conflict" | null;
  conflictDetails: string;
  declaredAt: Date | null;
  removedAt: Date | null;
  createdAt: Date;
  assessment: CallAssessment | null;
}

export interface CallData extends RankingSource {
  /** Submitted proposals only: drafts stay private to their bidder. */
  proposals: CallProposal[];
  draftProposals: number;
  /** Every assignment ever made on the call's proposals, removed ones included. */
  assignments: CallAssignment[];
  /** The assignments that count toward the ranking, as the ranking reads them. */
  counted: CountedAssessment[];
  /** The viewer's agency's decisions, by proposal (the home agency's when no viewer is given). */
  decisions: Map<number, DecisionRow>;
}

export const isActive = (a: CallAssignment): boolean => a.removedAt === null;
export const hasDeclaredConflict = (a: CallAssignment): boolean => a.conflictDeclaration === "conflict";

/** Only a submitted assessment on a current, unconflicted assignment counts toward the ranking. */
export function countsTowardRanking(a: CallAssignment): boolean {
  return isActive(a) && !hasDeclaredConflict(a) && a.assessment?.status === "submitted";
}

/** A proposal's row from (at least) its project and consortium answers, in the form's shape. */
function toProposalRow(id: number, submittedAt: Date, answers: ProposalAnswers): ProposalRow {
  const facts = proposalFacts(answers);
  return {
    id,
    title: facts.title || UNTITLED,
    submittedAt,
    grantRequested: facts.grantRequested,
    partnerGrantRequested: facts.partnerGrantRequested,
    leadOrganisation: facts.leadOrganisation,
    facts: portfolioFacts(answers),
  };
}

export function toCallProposal(row: { id: number; ownerId: number; answers: unknown; submittedAt: Date | null; updatedAt: Date }): CallProposal {
  const answers = normaliseAnswers(row.answers);
  const facts = proposalFacts(answers);
  return {
    ...toProposalRow(row.id, row.submittedAt ?? row.updatedAt, answers),
    ownerId: row.ownerId,
    answers,
    organisations: [facts.leadOrganisation, ...facts.partners.map((p) => p.organisation)].filter((o) => o.trim() !== ""),
  };
}

/**
 * What a page reads of each proposal's answers and each assessment's values. Managers' pages show
 * the call's proposals as rows, so by default only the fields those rows need are read, with
 * json_extract inside SQLite: the title, money, domain, R&D category, starting TRL (a portfolio
 * balance dimension), lead and partners of each
 * proposal (not its long answers) and the scores, recommendation and in-scope answer of each assessment (not its
 * justifications). `full` reads everything (the scores CSV, decisions); `fullFor` reads
 * everything for one proposal only (its drill-down).
 */
export interface CallDataDetail {
  full?: boolean;
  fullFor?: number;
  /**
   * Only what counts and lists need (the call overview): each proposal's title, and each
   * assessment's status without its values (no scores, so no ranking can be computed from it).
   */
  statusOnly?: boolean;
}

const TITLE_ONLY_ANSWERS = sql<string>`json_object('project', json_object('title', json_extract(${proposals.answers}, '$.project.title')))`;
const NO_VALUES = sql<string | null>`CASE WHEN ${assessments.id} IS NULL THEN NULL ELSE '{}' END`;

const LEAN_ANSWERS = sql<string>`json_object(
  'project', json_object(
    'title', json_extract(${proposals.answers}, '$.project.title'),
    'domainId', json_extract(${proposals.answers}, '$.project.domainId'),
    'rdCategory', json_extract(${proposals.answers}, '$.project.rdCategory'),
    'trlStart', json_extract(${proposals.answers}, '$.project.trlStart'),
    'grantRequested', json_extract(${proposals.answers}, '$.project.grantRequested'),
    'partnerGrantRequested', json_extract(${proposals.answers}, '$.project.partnerGrantRequested'),
    'totalCost', json_extract(${proposals.answers}, '$.project.totalCost')),
  'consortium', json_object(
    'leadName', json_extract(${proposals.answers}, '$.consortium.leadName'),
    'partners', json(coalesce(json_extract(${proposals.answers}, '$.consortium.partners'), '[]'))))`;

const LEAN_VALUES = sql<string>`json_object(
  'scores', json(coalesce(json_extract(${assessments.values}, '$.scores'), '{}')),
  'recommendation', coalesce(json_extract(${assessments.values}, '$.recommendation'), ''),
  'confidence', coalesce(json_extract(${assessments.values}, '$.confidence'), ''),
  'inScope', coalesce(json_extract(${assessments.values}, '$.inScope'), ''))`;

function leanValues(text: string | null): AssessmentFormValues | null {
  if (text === null) return null;
  const parsed = JSON.parse(text) as Partial<Pick<AssessmentFormValues, "scores" | "recommendation" | "confidence" | "inScope">>;
  return {
    inScope: parsed.inScope ?? "",
    inScopeComment: "",
    scores: parsed.scores ?? {},
    justifications: {},
    bidderFeedback: "",
    privateComment: "",
    recommendation: parsed.recommendation ?? "",
    confidence: parsed.confidence ?? "",
  };
}

export async function loadCallData(db: Reader, call: CallRow, viewer?: Viewer, detail: CallDataDetail = {}): Promise<CallData> {
  const fullAnswers = detail.full
    ? proposals.answers
    : detail.fullFor !== undefined
      ? sql<string>`CASE WHEN ${proposals.id} = ${detail.fullFor} THEN ${proposals.answers} ELSE ${LEAN_ANSWERS} END`
      : detail.statusOnly
        ? TITLE_ONLY_ANSWERS
        : LEAN_ANSWERS;
  const rows = await db
    .select({ id: proposals.id, ownerId: proposals.ownerId, status: proposals.status, answers: sql<string>`${fullAnswers}`, submittedAt: proposals.submittedAt, updatedAt: proposals.updatedAt })
    .from(proposals)
    .where(eq(proposals.callId, call.id))
    .orderBy(asc(proposals.submittedAt), asc(proposals.id));
  const submitted = rows.filter((p) => p.status === "submitted").map((p) => toCallProposal({ ...p, answers: JSON.parse(p.answers) as unknown }));
  const ids = submitted.map((p) => p.id);

  const fullValues = detail.full
    ? assessments.values
    : detail.fullFor !== undefined
      ? sql`CASE WHEN ${assignments.proposalId} = ${detail.fullFor} THEN ${assessments.values} ELSE ${LEAN_VALUES} END`
      : detail.statusOnly
        ? NO_VALUES
        : LEAN_VALUES;
  const assignmentRows =
    ids.length === 0
      ? []
      : await assignmentsWithValues(db, fullValues, and(eq(proposals.callId, call.id), eq(proposals.status, "submitted"))!);

  const decisionRows =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(decisions)
          .where(and(inArray(decisions.proposalId, ids), eq(decisions.agencyId, decidingAgencySql(viewer))));
  const fullValuesFor = (proposalId: number) => detail.full || detail.fullFor === proposalId;
  const mapped = assignmentRows.map((row) => toCallAssignment(row, viewer, fullValuesFor(row.assignment.proposalId)));

  return {
    call,
    rubric: await loadCallRubric(db, call.id),
    proposals: submitted,
    draftProposals: rows.length - submitted.length,
    assignments: mapped,
    counted: mapped.filter(countsTowardRanking).map(
      (a): CountedAssessment => ({
        id: a.assessment!.id,
        proposalId: a.proposalId,
        assessorId: a.assessorId,
        assessorAgencyId: a.assessorAgencyId,
        scores: a.assessment!.values.scores ?? {},
        inScope: a.assessment!.values.inScope ?? "",
      }),
    ),
    decisions: new Map(decisionRows.map((d) => [d.proposalId, d])),
  };
}

/** Assignments with their assessor, assessment and values (`values` the SQL read of them), in assignment order. */
function assignmentsWithValues(db: Reader, values: SQL | typeof assessments.values, where: SQL) {
  return db
    .select({
      assignment: assignments,
      assessor: { name: users.name, email: users.email, organisation: users.organisation, agencyId: users.agencyId },
      assessment: { id: assessments.id, status: assessments.status, submittedAt: assessments.submittedAt, updatedAt: assessments.updatedAt },
      values: sql<string | null>`${values}`,
    })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .innerJoin(users, eq(users.id, assignments.assessorId))
    .leftJoin(assessments, eq(assessments.assignmentId, assignments.id))
    .where(where)
    .orderBy(asc(assignments.id));
}

type AssignmentWithValues = Awaited<ReturnType<typeof assignmentsWithValues>>[number];

function toCallAssignment({ assignment, assessor, assessment, values }: AssignmentWithValues, viewer: Viewer | undefined, fullValues: boolean): CallAssignment {
  return {
    id: assignment.id,
    proposalId: assignment.proposalId,
    assessorId: assignment.assessorId,
    assessorName: assessor.name,
    assessorEmail: assessor.email,
    assessorOrganisation: assessor.organisation,
    assessorAgencyId: assessor.agencyId,
    sameAgency: viewer === undefined || (viewer.agency !== null && assessor.agencyId === viewer.agency.id),
    conflictDeclaration: assignment.conflictDeclaration,
    conflictDetails: assignment.conflictDetails,
    declaredAt: assignment.declaredAt,
    removedAt: assignment.removedAt,
    createdAt: assignment.createdAt,
    assessment:
      assessment && values !== null
        ? {
            id: assessment.id,
            status: assessment.status,
            values: fullValues ? (JSON.parse(values) as AssessmentFormValues) : leanValues(values)!,
            submittedAt: assessment.submittedAt,
            updatedAt: assessment.updatedAt,
          }
        : null,
  };
}

/** Every assignment of one submitted proposal, removed ones included, with its assessment's full values (a drill-down). */
export async function loadProposalAssignments(db: Reader, proposalId: number, viewer: Viewer): Promise<CallAssignment[]> {
  const rows = await assignmentsWithValues(db, assessments.values, and(eq(assignments.proposalId, proposalId), eq(proposals.status, "submitted"))!);
  return rows.map((row) => toCallAssignment(row, viewer, true));
}

/**
 * Every assessment, whatever its status, on a call's submitted proposals, with its assignment and
 * full values, by proposal then assessment. Each is parsed only when iterated (the scores CSV
 * streams them), and no proposal's answers are read.
 */
export async function loadCallAssessments(db: Reader, callId: number, viewer: Viewer): Promise<Iterable<CallAssignment>> {
  const rows = await assignmentsWithValues(db, assessments.values, and(eq(proposals.callId, callId), eq(proposals.status, "submitted"), isNotNull(assessments.id))!);
  rows.sort((x, y) => x.assignment.proposalId - y.assignment.proposalId || x.assessment!.id - y.assessment!.id);
  return {
    *[Symbol.iterator]() {
      for (const row of rows) yield toCallAssignment(row, viewer, true);
    },
  };
}

// --- Lean reads for managers' screens ---------------------------------------------------------------

/** Literal, not a bound parameter, so SQLite can use the partial index (WHERE status = 'submitted'). */
const SUBMITTED_PROPOSAL = sql`${proposals.status} = 'submitted'`;

const json = (text: string | null | undefined): unknown => (text == null ? undefined : JSON.parse(text));

/** The order of a call's proposal rows (every read of them sorts by it). */
export const bySubmission = (a: RankingInputRow, b: RankingInputRow) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.id - b.id;

/**
 * The rows of a call's submitted proposals, in submission order: the answer fields they show,
 * each read as JSON from proposals_submitted_rows_idx (no answer document is read or parsed),
 * shaped as the form's answers so the facts come from the same functions as a full read's (only
 * the fields a ProposalRow carries are read). `only`: just those proposals (a remembered
 * ranking's catch-up, lib/server/manage/ranking-memo.ts).
 */
export async function loadProposalRows(db: Pick<Reader, "values">, callId: number, only?: readonly number[]): Promise<ProposalRow[]> {
  const rows = await submittedProposalRows(db, callId, [
    "$.project.title",
    "$.project.domainId",
    "$.project.rdCategory",
    "$.project.grantRequested",
    "$.project.partnerGrantRequested",
    "$.consortium.leadName",
    "$.consortium.partners",
  ], only);
  const out: ProposalRow[] = [];
  for (const [id, submittedAt, updatedAt, title, domainId, rdCategory, grantRequested, partnerGrantRequested, leadName, partnersJson] of rows) {
    const partners = json(partnersJson);
    const answers = {
      project: { title: json(title), domainId: json(domainId), rdCategory: json(rdCategory), grantRequested: json(grantRequested), partnerGrantRequested: json(partnerGrantRequested) },
      consortium: { leadName: json(leadName), partners: Array.isArray(partners) ? partners.map(normalisePartner) : [] },
    } as unknown as ProposalAnswers;
    out.push(toProposalRow(id, new Date(submittedAt ?? updatedAt), answers));
  }
  return out.sort(bySubmission);
}

/**
 * What the ranking's filter form offers from each submitted proposal: its technology domain and
 * its international partners' countries, as in its row's portfolio facts (no strategic fit, titles
 * or money, so the page's frame is cheap).
 */
export async function loadFilterFacts(db: Reader, callId: number): Promise<Pick<PortfolioFacts, "domainId" | "partnerCountries">[]> {
  const rows = await submittedProposalRows(db, callId, ["$.project.domainId", "$.consortium.partners"]);
  return rows.map(([, , , domainId, partnersJson]) => {
    const partners = json(partnersJson);
    const facts = proposalFacts({ project: { domainId: json(domainId) }, consortium: { partners: Array.isArray(partners) ? partners.map(normalisePartner) : [] } } as unknown as ProposalAnswers);
    return { domainId: facts.domainId, partnerCountries: internationalCountries(facts.partnerCountries) };
  });
}

/**
 * What the rank order and funding lines read of a call's submitted proposals (title, grants,
 * submission time), in submission order: no labels or portfolio facts, for a drill-down's rank.
 */
export async function loadRankingInputRows(db: Reader, callId: number): Promise<RankingInputRow[]> {
  const rows = await submittedProposalRows(db, callId, ["$.project.title", "$.project.grantRequested", "$.project.partnerGrantRequested"]);
  const out: RankingInputRow[] = [];
  for (const [id, submittedAt, updatedAt, title, grantRequested, partnerGrantRequested] of rows) {
    const facts = proposalFacts({ project: { title: json(title), grantRequested: json(grantRequested), partnerGrantRequested: json(partnerGrantRequested) } } as unknown as ProposalAnswers);
    out.push({ id, title: facts.title || UNTITLED, submittedAt: new Date(submittedAt ?? updatedAt), grantRequested: facts.grantRequested, partnerGrantRequested: facts.partnerGrantRequested });
  }
  return out.sort(bySubmission);
}

/**
 * The assessments that count toward a call's ranking (countsTowardRanking, in SQL), in assignment
 * order, with their scores and in-scope answer read from assessments_submitted_scores_idx.
 */
export async function loadCountedAssessments(db: Pick<Reader, "values">, callId: number, only?: readonly number[]): Promise<CountedAssessment[]> {
  return (await countedAssessmentRows(db, callId, only)).map(([id, proposalId, assessorId, assessorAgencyId, scores, inScope]) => ({
    id,
    proposalId,
    assessorId,
    assessorAgencyId,
    scores: (json(scores) ?? {}) as AssessmentFormValues["scores"],
    inScope: (json(inScope) ?? "") as string,
  }));
}

/** The agency whose decisions a viewer sees: their own (the home agency's when no viewer is given). */
export const decidingAgencySql = (viewer?: Viewer) => (viewer?.agency ? sql`${viewer.agency.id}` : homeAgencyIdSql);

/** The viewer's agency's decision on one proposal, if recorded. */
export async function loadDecision(db: Reader, proposalId: number, viewer: Viewer): Promise<DecisionRow | null> {
  const [row] = await db
    .select()
    .from(decisions)
    .where(and(eq(decisions.proposalId, proposalId), eq(decisions.agencyId, decidingAgencySql(viewer))))
    .limit(1);
  return row ?? null;
}

/** The viewer's agency's decisions on a call's submitted proposals (the home agency's when no viewer is given). */
export async function loadDecisionOutcomes(db: Reader, callId: number, viewer?: Viewer): Promise<Map<number, { outcome: DecisionOutcome }>> {
  const rows = await db
    .select({ proposalId: decisions.proposalId, outcome: decisions.outcome })
    .from(decisions)
    .innerJoin(proposals, eq(proposals.id, decisions.proposalId))
    .where(and(eq(proposals.callId, callId), SUBMITTED_PROPOSAL, eq(decisions.agencyId, decidingAgencySql(viewer))));
  return new Map(rows.map((d) => [d.proposalId, { outcome: d.outcome }]));
}

/** What the ranking page, its CSV and a drill-down's position need: no answer documents, no assessment texts. */
export interface RankingData extends RankingSource {
  proposals: ProposalRow[];
  counted: CountedAssessment[];
  /** The viewer's agency's decisions, by proposal. */
  decisions: Map<number, { outcome: DecisionOutcome }>;
}

/**
 * A call's ranking input, asked of SQLite row by row: each submitted proposal's row, each counted
 * assessment's scores and the viewer's agency's decisions. The ranking itself is computed by
 * lib/domain/ranking.ts (rankCall), exactly as from a full read (tests/integration/ranking-queries.test.ts).
 */
export async function loadRankingData(db: Reader, call: CallRow, viewer?: Viewer): Promise<RankingData> {
  const [rubric, proposalRows, counted, decided] = await Promise.all([
    loadCallRubric(db, call.id),
    loadProposalRows(db, call.id),
    loadCountedAssessments(db, call.id),
    loadDecisionOutcomes(db, call.id, viewer),
  ]);
  return { call, rubric, proposals: proposalRows, counted, decisions: decided };
}

/**
 * What a call's ranking is computed from and nothing more: the rubric, each submitted proposal's
 * title, grants and submission time, and the counted assessments. A drill-down ranks the whole call
 * from it to place one proposal, whose own row it reads in full.
 */
export async function loadRankingInput(db: Reader, call: CallRow): Promise<RankingSource> {
  const [rubric, proposalRows, counted] = await Promise.all([loadCallRubric(db, call.id), loadRankingInputRows(db, call.id), loadCountedAssessments(db, call.id)]);
  return { call, rubric, proposals: proposalRows, counted };
}

/** A submitted proposal of this call, or not found (a draft is never shown to managers). */
export async function requireSubmittedProposal(db: Reader, callId: number, proposalId: number) {
  const [row] = await db
    .select()
    .from(proposals)
    .where(and(eq(proposals.id, proposalId), eq(proposals.callId, callId), eq(proposals.status, "submitted")))
    .limit(1);
  if (!row) throw new ActionError("not_found", PROPOSAL_NOT_FOUND);
  return row;
}

/**
 * The assignments that count toward the ranking, by proposal. Grouped once: filtering all
 * assignments per proposal was quadratic at 5,000 proposals.
 */
function countingByProposal(data: RankingSource): Map<number, CountedAssessment[]> {
  const counting = new Map<number, CountedAssessment[]>();
  for (const a of data.counted) {
    const list = counting.get(a.proposalId);
    if (list) list.push(a);
    else counting.set(a.proposalId, [a]);
  }
  return counting;
}

/** The panel an assessor of this agency sits on in this call. */
export const panelOf = (call: CallRow, assessorAgencyId: number | null): Panel =>
  assessorAgencyId !== null && assessorAgencyId === call.partnerAgencyId ? "partner" : "home";

/** The proposals of a joint call as lib/domain/joint.ts ranks them (each assessment on its agency's panel). */
export function jointRankingInput(data: RankingSource): JointRankingProposal[] {
  const counting = countingByProposal(data);
  return data.proposals.map((p) => ({
    id: p.id,
    title: p.title,
    submittedAt: p.submittedAt,
    grants: { home: p.grantRequested, partner: p.partnerGrantRequested },
    assessments: (counting.get(p.id) ?? []).map((a) => ({
      assessmentId: a.id,
      panel: panelOf(data.call, a.assessorAgencyId),
      scores: data.rubric.flatMap((c) => {
        const score = parseScore(a.scores[c.key] ?? "", c);
        return score === null ? [] : [{ criterionKey: c.key, score }];
      }),
    })),
  }));
}

export function jointConfig(data: Pick<RankingSource, "call" | "rubric">): JointRankingConfig {
  const call = data.call;
  return {
    criteria: data.rubric,
    overallThreshold: call.overallThreshold,
    valueCaptureKey: VALUE_CAPTURE_KEY,
    winWinKey: WIN_WIN_KEY,
    budgets: { home: call.budget, partner: call.partnerBudget ?? 0 },
    assessorsRequired: { home: call.assessorsRequired, partner: call.partnerAssessorsRequired ?? 1 },
  };
}

/** A joint call's three rankings (lib/domain/joint.ts): home panel, partner panel and joint. */
export function rankJoint(data: RankingSource): JointRanking {
  return rankJointCall(jointConfig(data), jointRankingInput(data));
}

/** The viewer's own panel on a joint call ("home" or "partner"); null on a home-only call. */
export function viewerPanel(call: CallRow, viewer: Viewer): Panel | null {
  if (call.partnerAgencyId === null) return null;
  return viewer.agency?.kind === "partner" ? "partner" : "home";
}

/**
 * What a ranking-based analysis (the calibration model) is computed from: on a home-only call the
 * call's ranking input; on a joint call one panel's, so its assessors' scores, its requirement,
 * and its own agency's grants against its own budget, in one currency.
 */
export function panelRankingInputs(
  data: RankingSource,
  panel: Panel | null,
): { config: RankingConfig; proposals: RankingProposal[]; counted: readonly CountedAssessment[] } {
  if (panel === null || data.call.partnerAgencyId === null) return { ...rankingInputs(data), counted: data.counted };
  return {
    ...panelRankingInput(jointConfig(data), panel, jointRankingInput(data)),
    counted: data.counted.filter((a) => panelOf(data.call, a.assessorAgencyId) === panel),
  };
}

/** The same from a full read (loadCallData), with each counted assignment whole (its assessment, its assessor's name). */
export function rankingInputsFor(data: CallData, panel: Panel | null): { config: RankingConfig; proposals: RankingProposal[]; counted: CallAssignment[] } {
  const counted = data.assignments.filter(countsTowardRanking);
  return {
    ...panelRankingInputs(data, panel),
    counted: panel === null || data.call.partnerAgencyId === null ? counted : counted.filter((a) => panelOf(data.call, a.assessorAgencyId) === panel),
  };
}

/**
 * The ranking of a call's submitted proposals, by DESIGN.md's rules (lib/domain/ranking.ts). On a
 * joint call it is the joint ranking (every assessor of both agencies, ranked once both panels have
 * their assessors; funding columns in pounds against the home budget).
 */
export function rankCall(data: RankingSource): RankingResult {
  return rankCallReusing(data, NONE_KNOWN).result;
}

/** Ranking inputs of some proposals, by id, made before (rankCallReusing). */
export type KnownRankingInputs = Pick<ReadonlyMap<number, RankingProposal>, "get">;
export const NONE_KNOWN: KnownRankingInputs = new Map();

/**
 * rankCall, reusing the ranking inputs (`known`) of proposals whose row, counted assessments and
 * rubric are unchanged since they were made, so catching up after a few proposals changed does not
 * parse 5,000 proposals' scores again (lib/server/manage/ranking-memo.ts). Also returns each
 * proposal's input, for the next catch-up (none on a joint call, which is ranked whole).
 */
export function rankCallReusing(data: RankingSource, known: KnownRankingInputs): { result: RankingResult; inputs: ReadonlyMap<number, RankingProposal> | null } {
  if (data.call.partnerAgencyId !== null) return { result: rankJoint(data).joint, inputs: null };
  const { config, proposals } = rankingInputs(data, known);
  return { result: rankProposals(config, proposals), inputs: new Map(proposals.map((p) => [p.id, p])) };
}

/** What the ranking (and the calibration model) is computed from; `known` as in rankCallReusing. */
export function rankingInputs(data: RankingSource, known: KnownRankingInputs = NONE_KNOWN): { config: RankingConfig; proposals: RankingProposal[] } {
  const counting = countingByProposal(data);
  return {
    config: {
      criteria: data.rubric,
      assessorsRequired: data.call.assessorsRequired,
      overallThreshold: data.call.overallThreshold,
      budget: data.call.budget,
      valueCaptureKey: VALUE_CAPTURE_KEY,
      winWinKey: WIN_WIN_KEY,
    },
    proposals: data.proposals.map((p) => {
      const made = known.get(p.id);
      if (made) return made;
      const mine = counting.get(p.id) ?? [];
      const scores: RankingScore[] = [];
      for (const a of mine) {
        for (const c of data.rubric) {
          const score = parseScore(a.scores[c.key] ?? "", c);
          if (score !== null) scores.push({ assessmentId: a.id, criterionKey: c.key, score });
        }
      }
      return {
        id: p.id,
        title: p.title,
        submittedAt: p.submittedAt,
        grantRequested: p.grantRequested,
        scores,
        submittedAssessments: mine.length,
      };
    }),
  };
}

export interface CallHeading {
  id: number;
  title: string;
  stage: CallStage;
  closesAt: Date;
  assessmentDueAt: Date;
  budget: number;
  assessorsRequired: number;
  overallThreshold: number;
  decisionsReleasedAt: Date | null;
  /** A joint call with a partner agency (lib/server/manage/joint.ts reads its two sides). */
  joint: boolean;
  /** Whether the viewer may change the call's settings (the home agency runs calls: "call:configure"). */
  configurable: boolean;
}

export function callHeading(call: CallRow, now: Date, viewer?: Viewer): CallHeading {
  return {
    id: call.id,
    title: call.title,
    stage: callStage(call, now),
    closesAt: call.closesAt,
    assessmentDueAt: call.assessmentDueAt,
    budget: call.budget,
    assessorsRequired: call.assessorsRequired,
    overallThreshold: call.overallThreshold,
    decisionsReleasedAt: call.decisionsReleasedAt,
    joint: call.partnerAgencyId !== null,
    configurable: viewer?.agency?.kind !== "partner",
  };
}
