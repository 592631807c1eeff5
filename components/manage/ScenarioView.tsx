import Link from "next/link";
import { JobProgress } from "@/components/jobs/JobProgress";
import { AdoptScenarioForm } from "@/components/portfolio/AdoptScenarioForm";
import { ScenarioForm } from "@/components/portfolio/ScenarioForm";
import { ScenarioResults } from "@/components/portfolio/ScenarioResults";
import { formatDateTime, formatPounds } from "@/lib/format";
import { paths } from "@/lib/paths";
import { adoptScenarioAction, saveScenarioAction } from "@/lib/server/actions/portfolio-actions";
import type { ScenarioView as ScenarioDto } from "@/lib/server/manage/scenarios";
import { QUALITY_LABELS } from "@/lib/validation/portfolio";
import { CallHeader } from "./CallHeader";

/** One portfolio scenario: its settings, its solved plan (or progress), adoption and the form to change it. */
export function ScenarioView({ view }: { view: ScenarioDto }) {
  const { call, scenario } = view;
  return (
    <>
      <CallHeader call={call} current="portfolio" title={scenario.name} />
      <p className="muted">
        <Link href={paths.callPortfolio(call.id)}>All scenarios of this call</Link>
      </p>
      {scenario.adopted ? (
        <p>
          <strong className="tag tag--green">Adopted</strong> This scenario’s plan pre-filled the call’s decisions.
        </p>
      ) : null}
      {view.released ? (
        <div className="notification" role="status">
          <p>Decisions for this call have been released, so this scenario is frozen: it shows the plan as it was when they were made.</p>
        </div>
      ) : null}

      <dl className="summary-list">
        <div>
          <dt>Budget</dt>
          <dd>{formatPounds(scenario.budget)}</dd>
        </div>
        <div>
          <dt>Quality maximised</dt>
          <dd>{QUALITY_LABELS[scenario.qualityMeasure]}</dd>
        </div>
        <div>
          <dt>Rules</dt>
          <dd>{scenario.rules.length === 0 ? "None" : scenario.rules.map((r, i) => `${i + 1}. ${r}`).join("\n")}</dd>
        </div>
        <div>
          <dt>Solved</dt>
          <dd>
            {view.plan && scenario.solvedAt ? formatDateTime(scenario.solvedAt) : "Not yet"}
            {view.plan ? ` in ${view.plan.seconds.toFixed(2)} s, ${view.plan.outcome.solves} exact solves with HiGHS` : ""}
          </dd>
        </div>
      </dl>

      {view.job ? <JobProgress url={view.job.url} label="Solving this scenario" initial={view.job} /> : null}
      {view.needsCalibration ? (
        <div className="notification notification--warning" role="status">
          <p>{view.needsCalibration.message}</p>
          <p>
            <Link href={view.needsCalibration.url}>Run the calibration (How sure is this ranking?)</Link>
          </p>
        </div>
      ) : null}
      {view.failure ? (
        <div className="notification notification--warning" role="alert">
          <p>{view.failure}</p>
        </div>
      ) : null}
      {view.plan ? <ScenarioResults view={view.plan} call={call} scenarioId={scenario.id} /> : null}

      {view.released ? null : (
        <>
          <h2>Adopt this scenario</h2>
          {call.stage !== "closed" ? (
            <p>A scenario can be adopted once the call has closed.</p>
          ) : view.plan?.rows && view.state === "current" ? (
            <AdoptScenarioForm callId={call.id} scenarioId={scenario.id} adopted={scenario.adopted} action={adoptScenarioAction} />
          ) : (
            <p>{view.plan ? "This scenario has no plan to adopt: change its rules first." : "The scenario can be adopted once its plan is solved."}</p>
          )}

          <h2>Change this scenario</h2>
          <ScenarioForm callId={call.id} scenarioId={scenario.id} defaultValues={view.values} options={view.form} action={saveScenarioAction} />
        </>
      )}
    </>
  );
}
