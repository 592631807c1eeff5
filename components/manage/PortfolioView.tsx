import Link from "next/link";
import { ScenarioForm } from "@/components/portfolio/ScenarioForm";
import { formatDateTime, formatPounds } from "@/lib/format";
import { paths } from "@/lib/paths";
import { saveScenarioAction } from "@/lib/server/actions/portfolio-actions";
import type { PortfolioOverview } from "@/lib/server/manage/scenarios";
import { CallHeader } from "./CallHeader";
import { formatCount, plural } from "./format";

/** A call's portfolio scenarios and the form for a new one. */
export function PortfolioView({ o }: { o: PortfolioOverview }) {
  const { call } = o;
  return (
    <>
      <CallHeader call={call} current="portfolio" title="Portfolio" />
      <p>
        A scenario chooses which eligible proposals to fund so that their total quality is as high as possible within its budget
        and balance rules, and shows what the rules cost against the plain rank-order funding line. Only proposals that pass the
        thresholds are eligible: {plural(o.eligible, "proposal is", "proposals are")} eligible now. Adopting a scenario pre-fills
        the decisions, which you can then edit as usual.
      </p>

      <h2>Scenarios</h2>
      {o.scenarios.length === 0 ? (
        <p>No scenarios yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Scenario</th>
              <th scope="col">Budget</th>
              <th scope="col">Rules</th>
              <th scope="col">Pinned, excluded</th>
              <th scope="col">Last changed</th>
            </tr>
          </thead>
          <tbody>
            {o.scenarios.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <Link href={paths.callScenario(call.id, s.id)}>{s.name}</Link> {s.adopted ? <strong className="tag tag--green">Adopted</strong> : null}
                </th>
                <td>{formatPounds(s.budget)}</td>
                <td>{s.rules.length === 0 ? <span className="muted">none</span> : s.rules.join("; ")}</td>
                <td>
                  {formatCount(s.pins)}, {formatCount(s.exclusions)}
                </td>
                <td>{formatDateTime(s.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {o.released ? (
        <p>Decisions for this call have been released, so its scenarios are frozen as they were.</p>
      ) : (
        <>
          <h2>New scenario</h2>
          <ScenarioForm callId={call.id} defaultValues={o.newScenario} options={o.form} action={saveScenarioAction} />
        </>
      )}
    </>
  );
}
