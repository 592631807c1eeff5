import Link from "next/link";
import type { DecisionOutcome } from "@/db/schema";
import { formatMoney } from "@/lib/domain/agencies";
import type { Panel, PanelDisagreement } from "@/lib/domain/joint";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import type { JointCallView, PanelRow } from "@/lib/server/manage/joint";
import { formatTotal } from "./format";
import styles from "./manage.module.css";
import { ScrollTable } from "./ScrollTable";
import { OutcomeTag, PassTag } from "./Tags";

const PANEL_NAME: Record<Panel, string> = { home: "home", partner: "partner" };

function describeDisagreement(d: PanelDisagreement, view: JointCallView): string {
  if (d.kind === "rank") return `Panel ranks differ by ${d.difference} (more than ${formatTotal(d.limit)}, a quarter of ${view.rankedByBoth})`;
  const passer = view.agencies[d.passedBy].name;
  return `Only the ${PANEL_NAME[d.passedBy]} panel (${passer}) passes it`;
}

function PanelTable({ view, panel }: { view: JointCallView; panel: Panel }) {
  const agency = view.agencies[panel];
  const rows: PanelRow[] = view.panels[panel].ranked;
  const awaiting = view.panels[panel].awaiting;
  const caption = `${agency.name} panel: ranking from its ${view.assessorsRequired[panel]} assessors per proposal, and its funding line against ${formatMoney(view.budgets[panel], agency.currency)}`;
  return (
    <>
      {rows.length === 0 ? (
        <p>No proposal has all {view.assessorsRequired[panel]} of this panel&apos;s assessments yet.</p>
      ) : (
        <ScrollTable caption={caption} dense>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Proposal</th>
              <th scope="col">Weighted total</th>
              <th scope="col">Result</th>
              <th scope="col">Grant ({agency.currency})</th>
              <th scope="col">Within {agency.name}&apos;s budget</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.rank}</td>
                <th scope="row">
                  <Link href={paths.callProposal(view.call.id, r.id)}>{r.title}</Link>
                </th>
                <td>{formatTotal(r.weightedTotal)}</td>
                <td>
                  <PassTag passes={r.passes} />
                </td>
                <td className={styles.nowrap}>{formatMoney(r.grant, agency.currency)}</td>
                <td>{r.withinBudget ? "Yes" : "No"}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {awaiting.length > 0 ? (
        <p>
          Awaiting this panel&apos;s assessments:{" "}
          {awaiting.map((a, i) => (
            <span key={a.id}>
              {i > 0 ? "; " : ""}
              {a.title} ({a.submittedAssessments} of {a.required})
            </span>
          ))}
          .
        </p>
      ) : null}
    </>
  );
}

function Position({ position }: { position: { outcome: DecisionOutcome; feedback: string } | null }) {
  return position ? <OutcomeTag outcome={position.outcome} /> : <span className="muted">Not decided</span>;
}

/** A joint call's three rankings, with each agency's funding line and where the panels disagree. */
export function JointRankings({ view }: { view: JointCallView }) {
  const { home, partner } = view.agencies;
  const ranked = view.rows.filter((r) => r.jointRank !== null);
  return (
    <>
      <h2>Joint ranking</h2>
      <p>
        From every assessor of both agencies. A proposal is ranked jointly once both panels have their assessors (
        {view.assessorsRequired.home} + {view.assessorsRequired.partner}). Each agency&apos;s funding line is walked down its own
        panel&apos;s ranking with its own grant and budget; &ldquo;fundable by both&rdquo; means within both lines. The exchange
        rate ({view.exchangeRate.toLocaleString("en-GB")} {partner.currency} per £1) is only for the equivalents shown.
      </p>
      {ranked.length === 0 ? (
        <p>No proposal has both panels&apos; assessments yet.</p>
      ) : (
        <ScrollTable caption="Joint ranking of both panels, with both agencies' funding lines and panel disagreements" dense>
          <thead>
            <tr>
              <th scope="col">Joint rank</th>
              <th scope="col">Proposal</th>
              <th scope="col">Weighted total</th>
              <th scope="col">{home.name} panel rank</th>
              <th scope="col">{partner.name} panel rank</th>
              <th scope="col">Grant from {home.name}</th>
              <th scope="col">Grant from {partner.name}</th>
              <th scope="col">Fundable by both</th>
              <th scope="col">Panels disagree</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((r) => (
              <tr key={r.id}>
                <td>{r.jointRank}</td>
                <th scope="row">
                  <Link href={paths.callProposal(view.call.id, r.id)}>{r.title}</Link>
                  <div className={`muted ${styles.small}`}>{r.leadOrganisation}</div>
                </th>
                <td>
                  {formatTotal(r.jointTotal ?? 0)} {r.jointPasses === false ? <PassTag passes={false} /> : null}
                </td>
                <td>
                  {r.ranks.home ?? "–"} {r.passes.home === false ? <PassTag passes={false} /> : null}
                  {r.withinBudget.home ? <div className={styles.small}>within line</div> : null}
                </td>
                <td>
                  {r.ranks.partner ?? "–"} {r.passes.partner === false ? <PassTag passes={false} /> : null}
                  {r.withinBudget.partner ? <div className={styles.small}>within line</div> : null}
                </td>
                <td className={styles.nowrap}>{formatMoney(r.grants.home, home.currency)}</td>
                <td className={styles.nowrap}>
                  {formatMoney(r.grants.partner, partner.currency)}
                  <div className={`muted ${styles.small}`}>about {formatMoney(r.partnerGrantInPounds, home.currency)}</div>
                </td>
                <td>{r.fundableByBoth ? <strong className="tag tag--green">Yes</strong> : "No"}</td>
                <td>
                  {r.disagreement.length === 0 ? (
                    "No"
                  ) : (
                    <ul className={styles.small}>
                      {r.disagreement.map((d) => (
                        <li key={d.kind}>
                          <strong className="tag tag--yellow">Disagree</strong> {describeDisagreement(d, view)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {view.joint.awaiting.length > 0 ? (
        <p>
          Not yet ranked jointly:{" "}
          {view.joint.awaiting.map((a, i) => (
            <span key={a.id}>
              {i > 0 ? "; " : ""}
              {a.title} ({a.submittedAssessments} of {a.required} required assessments)
            </span>
          ))}
          .
        </p>
      ) : null}

      <h2>{home.name} panel</h2>
      <PanelTable view={view} panel="home" />
      <h2>{partner.name} panel</h2>
      <PanelTable view={view} panel="partner" />
    </>
  );
}

/** Both agencies' decisions side by side, the joint outcome, and where the positions differ. */
export function JointDecisions({ view }: { view: JointCallView }) {
  const { home, partner } = view.agencies;
  return (
    <>
      <h2>Decisions of both agencies</h2>
      <p>
        Each agency records its own decision on each proposal from the proposal&apos;s page. The joint outcome is fund only when
        both agencies fund, do not fund when either does not, and reserve list otherwise.
      </p>
      <ScrollTable caption="Each agency's decision and the joint outcome" dense>
        <thead>
          <tr>
            <th scope="col">Proposal</th>
            <th scope="col">{home.name}</th>
            <th scope="col">{partner.name}</th>
            <th scope="col">Joint outcome</th>
            <th scope="col">Positions</th>
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <Link href={paths.callProposal(view.call.id, r.id)}>{r.title}</Link>
              </th>
              <td>
                <Position position={r.positions.home} />
              </td>
              <td>
                <Position position={r.positions.partner} />
              </td>
              <td>{r.outcome ? <OutcomeTag outcome={r.outcome} /> : <span className="muted">Undecided</span>}</td>
              <td>{r.positionsDiffer ? <strong className="tag tag--yellow">Differ</strong> : r.positions.home && r.positions.partner ? "Agree" : "–"}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}

/** Who has confirmed the release so far. */
/**
 * When a confirmation stands and when it is withdrawn, in plain words (the rule is
 * lib/domain/joint.ts confirmationsWithdrawn).
 */
export function ReleaseRule({ view }: { view: JointCallView }) {
  const { home, partner } = view.agencies;
  return (
    <>
      <p>
        Decisions go to bidders only when both {home.name} and {partner.name} have confirmed the release. Each agency confirms once
        both agencies have decided every proposal: it confirms the joint outcomes in the table above and its own feedback.
      </p>
      <p>If a decision changes after a confirmation:</p>
      <ul>
        <li>if a joint outcome changes, both agencies&apos; confirmations are withdrawn and both confirm again;</li>
        <li>
          if only one agency&apos;s own decision or feedback changes and every joint outcome stays the same, only that agency&apos;s
          confirmation is withdrawn; the other agency&apos;s stands;
        </li>
        <li>saving the same decision and feedback again changes nothing.</li>
      </ul>
      <p>Every confirmation and withdrawal is in the call&apos;s audit log.</p>
    </>
  );
}

export function ReleaseStatus({ view }: { view: JointCallView }) {
  const line = (panel: Panel) => {
    const c = view.release.confirmed[panel];
    const name = view.agencies[panel].name;
    return c ? `${name}: confirmed by ${c.by} on ${formatDateTime(c.at)}` : `${name}: not yet confirmed (${view.release.undecided[panel]} proposals still need its decision)`;
  };
  return (
    <ul>
      <li>{line("home")}</li>
      <li>{line("partner")}</li>
    </ul>
  );
}
