import type { BalanceRow, PortfolioBalance } from "@/lib/domain/portfolio";
import { formatPounds } from "@/lib/format";
import { formatCount } from "./format";
import styles from "./manage.module.css";

function BalanceTable({ caption, heading, rows }: { caption: string; heading: string; rows: BalanceRow[] }) {
  return (
    <table className={styles.dense}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col" className={styles.num}>
            Ranked proposals
          </th>
          <th scope="col" className={styles.num}>
            Within budget
          </th>
          <th scope="col" className={styles.num}>
            Grant within budget
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className={styles.num}>{formatCount(r.proposals)}</td>
            <td className={styles.num}>{formatCount(r.withinBudget)}</td>
            <td className={styles.num}>{formatPounds(r.grantWithinBudget)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** How the ranked proposals, and those within budget, spread across the report's dimensions. */
export function PortfolioBalanceTables({ balance }: { balance: PortfolioBalance }) {
  return (
    <>
      <BalanceTable caption="By theme (Table 4.1)" heading="Theme" rows={balance.themes} />
      <BalanceTable caption="By R&D category (§7.3)" heading="R&D category" rows={balance.rdCategories} />
      {balance.countries.length > 0 ? (
        <BalanceTable
          caption="By international partner country (a proposal with partners in two countries counts in each)"
          heading="Country"
          rows={balance.countries}
        />
      ) : null}
    </>
  );
}
