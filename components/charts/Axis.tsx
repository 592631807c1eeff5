import type { ScaleLinear } from "d3-scale";
import { FONT_FAMILY, FONT_SIZE, formatValue, GRID, INK, MUTED } from "./theme";

/** A horizontal value axis at `y` with ticks, light grid lines up to `top`, and a title below. */
export function BottomAxis({
  scale,
  y,
  top,
  label,
  ticks = 6,
  format = (v: number) => formatValue(v),
}: {
  scale: ScaleLinear<number, number>;
  y: number;
  top: number;
  label: string;
  ticks?: number;
  format?: (value: number) => string;
}) {
  const [x0, x1] = scale.range() as [number, number];
  return (
    <g aria-hidden="true" fontFamily={FONT_FAMILY} fontSize={FONT_SIZE}>
      {scale.ticks(ticks).map((t) => (
        <g key={t} transform={`translate(${scale(t)},0)`}>
          <line y1={top} y2={y} stroke={GRID} strokeWidth={1} />
          <line y1={y} y2={y + 5} stroke={INK} />
          <text y={y + 18} textAnchor="middle" fill={INK}>
            {format(t)}
          </text>
        </g>
      ))}
      <line x1={Math.min(x0, x1)} x2={Math.max(x0, x1)} y1={y} y2={y} stroke={INK} />
      <text x={(x0 + x1) / 2} y={y + 36} textAnchor="middle" fill={MUTED}>
        {label}
      </text>
    </g>
  );
}
