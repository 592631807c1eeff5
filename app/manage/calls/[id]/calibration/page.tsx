import type { Metadata } from "next";
import { CalibrationReport } from "@/components/calibration/CalibrationReport";
import { LotteryPanel } from "@/components/calibration/LotteryPanel";
import { JobProgress } from "@/components/jobs/JobProgress";
import { CallHeader } from "@/components/manage/CallHeader";
import { ConfirmAction } from "@/components/manage/ConfirmAction";
import { currencyName } from "@/lib/domain/agencies";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import { retryCalibrationAction } from "@/lib/server/actions/calibration-actions";
import { getCallCalibration } from "@/lib/server/manage/calibration";
import { foundOr404, routeIdOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "How sure is this ranking?" };

export default async function CalibrationPage({ params }: { params: Promise<{ id: string }> }) {
  const id = routeIdOr404((await params).id);
  const actor = await requirePageActor("ranking:read", paths.callCalibration(id));
  const { call, panel, job, lottery, titles } = foundOr404(await getCallCalibration(actor, id));
  const result = job.result;
  const converged = result?.model?.diagnostics.converged ?? false;
  const closeCount = result?.proposals.filter((p) => p.zone === "close").length ?? 0;

  return (
    <>
      <CallHeader call={call} current="calibration" title="How sure is this ranking?" />
      <p className="lead">
        The ranking follows the call&apos;s rule: the mean of the assessors&apos; scores. Assessors differ in how generously they
        score, and each proposal met only a few of them. This page shows how much that could move the ranking.
      </p>
      {panel ? (
        <p className="notification">
          This is a joint call. This page models the {panel.agencyName} panel only: its own assessors&apos; scores, and each
          proposal&apos;s grant from {panel.agencyName} against its budget in {currencyName(panel.currency)}. The other agency&apos;s
          managers see their own panel&apos;s. The lottery is not available on a joint call, where each agency records its own
          decisions.
        </p>
      ) : null}
      {job.running ? (
        <JobProgress url={paths.callJob(call.id, "calibration", panel?.side ?? "")} label="Fitting the calibration model" initial={job.running} />
      ) : null}
      {job.failure && !job.running ? (
        <div className="notification notification--warning" role="alert">
          <h2>The calibration could not be computed</h2>
          <p>{job.failure.message}</p>
          <ConfirmAction label="Try again" confirmLabel="Yes, try again" question="Fit the model again?" input={{ callId: call.id }} action={retryCalibrationAction} />
        </div>
      ) : null}
      {result && !job.fresh ? (
        <p className="notification notification--warning">
          Scores have changed since these results were computed{job.computedAt ? ` (${formatDateTime(job.computedAt)})` : ""}; they
          will update when the new fit is done.
        </p>
      ) : null}
      {!result && !job.running && !job.failure ? <p>Nothing to show yet.</p> : null}
      {result && !result.model ? <p>At least two proposals need all their assessments before the model can say anything.</p> : null}
      {result?.model ? (
        <>
          <p>
            Download: <a href={paths.rankingCsv(call.id)}>ranking with calibrated scores (CSV)</a> ·{" "}
            <a href={paths.assessorsCsv(call.id)}>assessors (CSV)</a>
          </p>
          <CalibrationReport callId={call.id} result={result} titles={titles} currency={panel?.currency} />
          {panel ? null : (
            <LotteryPanel
              callId={call.id}
              enabled={call.lotteryEnabled}
              lottery={lottery}
              closeCount={closeCount}
              canDraw={job.fresh && converged}
              locked={call.stage !== "closed"}
              titles={titles}
            />
          )}
        </>
      ) : null}
    </>
  );
}
