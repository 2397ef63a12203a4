// Small bar charts drawn on the server as SVG: no script, nothing from elsewhere, readable without CSS.
// Colours are SVG presentation attributes (the CSP forbids inline styles, not those). Each chart is
// role="img" with a label that says what it shows in words; the pages put the numbers in a table too.

export interface ChartSeries {
  name: string;
  values: readonly number[];
  /** A fill colour with at least 3:1 contrast against white (WCAG 1.4.11). */
  color: string;
}

const INK = '#1d1d1f';
const GRID = '#c9ccd1';

/** A round upper end for the value axis: 1, 2, 5 × 10^n at or above the largest value. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

export interface ColumnChartProps {
  label: string;
  /** One label per group of bars; only some are printed when there are many. */
  groups: readonly string[];
  series: readonly ChartSeries[];
  format: (value: number) => string;
  width?: number;
  height?: number;
  class?: string;
}

/** Vertical bars, one group per period, one bar per series. */
export function ColumnChart(props: ColumnChartProps) {
  const width = props.width ?? 720;
  const height = props.height ?? 260;
  const left = 48;
  const bottom = 28;
  const top = 12;
  const right = 18; // room for the newest label, centred under the last bar
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const max = niceMax(Math.max(0, ...props.series.flatMap((s) => s.values)));
  const groupWidth = plotWidth / Math.max(1, props.groups.length);
  const barWidth = Math.max(1, (groupWidth * 0.8) / Math.max(1, props.series.length));
  const y = (v: number) => top + plotHeight - (v / max) * plotHeight;
  // One axis label per ~70 units (a date is about 40), evenly spaced, always including the newest group.
  const every = Math.max(1, Math.ceil(props.groups.length / Math.max(2, Math.floor(plotWidth / 70))));
  const labelled = (i: number) => (props.groups.length - 1 - i) % every === 0;
  return (
    <svg class={props.class ?? 'chart'} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.label} preserveAspectRatio="xMidYMid meet">
      {[0, max / 2, max].filter((v) => Number.isInteger(v)).map((v) => (
        <>
          <line x1={left} x2={width - right} y1={y(v)} y2={y(v)} stroke={GRID} stroke-width="1" />
          <text x={left - 6} y={y(v) + 4} text-anchor="end" font-size="12" fill={INK}>
            {props.format(v)}
          </text>
        </>
      ))}
      {props.groups.map((group, i) => (
        <>
          {props.series.map((s, k) => {
            const value = s.values[i] ?? 0;
            const x = left + i * groupWidth + groupWidth * 0.1 + k * barWidth;
            return <rect x={x.toFixed(1)} y={y(value).toFixed(1)} width={barWidth.toFixed(1)} height={(top + plotHeight - y(value)).toFixed(1)} fill={s.color} />;
          })}
          {labelled(i) ? (
            <text x={(left + i * groupWidth + groupWidth / 2).toFixed(1)} y={height - 8} text-anchor="middle" font-size="12" fill={INK}>
              {group}
            </text>
          ) : null}
        </>
      ))}
      <line x1={left} x2={width - right} y1={top + plotHeight} y2={top + plotHeight} stroke={INK} stroke-width="1" />
    </svg>
  );
}

export interface BarListProps {
  label: string;
  items: readonly { name: string; value: number }[];
  color: string;
  format: (value: number) => string;
  width?: number;
  /** Room for the names, in SVG units; longer names are shortened with an ellipsis. */
  nameWidth?: number;
  class?: string;
}

/** Horizontal bars with their names and values written out: one row per item. */
export function BarList(props: BarListProps) {
  const width = props.width ?? 720;
  const row = 26;
  const nameWidth = props.nameWidth ?? 230;
  const valueWidth = 64;
  // About 7 units per character at font size 13.
  const maxChars = Math.floor((nameWidth - 8) / 7);
  const height = Math.max(1, props.items.length) * row + 4;
  const max = niceMax(Math.max(0, ...props.items.map((i) => i.value)));
  const barSpace = width - nameWidth - valueWidth;
  return (
    <svg class={props.class ?? 'chart'} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.label} preserveAspectRatio="xMidYMid meet">
      {props.items.map((item, i) => {
        const barWidth = (item.value / max) * barSpace;
        const yTop = i * row + 4;
        return (
          <>
            <text x={nameWidth - 8} y={yTop + 15} text-anchor="end" font-size="13" fill={INK}>
              {item.name.length > maxChars ? `${item.name.slice(0, maxChars - 1)}…` : item.name}
            </text>
            <rect x={nameWidth} y={yTop + 2} width={barWidth.toFixed(1)} height={row - 8} fill={props.color} />
            <text x={(nameWidth + barWidth + 6).toFixed(1)} y={yTop + 15} font-size="13" fill={INK}>
              {props.format(item.value)}
            </text>
          </>
        );
      })}
    </svg>
  );
}
