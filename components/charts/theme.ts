/**
 * Colours, sizes and number formats shared by the charts. Every colour here has at least 3:1
 * contrast against white (WCAG 2.2 SC 1.4.11, non-text contrast) and text colours at least 4.5:1.
 */
export const INK = "#0b0c0c";
export const MUTED = "#505a5f";
export const GRID = "#b1b4b6";

/** Series colours, in order (blue, orange-brown, green, purple, red, grey): all ≥ 3:1 on white. */
export const SERIES_COLOURS = ["#1d70b8", "#a35200", "#00703c", "#4c2c92", "#b3261e", "#505a5f"] as const;

/** Tones for marking rows (e.g. funding-line zones). */
export const TONES = {
  default: "#1d70b8",
  good: "#00703c",
  bad: "#b3261e",
  neutral: "#a35200",
} as const;
export type Tone = keyof typeof TONES;

export const FONT_SIZE = 13;
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length]!;
}

/** A number for labels and tables: up to `digits` decimals, no trailing zeros, en-GB grouping. */
export function formatValue(value: number, digits = 2): string {
  return value.toLocaleString("en-GB", { maximumFractionDigits: digits });
}

/** Trims a label to about `max` characters for an axis (the data table has it in full). */
export function shorten(label: string, max = 32): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}
