// One machine-readable form for every benchmark's figures, so that `npm run bench` (bench/run.ts) can
// collect them from any script and bench/RESULTS.md can keep them line by line. A benchmark keeps its
// human-readable output and additionally calls figure() once per measured value; that prints
//   FIGURE {"name":…,"value":…,"unit":…,"target":…,"better":"lower"|"higher"}
// on a line of its own.

export interface Figure {
  /** Stable across runs and changes: RESULTS.md is compared by it. "bench: what" */
  name: string;
  value: number;
  /** ms, µs, s, MB, x, count … */
  unit: string;
  target: number;
  /** lower: the value must be at most the target (times, sizes, losses); higher: at least (throughput ratios). */
  better: 'lower' | 'higher';
}

const PREFIX = 'FIGURE ';

/** Prints the figure line; returns the figure so a caller can also keep it. */
export function figure(f: Figure): Figure {
  console.log(PREFIX + JSON.stringify(f));
  return f;
}

/** The figure on a FIGURE line, or null for any other line (and for a malformed one). */
export function parseFigureLine(line: string): Figure | null {
  if (!line.startsWith(PREFIX)) return null;
  try {
    const f = JSON.parse(line.slice(PREFIX.length)) as Partial<Figure>;
    if (typeof f.name !== 'string' || typeof f.value !== 'number' || typeof f.unit !== 'string' || typeof f.target !== 'number') return null;
    if (f.better !== 'lower' && f.better !== 'higher') return null;
    return f as Figure;
  } catch {
    return null;
  }
}

export function meetsTarget(f: Figure): boolean {
  return f.better === 'lower' ? f.value <= f.target : f.value >= f.target;
}

/** value / target; null when the target is 0 (e.g. "0 lost"), where only ok/MISS says something. */
export function ratioToTarget(f: Figure): number | null {
  return f.target === 0 ? null : f.value / f.target;
}

/** Enough digits to see a change, few enough that noise does not fill the diff of RESULTS.md. */
function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return String(n);
  const abs = Math.abs(n);
  return abs >= 100 ? n.toFixed(0) : abs >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** `name  value  target  ratio  ok/MISS`, in columns. */
export function formatFigure(f: Figure, nameWidth = 56): string {
  const ratio = ratioToTarget(f);
  const target = `${f.better === 'lower' ? '<=' : '>='} ${formatNumber(f.target)} ${f.unit}`;
  return [
    f.name.padEnd(nameWidth),
    `${formatNumber(f.value)} ${f.unit}`.padStart(14),
    target.padStart(16),
    (ratio === null ? '-' : `${ratio.toFixed(2)}x`).padStart(8),
    meetsTarget(f) ? 'ok' : 'MISS',
  ].join('  ');
}

/** The p-th percentile (0–100) of sorted values, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
