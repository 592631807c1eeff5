import "server-only";
import { ZONE_LABELS } from "@/lib/domain/calibration/zones";
import { and, eq } from "drizzle-orm";
import { backgroundJobs } from "@/db/schema";
import { calibrationJob, calibrationKey, currentLottery, freshCalibration } from "./calibration";
import { getDb } from "@/db/client";
import { csvChunks, toCsv, type CsvCell } from "@/lib/domain/csv";
import { describeInScope } from "@/lib/domain/in-scope";
import { FIT_LABELS } from "@/lib/domain/portfolio";
import { parseRouteId } from "@/lib/route-id";
import { parseScore } from "@/lib/validation/assessment";
import { OUTCOME_LABELS } from "@/lib/validation/manage";
import { FORBIDDEN_MESSAGE, UNAUTHENTICATED_MESSAGE } from "../action-error";
import { guardedRead, may } from "../guard";
import type { Actor } from "../users";
import { loadCallRubric } from "@/db/rubrics";
import { CALL_NOT_FOUND, countsTowardRanking, isActive, hasDeclaredConflict, loadCallAssessments, loadRankingData, loadRankingInputRows, requireCall, type Reader } from "./call-data";
import { agencyNames, jointCsvColumns } from "./joint";
import { rankedRows } from "./ranking";

export interface CsvFile {
  filename: string;
  /** The whole text (for tests and small files; a download streams `rows` when it has them). */
  body: string;
}

/** A CSV file whose records are produced as it is written out (csvDownload streams them). */
export interface StreamedCsvFile extends CsvFile {
  header: readonly string[];
  rows: () => Iterable<readonly CsvCell[]>;
}

export function streamedCsv(filename: string, header: readonly string[], rows: () => Iterable<readonly CsvCell[]>): StreamedCsvFile {
  return {
    filename,
    header,
    rows,
    get body() {
      return toCsv(header, rows());
    },
  };
}

const isStreamed = (file: CsvFile): file is StreamedCsvFile => "rows" in file && "header" in file;

/** The file as a byte stream: the BOM and header at once, then records in pieces (lib/domain/csv.ts csvChunks). */
function csvStream(file: StreamedCsvFile): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let chunks: Iterator<string> | null = null;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      chunks ??= csvChunks(file.header, file.rows());
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
}

/** A title as a file-name part: lower case, runs of other characters as one hyphen. */
export const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, "-")
    .replace(/^-+|-+$/gu, "")
    .slice(0, 60) || "call";

/** The calibration columns of the ranking CSV (issue 9), numbers unrounded. */
export const CALIBRATION_COLUMNS = [
  "Calibrated total",
  "Calibrated total 90% low",
  "Calibrated total 90% high",
  "Expected rank",
  "Rank 50% low",
  "Rank 50% high",
  "Rank 90% low",
  "Rank 90% high",
  "Funding line zone",
  "Fragile",
  "Lottery draw order",
] as const;

/**
 * The stored calibration when it matches the data now (freshCalibration). The job's view reads
 * and parses the stored result, so it is asked only when a finished fit is stored at all.
 */
async function storedCalibrationFresh(db: Reader, callId: number, key: string) {
  const [done] = await db
    .select({ id: backgroundJobs.id })
    .from(backgroundJobs)
    .where(and(eq(backgroundJobs.callId, callId), eq(backgroundJobs.kind, calibrationJob.kind), eq(backgroundJobs.key, key), eq(backgroundJobs.status, "done")))
    .limit(1);
  return done ? freshCalibration(callId, key) : null;
}

/** The ranking: one row per submitted proposal (ranked first, in rank order, then awaiting). */
export const rankingCsv = guardedRead("export:csv", async (actor, callId: number): Promise<StreamedCsvFile> => {
    const db = getDb();
    const call = await requireCall(db, callId, actor);
    const data = await loadRankingData(db, call, actor);
    // A joint call's export adds both agencies' grants (each in its own currency), panel ranks,
    // funding lines and decisions; a home-only call's columns are unchanged.
    const joint = await jointCsvColumns(db, data);
    const { ranked, awaiting } = rankedRows(data);
    const titleOf = new Map(data.rubric.map((c) => [c.key, c.title]));

    const header = [
      "Status",
      "Rank",
      "Proposal ID",
      "Title",
      "Lead organisation",
      "Partner countries",
      "Technology domain",
      "Theme",
      "R&D category",
      "Strategic fit",
      "Assessments submitted",
      "Assessments required",
      ...data.rubric.map((c) => `${c.title} mean (${c.scaleMin}-${c.scaleMax})`),
      "Weighted total (0-100)",
      "Result",
      "Failed thresholds",
      "Grant requested (GBP)",
      "Within budget",
      "Cumulative grant within budget (GBP)",
      "Disagreement",
      "In scope votes",
      "Majority out of scope",
      "Decision",
      ...CALIBRATION_COLUMNS,
      ...(joint?.header ?? []),
    ];
    // The calibration columns come from the stored fit when it matches the data now (else blank);
    // the draw order from the call's drawn lottery. On a joint call the fit is the viewer's own
    // panel's (its assessors, its agency's grants and budget) and there is no lottery.
    const [calibration, lottery] = await Promise.all([
      storedCalibrationFresh(db, call.id, calibrationKey(call, actor)),
      call.partnerAgencyId === null ? currentLottery(call.id) : null,
    ]);
    const calibrated = new Map(calibration?.proposals.map((p) => [p.id, p]));
    const drawPosition = new Map((lottery?.status === "drawn" ? (lottery.drawOrder ?? []) : []).map((id, i) => [id, i + 1]));
    const calibrationCells = (id: number): CsvCell[] => {
      const c = calibrated.get(id);
      return [
        c?.calibrated ?? null,
        c?.calibrated90.low ?? null,
        c?.calibrated90.high ?? null,
        c?.expectedRank ?? null,
        c?.rank50.low ?? null,
        c?.rank50.high ?? null,
        c?.rank90.low ?? null,
        c?.rank90.high ?? null,
        c ? ZONE_LABELS[c.zone] : "",
        c ? c.fragile : "",
        drawPosition.get(id) ?? null,
      ];
    };

    const common = (row: (typeof ranked)[number] | (typeof awaiting)[number]): CsvCell[] => [
      row.id,
      row.title,
      row.leadOrganisation,
      row.partnerCountries.map((c) => c.name).join("; "),
      row.domain?.longName ?? "",
      row.theme ?? "",
      row.rdCategory ?? "",
      FIT_LABELS[row.fit],
      row.submittedAssessments,
      call.assessorsRequired,
    ];
    const decision = (outcome: keyof typeof OUTCOME_LABELS | null) => (outcome ? OUTCOME_LABELS[outcome] : "");

    const grantOf = new Map(data.proposals.map((p) => [p.id, p.grantRequested]));
    function* rows(): Generator<CsvCell[]> {
      for (const r of ranked)
        yield [
          "Ranked",
          r.rank,
          ...common(r),
          ...data.rubric.map((c) => r.criterionMeans[c.key] ?? null),
          r.weightedTotal,
          r.passes ? "Pass" : "Fail",
          r.failedThresholds.map((f) => `${f.title} (${f.value} below ${f.threshold})`).join("; "),
          r.grantRequested,
          r.withinBudget,
          r.withinBudget ? r.cumulativeGrant : null,
          r.disagreements.map((d) => `${titleOf.get(d.criterionKey) ?? d.criterionKey} (${d.min}-${d.max})`).join("; "),
          describeInScope(r.inScope),
          r.inScope.majorityOutOfScope,
          decision(r.decision),
          ...calibrationCells(r.id),
          ...(joint?.cells(r.id) ?? []),
        ];
      for (const a of awaiting)
        yield [
          "Awaiting assessment",
          null,
          ...common(a),
          ...data.rubric.map(() => null),
          null,
          "",
          "",
          grantOf.get(a.id) ?? null,
          false,
          null,
          "",
          "",
          null,
          decision(a.decision),
          ...calibrationCells(a.id),
          ...(joint?.cells(a.id) ?? []),
        ];
    }
    return streamedCsv(`${slug(call.title)}-ranking.csv`, header, rows);
});

/** One row per assessor who scored a ranked proposal: counts, mean raw total and the model's leniency (managers only). */
export const assessorsCsv = guardedRead("export:csv", async (actor, callId: number): Promise<CsvFile> => {
  const call = await requireCall(getDb(), callId, actor);
  // On a joint call, the viewer's own panel: only their own agency's assessors.
  const calibration = await freshCalibration(call.id, calibrationKey(call, actor));
  const header = ["Assessor", "Proposals scored", "Mean raw total", "Leniency", "Leniency 90% low", "Leniency 90% high"];
  const rows: CsvCell[][] = (calibration?.assessors ?? []).map((a) => [a.name, a.proposalsScored, a.meanRawTotal, a.leniency, a.leniency90.low, a.leniency90.high]);
  return { filename: `${slug(call.title)}-assessors.csv`, body: toCsv(header, rows) };
});

/**
 * Every score: one row per assessment and criterion, drafts included and marked as such, by
 * proposal then assessment. Streamed, each assessment parsed as its rows are written; proposals'
 * titles come from the rows index, not their answers.
 */
export const scoresCsv = guardedRead("export:csv", async (actor, callId: number): Promise<StreamedCsvFile> => {
    const db = getDb();
    const call = await requireCall(db, callId, actor);
    const [rubric, proposalRows, assessed, agencyName] = await Promise.all([
      loadCallRubric(db, call.id),
      loadRankingInputRows(db, call.id),
      loadCallAssessments(db, call.id, actor),
      agencyNames(db),
    ]);
    const titleOf = new Map(proposalRows.map((p) => [p.id, p.title]));
    const header = [
      "Proposal ID",
      "Proposal title",
      "Assessment ID",
      "Assessor",
      "Assessor organisation",
      "Assessment status",
      "Submitted at (UTC)",
      "Counts toward ranking",
      "Why not counted",
      "Criterion",
      "Criterion key",
      "Score",
      "Scale minimum",
      "Scale maximum",
      "Weight (%)",
      "Justification",
      "Recommendation",
      "Confidence",
    ];
    function* rows(): Generator<CsvCell[]> {
      for (const a of assessed) {
        const counts = countsTowardRanking(a);
        const why = counts
          ? ""
          : !isActive(a)
            ? "Assessor unassigned"
            : hasDeclaredConflict(a)
              ? "Conflict of interest declared"
              : "Not submitted";
        const v = a.assessment!.values;
        for (const c of rubric) {
          yield [
            a.proposalId,
            titleOf.get(a.proposalId) ?? "",
            a.assessment!.id,
            // Another agency's assessors stay anonymous: their scores are shared, their names are not.
            a.sameAgency ? a.assessorName : `An assessor of ${agencyName.get(a.assessorAgencyId ?? -1) ?? "another agency"}`,
            a.sameAgency ? a.assessorOrganisation : "",
            a.assessment!.status,
            a.assessment!.submittedAt,
            counts,
            why,
            c.title,
            c.key,
            parseScore(v.scores[c.key] ?? "", c),
            c.scaleMin,
            c.scaleMax,
            c.weight,
            v.justifications[c.key] ?? "",
            v.recommendation,
            v.confidence,
          ];
        }
      }
    }
    return streamedCsv(`${slug(call.title)}-scores.csv`, header, rows);
});

const refusal = (status: number, message: string) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * A CSV route's response: 401 without a session, 403 for a role without "export:csv", 404 for a
 * malformed or unknown call id, else the file as an attachment.
 */
export async function csvDownload(
  actor: Actor | null,
  rawCallId: string,
  build: (actor: Actor, callId: number) => Promise<CsvFile | StreamedCsvFile | null>,
): Promise<Response> {
  if (!actor) return refusal(401, UNAUTHENTICATED_MESSAGE);
  if (!may(actor, "export:csv")) return refusal(403, FORBIDDEN_MESSAGE);
  const callId = parseRouteId(rawCallId);
  const file = callId === null ? null : await build(actor, callId);
  if (!file) return refusal(404, CALL_NOT_FOUND);
  return new Response(isStreamed(file) ? csvStream(file) : file.body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
