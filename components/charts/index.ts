/**
 * Server-rendered SVG charts (no client JavaScript): scales from d3-scale, marks drawn as plain
 * SVG in React server components. Each chart is a <figure> with a caption summary, an SVG with
 * title and desc, an HTML key, and its data as a table in a <details> (WCAG 2.2 AA).
 *
 * - IntervalPlot: estimates with inner/outer intervals and an optional reference line
 *   (expected ranks against the funding line; assessor leniency around zero).
 * - BarChart: bars or grouped bars, with optional per-group minimum/maximum markers
 *   (portfolio balance against rules; score distributions).
 */
export { BarChart, type BarGroup, type BarSeries } from "./BarChart";
export { ChartFigure, type ChartTable, type LegendItem } from "./ChartFigure";
export { IntervalPlot, type IntervalRow } from "./IntervalPlot";
export { formatValue, SERIES_COLOURS, TONES, type Tone } from "./theme";
