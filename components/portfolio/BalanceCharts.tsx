import { BarChart } from "@/components/charts";
import { formatCount } from "@/components/manage/format";
import type { BalanceDimension, ChartDimension } from "@/lib/domain/portfolio-optimiser/balance";
import { formatPounds } from "@/lib/format";
import styles from "./portfolio.module.css";

export const CHART_TITLES: Record<ChartDimension, string> = {
  theme: "By theme (Table 4.1)",
  "rd-category": "By R&D category (§7.3)",
  country: "By partner country (a proposal with partners in two countries counts in each)",
  "trl-band": "By TRL band (TRL at the start of the project)",
  fit: "By strategic fit (Tables 1, 6.1 and 6.2)",
};

function boundText(b: BalanceDimension["groups"][number]["bounds"][number]): string {
  const amount = b.measure === "share" ? formatPounds(b.limit) : `${formatCount(b.limit)} ${b.limit === 1 ? "award" : "awards"}`;
  return `${b.bound === "min" ? "at least" : "at most"} ${amount} (rule ${b.ruleNumber})`;
}

type Group = BalanceDimension["groups"][number];

/** The tightest money bounds on a group (share rules; count rules are in the table). */
function moneyBounds(g: Group): { min?: number; max?: number } {
  const mins = g.bounds.filter((b) => b.measure === "share" && b.bound === "min").map((b) => b.limit);
  const maxes = g.bounds.filter((b) => b.measure === "share" && b.bound === "max").map((b) => b.limit);
  return { ...(mins.length > 0 ? { min: Math.max(...mins) } : {}), ...(maxes.length > 0 ? { max: Math.min(...maxes) } : {}) };
}

function summaryOf(d: BalanceDimension, hasPlan: boolean): string {
  const changed = d.groups.filter((g) => g.plan.grant !== g.rankOrder.grant);
  const ruled = d.groups.filter((g) => g.bounds.length > 0).length;
  const parts = [
    hasPlan
      ? changed.length === 0
        ? "The plan spends the same on every group as the rank-order line."
        : `The plan spends differently from the rank-order line on ${changed.map((g) => `${g.label} (${formatPounds(g.rankOrder.grant)} → ${formatPounds(g.plan.grant)})`).join(", ")}.`
      : "There is no plan to compare.",
    ruled > 0 ? `${ruled} ${ruled === 1 ? "group has" : "groups have"} rule bounds.` : "No rule applies here.",
  ];
  return parts.join(" ");
}

/** The rank-order line and the plan side by side for each dimension, with the rules' bounds. */
export function BalanceCharts({ balance, hasPlan }: { balance: BalanceDimension[]; hasPlan: boolean }) {
  return (
    <div className={styles.charts}>
      {balance.map((d) => (
        <section key={d.dimension} aria-labelledby={`balance-${d.dimension}`}>
          <h3 id={`balance-${d.dimension}`}>{CHART_TITLES[d.dimension]}</h3>
          {d.groups.length === 0 ? (
            <p className="muted">No eligible proposal names one.</p>
          ) : (
            <>
            <BarChart
              id={`balance-chart-${d.dimension}`}
              title={`Grant ${CHART_TITLES[d.dimension].charAt(0).toLowerCase()}${CHART_TITLES[d.dimension].slice(1)}`}
              summary={summaryOf(d, hasPlan)}
              series={[
                { key: "rank", label: "Rank-order line" },
                ...(hasPlan ? [{ key: "plan", label: "This plan" }] : []),
              ]}
              groups={d.groups.map((g) => ({
                label: g.label,
                values: { rank: g.rankOrder.grant, ...(hasPlan ? { plan: g.plan.grant } : {}) },
                ...moneyBounds(g),
              }))}
              valueLabel="Grant (£)"
              groupHeading={d.dimension === "country" ? "Partner country" : "Group"}
              format={(v) => formatPounds(v)}
            />
            <table>
              <caption>Grant (awards) and every rule’s bounds</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col" className={styles.num}>
                    Rank-order line
                  </th>
                  <th scope="col" className={styles.num}>
                    This plan
                  </th>
                  <th scope="col">Rule bounds</th>
                </tr>
              </thead>
              <tbody>
                {d.groups.map((g) => (
                  <tr key={g.key}>
                    <th scope="row">{g.label}</th>
                    <td className={styles.num}>
                      {formatPounds(g.rankOrder.grant)} ({formatCount(g.rankOrder.awards)})
                    </td>
                    <td className={styles.num}>{hasPlan ? `${formatPounds(g.plan.grant)} (${formatCount(g.plan.awards)})` : "—"}</td>
                    <td>{g.bounds.length > 0 ? g.bounds.map(boundText).join("; ") : <span className="muted">none</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </>
          )}
        </section>
      ))}
    </div>
  );
}
