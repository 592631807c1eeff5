import { scaleLinear } from "d3-scale";
import { BottomAxis } from "./Axis";
import { ChartFigure, type LegendItem, type TableCell } from "./ChartFigure";
import { FONT_FAMILY, FONT_SIZE, formatValue, INK, seriesColour, shorten } from "./theme";

export interface BarSeries {
  key: string;
  label: string;
}

export interface BarGroup {
  label: string;
  /** One value per series key (a missing key draws no bar). */
  values: Record<string, number>;
  /** Optional bounds for the group (e.g. a balance rule's minimum and maximum). */
  min?: number;
  max?: number;
}

/**
 * A horizontal bar chart, grouped when there is more than one series: one band per group (label
 * on the left), one bar per series inside it, and optional per-group minimum and maximum
 * markers (a dashed and a solid tick across the band). Server-rendered SVG; see ChartFigure for
 * the text alternative and data table.
 */
export function BarChart({
  id,
  title,
  summary,
  series,
  groups,
  valueLabel,
  groupHeading = "Group",
  domain,
  digits = 2,
  width = 720,
  labelWidth = 220,
  barHeight = 14,
  format = (v: number) => formatValue(v, digits),
}: {
  id: string;
  title: string;
  summary: string;
  series: BarSeries[];
  groups: BarGroup[];
  valueLabel: string;
  groupHeading?: string;
  domain?: readonly [number, number];
  digits?: number;
  width?: number;
  labelWidth?: number;
  barHeight?: number;
  format?: (value: number) => string;
}) {
  const top = 8;
  const gap = 8;
  const band = series.length * barHeight + gap;
  const plotHeight = Math.max(1, groups.length) * band;
  const height = top + plotHeight + 46;
  const right = 40;

  const hasMin = groups.some((g) => g.min !== undefined);
  const hasMax = groups.some((g) => g.max !== undefined);
  const all = groups.flatMap((g) => [...Object.values(g.values), g.min ?? 0, g.max ?? 0]);
  const x = scaleLinear()
    .domain(domain ? [domain[0], domain[1]] : [Math.min(0, ...all), Math.max(1e-9, ...all)])
    .range([labelWidth, width - right]);
  if (!domain) x.nice();

  const legend: LegendItem[] = series.length > 1 ? series.map((s, i) => ({ label: s.label, colour: seriesColour(i) })) : [];
  if (hasMin) legend.push({ label: "Dashed tick: minimum", colour: INK, kind: "dashed" });
  if (hasMax) legend.push({ label: "Solid tick: maximum", colour: INK, kind: "line" });

  const columns = [groupHeading, ...series.map((s) => s.label)];
  if (hasMin) columns.push("Minimum");
  if (hasMax) columns.push("Maximum");
  const rows: TableCell[][] = groups.map((g) => {
    const cells: TableCell[] = [g.label, ...series.map((s) => g.values[s.key] ?? null)];
    if (hasMin) cells.push(g.min ?? null);
    if (hasMax) cells.push(g.max ?? null);
    return cells;
  });

  const zero = x(Math.max(x.domain()[0]!, 0));
  return (
    <ChartFigure id={id} title={title} summary={summary} width={width} height={height} legend={legend} table={{ columns, rows, digits }}>
      <BottomAxis scale={x} y={top + plotHeight} top={top} label={valueLabel} format={format} />
      <g aria-hidden="true" fontFamily={FONT_FAMILY} fontSize={FONT_SIZE}>
        {groups.map((g, gi) => {
          const y0 = top + gi * band + gap / 2;
          return (
            <g key={gi}>
              <text x={labelWidth - 8} y={y0 + (series.length * barHeight) / 2 + 4} textAnchor="end" fill={INK}>
                {shorten(g.label, Math.floor(labelWidth / 7))}
              </text>
              {series.map((s, si) => {
                const v = g.values[s.key];
                if (v === undefined) return null;
                const left = Math.min(zero, x(v));
                return <rect key={s.key} x={left} y={y0 + si * barHeight} width={Math.max(0.5, Math.abs(x(v) - zero))} height={barHeight - 2} fill={seriesColour(si)} />;
              })}
              {series.length === 1 && g.values[series[0]!.key] !== undefined ? (
                <text x={x(g.values[series[0]!.key]!) + 4} y={y0 + barHeight / 2 + 3} fill={INK}>
                  {format(g.values[series[0]!.key]!)}
                </text>
              ) : null}
              {g.min !== undefined ? (
                <line x1={x(g.min)} x2={x(g.min)} y1={y0 - 3} y2={y0 + series.length * barHeight + 1} stroke={INK} strokeWidth={2.5} strokeDasharray="4 3" />
              ) : null}
              {g.max !== undefined ? <line x1={x(g.max)} x2={x(g.max)} y1={y0 - 3} y2={y0 + series.length * barHeight + 1} stroke={INK} strokeWidth={2.5} /> : null}
            </g>
          );
        })}
      </g>
    </ChartFigure>
  );
}
