import { formatCount } from "./format";
import styles from "./manage.module.css";

/** A small table of counts by status, with an optional total row. */
export function CountTable({
  caption,
  heading,
  rows,
  total,
}: {
  caption: string;
  heading: string;
  rows: { label: string; count: number }[];
  total?: { label: string; count: number };
}) {
  return (
    <table className={styles.narrow}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col" className={styles.num}>
            {heading}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td className={styles.num}>{formatCount(row.count)}</td>
          </tr>
        ))}
      </tbody>
      {total ? (
        <tfoot>
          <tr>
            <th scope="row">{total.label}</th>
            <td className={styles.num}>{formatCount(total.count)}</td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
