import type { ReactNode } from "react";
import styles from "./charts.module.css";
import { formatValue } from "./theme";

export type TableCell = string | number | null;

export interface ChartTable {
  columns: string[];
  rows: TableCell[][];
  /** Number of decimals for numbers in the table (default 2). */
  digits?: number;
}

export interface LegendItem {
  label: string;
  colour: string;
  kind?: "box" | "line" | "dashed";
}

/**
 * The frame every chart sits in (WCAG 2.2 AA): a <figure> whose caption gives the title and a
 * plain-words summary of what the chart shows, the SVG with its own <title> and <desc>
 * (role="img", so assistive technology reads those rather than the marks), a legend in HTML, and
 * the chart's data as a table in a <details> (the full-fidelity text alternative).
 */
export function ChartFigure({
  id,
  title,
  summary,
  width,
  height,
  legend,
  table,
  children,
}: {
  /** Unique on the page; used for the SVG's title/desc ids. */
  id: string;
  title: string;
  summary: string;
  width: number;
  height: number;
  legend?: LegendItem[];
  table: ChartTable;
  children: ReactNode;
}) {
  const digits = table.digits ?? 2;
  return (
    <figure className={styles.figure} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <strong>{title}</strong>
        {summary}
      </figcaption>
      {legend && legend.length > 0 ? (
        <ul className={styles.legend} aria-label="Key">
          {legend.map((item) => (
            <li key={item.label}>
              <span
                aria-hidden="true"
                className={item.kind === "line" ? styles.swatchLine : item.kind === "dashed" ? styles.swatchDashed : styles.swatch}
                style={item.kind === "line" || item.kind === "dashed" ? { borderTopColor: item.colour } : { background: item.colour }}
              />
              {item.label}
            </li>
          ))}
        </ul>
      ) : null}
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{`${summary} The data table below the chart lists every value.`}</desc>
        {children}
      </svg>
      <details className={styles.details}>
        <summary>Show the data as a table</summary>
        <div className={styles.tableScroll} tabIndex={0} role="region" aria-label={`${title}: data`}>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {table.columns.map((c, i) => (
                  <th key={c} scope="col" className={i > 0 ? styles.num : undefined}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {cell ?? ""}
                      </th>
                    ) : (
                      <td key={i} className={typeof cell === "number" ? styles.num : undefined}>
                        {cell === null ? "—" : typeof cell === "number" ? formatValue(cell, digits) : cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
