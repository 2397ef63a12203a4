// Turns the raw rows of db/kpi.ts into the Kennzahlen: the same figures for the whole selection and per
// department, category and district. Pure (no database), so the hand-computed tests can also call it.
import { ACK_FIELDS, CLOSED_FIELDS, CREATED_FIELDS, OPEN_FIELDS, type KpiRawData, type PackedRows } from './kpi.ts';

export interface KpiFigures {
  open: number;
  overdue: number;
  newThisWeek: number;
  newInPeriod: number;
  acknowledgedInPeriod: number;
  closedInPeriod: number;
  /** Median seconds from filing to the first acknowledgement, of the acknowledgements in the period. */
  acknowledgeMedian: number | null;
  /** Median seconds from filing to closing, of the reports closed in the period. */
  closeMedian: number | null;
  /** Reports closed in the period that had a due time, and how many of them were closed by it. */
  closedWithTarget: number;
  closedWithinTarget: number;
  /** closedWithinTarget / closedWithTarget, 0..1; null without any such report. */
  withinTargetShare: number | null;
}

export interface KpiSummary {
  total: KpiFigures;
  byDepartment: Map<number, KpiFigures>;
  byCategory: Map<number, KpiFigures>;
  byDistrict: Map<number, KpiFigures>;
}

/**
 * The k-th smallest value (0-based), found by quickselect with a three-way partition (many durations
 * are equal), in O(n) on average instead of a full sort: the medians of a year of the whole city
 * would otherwise sort 2.5 million numbers per request. Reorders `a`.
 */
function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i]!;
      if (v < pivot) {
        a[i++] = a[lt]!;
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt]!;
        a[gt--] = v;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return a[k]!;
}

/** The middle value, or the mean of the two middle values for an even count; null for none. */
export function median(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  const a = Float64Array.from(values);
  const mid = n >> 1;
  if (n % 2 === 1) return selectKth(a, mid);
  const lower = selectKth(a, mid - 1);
  // After the selection everything from mid on is >= lower; the upper middle is the smallest of them.
  let upper = Infinity;
  for (let i = mid; i < n; i++) if (a[i]! < upper) upper = a[i]!;
  return (lower + upper) / 2;
}

/** Collects the figures of one group while the rows stream past; medians are taken at the end. */
class Accumulator {
  open = 0;
  overdue = 0;
  newThisWeek = 0;
  newInPeriod = 0;
  ack: number[] = [];
  close: number[] = [];
  closedWithTarget = 0;
  closedWithinTarget = 0;

  figures(): KpiFigures {
    return {
      open: this.open,
      overdue: this.overdue,
      newThisWeek: this.newThisWeek,
      newInPeriod: this.newInPeriod,
      acknowledgedInPeriod: this.ack.length,
      closedInPeriod: this.close.length,
      acknowledgeMedian: median(this.ack),
      closeMedian: median(this.close),
      closedWithTarget: this.closedWithTarget,
      closedWithinTarget: this.closedWithinTarget,
      withinTargetShare: this.closedWithTarget === 0 ? null : this.closedWithinTarget / this.closedWithTarget,
    };
  }
}

export function emptyFigures(): KpiFigures {
  return new Accumulator().figures();
}

/** Groups by small integer ids (department, category, district): a sparse array beats a Map here. */
class Groups {
  private readonly byId: Accumulator[] = [];
  at(id: number): Accumulator {
    return (this.byId[id] ??= new Accumulator());
  }
  figures(): Map<number, KpiFigures> {
    const result = new Map<number, KpiFigures>();
    this.byId.forEach((acc, id) => result.set(id, acc.figures()));
    return result;
  }
}

export function summarizeKpi(data: KpiRawData): KpiSummary {
  const total = new Accumulator();
  const departments = new Groups();
  const categories = new Groups();
  const districts = new Groups();
  /** Calls fn for the total and for the row's department, category and district. */
  const each = (rows: PackedRows, fn: (acc: Accumulator, v: Float64Array, at: number) => void) => {
    const v = rows.values;
    for (let at = 0; at < v.length; at += rows.stride) {
      fn(total, v, at);
      fn(departments.at(v[at]!), v, at);
      fn(categories.at(v[at + 1]!), v, at);
      fn(districts.at(v[at + 2]!), v, at);
    }
  };
  each(data.open, (acc, v, at) => {
    acc.open++;
    acc.overdue += v[at + OPEN_FIELDS.overdue]!;
  });
  each(data.created, (acc, v, at) => {
    acc.newInPeriod++;
    acc.newThisWeek += v[at + CREATED_FIELDS.week]!;
  });
  each(data.acknowledged, (acc, v, at) => acc.ack.push(v[at + ACK_FIELDS.seconds]!));
  each(data.closed, (acc, v, at) => {
    acc.close.push(v[at + CLOSED_FIELDS.seconds]!);
    const within = v[at + CLOSED_FIELDS.within]!;
    if (within >= 0) {
      acc.closedWithTarget++;
      acc.closedWithinTarget += within;
    }
  });
  return { total: total.figures(), byDepartment: departments.figures(), byCategory: categories.figures(), byDistrict: districts.figures() };
}

/** New and closed per bar of the chart, oldest bar first; bars without reports count 0. */
export function weeklySeries(data: Pick<KpiRawData, 'created' | 'closed'>, buckets: number): { created: number[]; closed: number[] } {
  const series = (rows: PackedRows, field: number) => {
    const values = new Array<number>(buckets).fill(0);
    for (let at = 0; at < rows.values.length; at += rows.stride) {
      // 0 is the newest bar; a report exactly at the period's start falls into the oldest one.
      const bucket = Math.min(Math.max(rows.values[at + field]!, 0), buckets - 1);
      values[buckets - 1 - bucket]!++;
    }
    return values;
  };
  return { created: series(data.created, CREATED_FIELDS.bucket), closed: series(data.closed, CLOSED_FIELDS.bucket) };
}
