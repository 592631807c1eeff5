import Link from "next/link";
import { formatCount, formatTotal, plural } from "@/components/manage/format";
import { formatPounds } from "@/lib/format";
import { paths } from "@/lib/paths";
import type { PlanView } from "@/lib/server/manage/scenarios";
import { BalanceCharts } from "./BalanceCharts";
import styles from "./portfolio.module.css";

const quality = (n: number) => formatTotal(n);

function signed(n: number): string {
  if (Math.abs(n) < 0.05) return "0";
  return `${n > 0 ? "+" : "−"}${formatTotal(Math.abs(n))}`;
}

/** What the scenario funds, what it gives up against the rank-order line, and why. */
export function ScenarioResults({ view, call, scenarioId }: { view: PlanView; call: { id: number }; scenarioId: number }) {
  const { outcome, comparison } = view;
  const plan = comparison.plan;
  const rankOrder = comparison.rankOrder;
  return (
    <>
      {outcome.message ? (
        <div className="notification notification--warning" role="status">
          <h2>{outcome.status === "infeasible" ? "These rules cannot all be met" : plan && plan.awards === 0 ? "The plan funds nothing" : "About this plan"}</h2>
          <p>{outcome.message}</p>
          {view.infeasibility?.planWithoutRemoval ? (
            <p>
              Without {view.infeasibility.smallestRemoval.length === 1 ? "that rule" : "those rules"}, the best plan funds{" "}
              {plural(view.infeasibility.planWithoutRemoval.awards, "proposal", "proposals")} for{" "}
              {formatPounds(view.infeasibility.planWithoutRemoval.grant)}, with a total quality of {quality(view.infeasibility.planWithoutRemoval.quality)}.
            </p>
          ) : null}
        </div>
      ) : null}
      {outcome.warnings.map((w) => (
        <div key={w} className="notification notification--warning" role="status">
          <p>{w}</p>
        </div>
      ))}

      {view.infeasibility && view.infeasibility.conflicting.length > 1 ? (
        <>
          <h3>Rules that conflict</h3>
          <ul>
            {view.infeasibility.conflicting.map((label) => (
              <li key={label}>{label}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Price of balance</h2>
      <table>
        <caption className="visually-hidden">The plan against the rank-order funding line</caption>
        <thead>
          <tr>
            <th scope="col">Funding</th>
            <th scope="col" className={styles.num}>
              Proposals
            </th>
            <th scope="col" className={styles.num}>
              Grant
            </th>
            <th scope="col" className={styles.num}>
              Total quality
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Rank-order funding line</th>
            <td className={styles.num}>{formatCount(rankOrder.awards)}</td>
            <td className={styles.num}>{formatPounds(rankOrder.grant)}</td>
            <td className={styles.num}>{quality(rankOrder.quality)}</td>
          </tr>
          <tr>
            <th scope="row">This scenario’s plan</th>
            <td className={styles.num}>{plan ? formatCount(plan.awards) : "No plan"}</td>
            <td className={styles.num}>{plan ? formatPounds(plan.grant) : "—"}</td>
            <td className={styles.num}>{plan ? quality(plan.quality) : "—"}</td>
          </tr>
        </tbody>
      </table>
      {plan ? (
        <ul className={styles.bounds}>
          <li>
            Quality given up against the rank-order line: <strong>{signed(rankOrder.quality - plan.quality)}</strong>
            {plan.quality > rankOrder.quality + 0.05 ? " (the plan uses the budget better than walking down the ranking)" : ""}.
          </li>
          <li>
            {plural(comparison.swappedIn, "proposal", "proposals")} swapped in and {plural(comparison.swappedOut, "proposal", "proposals")} swapped
            out.
          </li>
          {comparison.withoutRules ? (
            <li>
              All the rules together cost <strong>{formatTotal(Math.max(0, comparison.withoutRules.quality - plan.quality))}</strong> of quality
              (the best plan with no rules scores {quality(comparison.withoutRules.quality)}).
            </li>
          ) : null}
        </ul>
      ) : null}

      {view.prices.length > 0 ? (
        <>
          <h3>Price of each rule</h3>
          <p className="hint">Each rule’s price is the quality the plan would gain without it: the plan is solved again with that rule removed.</p>
          <table>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col" className={styles.num}>
                  Quality it costs
                </th>
                <th scope="col">Without it, the plan would add</th>
                <th scope="col">and drop</th>
              </tr>
            </thead>
            <tbody>
              {view.prices.map((p) => (
                <tr key={p.label}>
                  <th scope="row">{p.label}</th>
                  <td className={styles.num}>{formatTotal(p.cost)}</td>
                  <td>{p.added.length > 0 ? p.added.join("; ") : <span className="muted">nothing</span>}</td>
                  <td>{p.removed.length > 0 ? p.removed.join("; ") : <span className="muted">nothing</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      {view.adopted ? (
        <>
          <h3>Difference from the adopted scenario</h3>
          {view.adopted.added.length === 0 && view.adopted.removed.length === 0 ? (
            <p>
              This plan funds the same proposals as <Link href={paths.callScenario(call.id, view.adopted.id)}>{view.adopted.name}</Link>.
            </p>
          ) : (
            <ul>
              <li>
                Funded here but not in <Link href={paths.callScenario(call.id, view.adopted.id)}>{view.adopted.name}</Link>:{" "}
                {view.adopted.added.join("; ") || "none"}
              </li>
              <li>Funded there but not here: {view.adopted.removed.join("; ") || "none"}</li>
            </ul>
          )}
        </>
      ) : null}

      {view.rows ? (
        <>
          <h2>Plan</h2>
          <p>
            <a href={paths.scenarioPlanCsv(call.id, scenarioId)}>Download the plan (plan.csv)</a>
          </p>
          <table>
            <caption className="visually-hidden">Every ranked proposal, in rank order, with whether the plan funds it and why</caption>
            <thead>
              <tr>
                <th scope="col" className={styles.num}>
                  Rank
                </th>
                <th scope="col">Proposal</th>
                <th scope="col">Lead organisation</th>
                <th scope="col" className={styles.num}>
                  Grant requested
                </th>
                <th scope="col">Selected</th>
                <th scope="col">Reason</th>
                <th scope="col" className={styles.num}>
                  Cumulative grant
                </th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={r.proposalId} className={r.selected ? styles.selected : undefined}>
                  <td className={styles.num}>{r.rank}</td>
                  <th scope="row">
                    <Link href={paths.callProposal(call.id, r.proposalId)}>{r.title}</Link>
                  </th>
                  <td>{r.leadOrganisation}</td>
                  <td className={styles.num}>{formatPounds(r.grantRequested)}</td>
                  <td>{r.selected ? "Yes" : "No"}</td>
                  <td>{r.reasonText}</td>
                  <td className={styles.num}>{formatPounds(r.cumulativeGrant)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      <h2>Balance</h2>
      <p className="hint">
        Where the money goes on the rank-order line and in this plan, side by side, with each rule’s bounds marked. Counts of
        awards are in the tables.
      </p>
      <BalanceCharts balance={view.balance} hasPlan={plan !== null} />
    </>
  );
}
