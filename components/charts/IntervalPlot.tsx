import { scaleLinear } from "d3-scale";
import { BottomAxis } from "./Axis";
import { ChartFigure, type LegendItem, type TableCell } from "./ChartFigure";
import { FONT_FAMILY, FONT_SIZE, formatValue, INK, shorten, TONES, type Tone } from "./theme";

export interface IntervalRow {
  label: string;
  /** The point estimate (a dot). */
  point: number;
  /** A narrower interval drawn as a thick bar (e.g. 50 %). */
  inner?: readonly [number, number];
  /** A wider interval drawn as a thin line (e.g. 90 %). */
  outer?: readonly [number, number];
  /** Colour of the row's marks (e.g. a funding-line zone); say what it means in `tones`. */
  tone?: Tone;
  /** An extra text column in the data table (e.g. the zone's name). */
  note?: string;
}

/**
 * An interval ("caterpillar") plot: one row per item, a dot for the estimate, a thick bar for the
 * inner interval and a thin line for the outer one, with an optional vertical reference line
 * (zero leniency, the funding line). Server-rendered SVG; see ChartFigure for the text
 * alternative and data table.
 */
export function IntervalPlot({
  id,
  title,
  summary,
  rows,
  valueLabel,
  labelHeading = "Item",
  pointLabel = "Estimate",
  intervalLabels = { inner: "50 % interval", outer: "90 % interval" },
  noteLabel,
  reference,
  domain,
  tones,
  digits = 2,
  width = 720,
  labelWidth = 220,
  rowHeight = 20,
}: {
  id: string;
  title: string;
  summary: string;
  rows: IntervalRow[];
  /** The value axis title, e.g. "Expected rank (1 = best)". */
  valueLabel: string;
  labelHeading?: string;
  pointLabel?: string;
  intervalLabels?: { inner?: string; outer?: string };
  noteLabel?: string;
  reference?: { value: number; label: string };
  /** The value axis range; by default the data's (and the reference's) extent, rounded out. */
  domain?: readonly [number, number];
  /** What each tone used by the rows means, for the key. */
  tones?: Partial<Record<Tone, string>>;
  digits?: number;
  width?: number;
  labelWidth?: number;
  rowHeight?: number;
}) {
  const top = reference ? 26 : 8;
  const plotHeight = Math.max(1, rows.length) * rowHeight;
  const height = top + plotHeight + 46;
  const right = 16;

  const values = rows.flatMap((r) => [r.point, ...(r.inner ?? []), ...(r.outer ?? [])]);
  if (reference) values.push(reference.value);
  const lo = domain?.[0] ?? (values.length > 0 ? Math.min(...values) : 0);
  const hi = domain?.[1] ?? (values.length > 0 ? Math.max(...values) : 1);
  const x = scaleLinear()
    .domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi])
    .range([labelWidth, width - right]);
  if (!domain) x.nice();

  const hasInner = rows.some((r) => r.inner);
  const hasOuter = rows.some((r) => r.outer);
  const legend: LegendItem[] = [];
  if (hasInner && intervalLabels.inner) legend.push({ label: `Thick bar: ${intervalLabels.inner}`, colour: INK, kind: "line" });
  if (hasOuter && intervalLabels.outer) legend.push({ label: `Thin line: ${intervalLabels.outer}`, colour: INK, kind: "line" });
  if (reference) legend.push({ label: `Dashed line: ${reference.label}`, colour: INK, kind: "dashed" });
  for (const [tone, meaning] of Object.entries(tones ?? {}) as [Tone, string][]) legend.push({ label: meaning, colour: TONES[tone] });

  const columns = [labelHeading, pointLabel];
  if (hasInner) columns.push(`${intervalLabels.inner ?? "Inner interval"} low`, `${intervalLabels.inner ?? "Inner interval"} high`);
  if (hasOuter) columns.push(`${intervalLabels.outer ?? "Outer interval"} low`, `${intervalLabels.outer ?? "Outer interval"} high`);
  if (noteLabel) columns.push(noteLabel);
  const tableRows: TableCell[][] = rows.map((r) => {
    const cells: TableCell[] = [r.label, r.point];
    if (hasInner) cells.push(r.inner?.[0] ?? null, r.inner?.[1] ?? null);
    if (hasOuter) cells.push(r.outer?.[0] ?? null, r.outer?.[1] ?? null);
    if (noteLabel) cells.push(r.note ?? "");
    return cells;
  });

  return (
    <ChartFigure id={id} title={title} summary={summary} width={width} height={height} legend={legend} table={{ columns, rows: tableRows, digits }}>
      <BottomAxis scale={x} y={top + plotHeight} top={top} label={valueLabel} format={(v) => formatValue(v, digits)} />
      <g aria-hidden="true" fontFamily={FONT_FAMILY} fontSize={FONT_SIZE}>
        {rows.map((r, i) => {
          const cy = top + i * rowHeight + rowHeight / 2;
          const colour = TONES[r.tone ?? "default"];
          return (
            <g key={i}>
              <text x={labelWidth - 8} y={cy + 4} textAnchor="end" fill={INK}>
                {shorten(r.label, Math.floor(labelWidth / 7))}
              </text>
              {r.outer ? <line x1={x(r.outer[0])} x2={x(r.outer[1])} y1={cy} y2={cy} stroke={colour} strokeWidth={1.5} /> : null}
              {r.inner ? <line x1={x(r.inner[0])} x2={x(r.inner[1])} y1={cy} y2={cy} stroke={colour} strokeWidth={6} /> : null}
              <circle cx={x(r.point)} cy={cy} r={4.5} fill="#fff" stroke={colour} strokeWidth={2} />
            </g>
          );
        })}
        {reference ? (
          <g>
            <line x1={x(reference.value)} x2={x(reference.value)} y1={top - 6} y2={top + plotHeight} stroke={INK} strokeWidth={2} strokeDasharray="6 4" />
            <text x={x(reference.value)} y={top - 10} textAnchor="middle" fill={INK}>
              {reference.label}
            </text>
          </g>
        ) : null}
      </g>
    </ChartFigure>
  );
}
