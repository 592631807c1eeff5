import Link from "next/link";
import { JobProgress } from "@/components/jobs/JobProgress";
import { CallHeader } from "@/components/manage/CallHeader";
import { ConfirmAction } from "@/components/manage/ConfirmAction";
import { pageHref } from "@/components/manage/Pagination";
import styles from "@/components/manage/manage.module.css";
import { currencyName } from "@/lib/domain/agencies";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import { retryCalibrationAction } from "@/lib/server/actions/calibration-actions";
import type { JobView } from "@/lib/server/jobs";
import { JOINT_KEY, type CallCalibration, type JointCallCalibration } from "@/lib/server/manage/calibration";
import { CalibrationReport } from "./CalibrationReport";
import { LotteryPanel } from "./LotteryPanel";

/** On a joint call: the viewer's own panel's calibration, or the joint ranking's (every assessor). */
function RankingChoice({ callId, current, panelName }: { callId: number; current: "panel" | "joint"; panelName: string }) {
  return (
    <nav aria-label="Which ranking" className={styles.callNav}>
      <ul>
        <li>
          <Link href={paths.callCalibration(callId)} aria-current={current === "panel" ? "page" : undefined}>
            {panelName} panel
          </Link>
        </li>
        <li>
          <Link href={paths.callJointCalibration(callId)} aria-current={current === "joint" ? "page" : undefined}>
            Joint ranking (both panels)
          </Link>
        </li>
      </ul>
    </nav>
  );
}

/** Where a fit is: its progress, a failure with "Try again", a stale result, or too little data. */
function FitState({
  job,
  jobKey,
  label,
  retry,
  tooLittle,
}: {
  job: JobView<{ model: unknown } | null>;
  jobKey: string;
  label: string;
  retry: { input: { callId: number; joint?: boolean }; question: string };
  tooLittle: string;
}) {
  const result = job.result;
  return (
    <>
      {job.running ? <JobProgress url={paths.callJob(job.callId, "calibration", jobKey)} label={label} initial={job.running} /> : null}
      {job.failure && !job.running ? (
        <div className="notification notification--warning" role="alert">
          <h2>The calibration could not be computed</h2>
          <p>{job.failure.message}</p>
          <ConfirmAction label="Try again" confirmLabel="Yes, try again" question={retry.question} input={retry.input} action={retryCalibrationAction} />
        </div>
      ) : null}
      {result && !job.fresh ? (
        <p className="notification notification--warning">
          Scores have changed since these results were computed{job.computedAt ? ` (${formatDateTime(job.computedAt)})` : ""}; they
          will update when the new fit is done.
        </p>
      ) : null}
      {!result && !job.running && !job.failure ? <p>Nothing to show yet.</p> : null}
      {result && !result.model ? <p>{tooLittle}</p> : null}
    </>
  );
}

/** "How sure?": the calibration model's report of a call (or, on a joint call, of the viewer's panel) and the lottery. */
export function CalibrationView({ view, page = 1 }: { view: CallCalibration; page?: number }) {
  const { call, panel, job, lottery, titles } = view;
  const result = job.result;
  const converged = result?.model?.diagnostics.converged ?? false;
  const closeCount = result?.proposals.filter((p) => p.zone === "close").length ?? 0;

  return (
    <>
      <CallHeader call={call} current="calibration" title="How sure is this ranking?" />
      {panel ? <RankingChoice callId={call.id} current="panel" panelName={panel.agencyName} /> : null}
      <p className="lead">
        The ranking follows the call&apos;s rule: the mean of the assessors&apos; scores. Assessors differ in how generously they
        score, and each proposal met only a few of them. This page shows how much that could move the ranking.
      </p>
      {panel ? (
        <p className="notification">
          This is a joint call. This page models the {panel.agencyName} panel only: its own assessors&apos; scores, and each
          proposal&apos;s grant from {panel.agencyName} against its budget in {currencyName(panel.currency)}. The other agency&apos;s
          managers see their own panel&apos;s; both agencies see the joint ranking&apos;s. The lottery is not available on a joint
          call, where each agency records its own decisions.
        </p>
      ) : null}
      <FitState
        job={job}
        jobKey={panel?.side ?? ""}
        label="Fitting the calibration model"
        retry={{ input: { callId: call.id }, question: "Fit the model again?" }}
        tooLittle="At least two proposals need all their assessments before the model can say anything."
      />
      {result?.model ? (
        <>
          <p>
            Download: <a href={paths.rankingCsv(call.id)}>ranking with calibrated scores (CSV)</a> ·{" "}
            <a href={paths.assessorsCsv(call.id)}>assessors (CSV)</a>
          </p>
          <CalibrationReport
            callId={call.id}
            result={result}
            titles={titles}
            currency={panel?.currency}
            page={page}
            pageHref={(n) => pageHref(paths.callCalibration(call.id), {}, n, "#expected-ranks-heading")}
          />
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

/** The calibrated joint ranking of a joint call: every assessor of both agencies, both funding lines. */
export function JointCalibrationView({ view, page = 1 }: { view: JointCallCalibration; page?: number }) {
  const { call, agencies, side, job, titles } = view;
  const result = job.result;
  return (
    <>
      <CallHeader call={call} current="calibration" title="How sure is this ranking?" />
      <RankingChoice callId={call.id} current="joint" panelName={agencies[side].name} />
      <p className="lead">
        The joint ranking uses every assessor of both agencies: the mean of all their scores. The model below separates each
        proposal&apos;s quality from each assessor&apos;s leniency across both panels.
      </p>
      <p className="notification">
        Each agency funds its own grant from its own budget: {agencies.home.name} in {currencyName(agencies.home.currency)},{" "}
        {agencies.partner.name} in {currencyName(agencies.partner.currency)}. So each agency has its own funding line on the joint
        ranking, and a proposal is &quot;fund&quot; only when it is clear of both. Assessors of the other agency are shown by number,
        not by name.
      </p>
      <FitState
        job={job}
        jobKey={JOINT_KEY}
        label="Fitting the calibration model to the joint ranking"
        retry={{ input: { callId: call.id, joint: true }, question: "Fit the joint ranking's model again?" }}
        tooLittle="At least two proposals need all their assessments from both panels before the model can say anything."
      />
      {result?.model ? (
        <CalibrationReport
          callId={call.id}
          result={result}
          titles={titles}
          page={page}
          pageHref={(n) => pageHref(paths.callCalibration(call.id), { view: "joint" }, n, "#expected-ranks-heading")}
          joint={{
            agencies: { home: agencies.home, partner: agencies.partner },
            lines: result.lines,
            agencyZones: result.agencyZones,
            grants: result.grants,
          }}
        />
      ) : null}
    </>
  );
}
