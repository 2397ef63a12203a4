// The pure parts: medians, durations in words, German numbers, the CSV field guard, chart scaling.
import { describe, expect, it } from 'vitest';
import { median, summarizeKpi, weeklySeries } from '../../db/kpi-aggregate.ts';
import { unpack } from '../../db/kpi.ts';
import { translator } from '../../server/i18n/index.ts';
import { niceMax } from '../../server/views/svg-chart.tsx';
import { csvText } from '../../server/views/staff/kpi-csv.tsx';
import { durationWords, formatCount, formatHours, formatShare } from '../../server/views/staff/kpi-format.tsx';

const de = translator('de');
const en = translator('en');

describe('median', () => {
  it('odd, even, none, unsorted input', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([3, 3, 3, 1, 3, 9])).toBe(3);
  });
  it('agrees with sorting on random data with many repeated values', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 200; round++) {
      const values = Array.from({ length: 1 + Math.floor(next() * 60) }, () => Math.floor(next() * (round % 2 ? 5 : 1000)));
      const sorted = [...values].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      const expected = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
      expect(median(values)).toBe(expected);
    }
  });
});

describe('durations in words', () => {
  it('German', () => {
    expect(durationWords(null, de)).toBe('–');
    expect(durationWords(59, de)).toBe('unter 1 Min.');
    expect(durationWords(60, de)).toBe('1 Min.');
    expect(durationWords(35 * 60 + 59, de)).toBe('35 Min.');
    expect(durationWords(3600, de)).toBe('1 Std.');
    expect(durationWords(5 * 3600 + 10 * 60, de)).toBe('5 Std. 10 Min.');
    expect(durationWords(86400, de)).toBe('1 Tag');
    expect(durationWords(2 * 86400 + 4 * 3600 + 59 * 60, de)).toBe('2 Tage 4 Std.');
  });
  it('English', () => {
    expect(durationWords(2 * 86400 + 4 * 3600, en)).toBe('2 days 4 h');
    expect(durationWords(90, en)).toBe('1 min');
  });
});

describe('numbers', () => {
  it('German and English notation', () => {
    expect(formatCount(1234567, 'de')).toBe('1.234.567');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatShare(0.875, 'de')).toBe('87,5\u00a0%');
    expect(formatShare(1 / 3, 'en')).toBe('33.3%');
    expect(formatShare(null, 'de')).toBe('–');
    expect(formatHours(5400, 'de')).toBe('1,5');
    expect(formatHours(1234 * 3600, 'de')).toBe('1234,0');
    expect(formatHours(null, 'de')).toBe('');
  });
});

describe('CSV text fields', () => {
  it('are quoted, quotes doubled, formulas defused', () => {
    expect(csvText('Tiefbauamt')).toBe('"Tiefbauamt"');
    expect(csvText('Amt "Süd"; Nord')).toBe('"Amt ""Süd""; Nord"');
    for (const evil of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvText(evil)).toBe(`"'${evil}"`);
  });
});

describe('aggregation', () => {
  const rows = (stride: number, ...values: number[]) => ({ stride, values: Float64Array.from(values) });
  const data = {
    // d c r overdue
    open: rows(4, 1, 2, 3, 1, 1, 2, 3, 0),
    // d c r week bucket
    created: rows(5, 1, 2, 0, 1, 0, 1, 2, 0, 0, 3, 1, 2, 0, 0, 2, 1, 2, 0, 0, 9),
    // d c r seconds
    acknowledged: rows(4, 1, 2, 3, 100, 9, 2, 3, 300),
    // d c r seconds within bucket
    closed: rows(6, 1, 2, 3, 50, 1, 0, 1, 5, 3, 70, -1, 0),
    fullBins: [],
  };
  it('counts a row in the total and in its department, category and district', () => {
    const s = summarizeKpi(data);
    expect(s.total).toMatchObject({ open: 2, overdue: 1, newInPeriod: 4, newThisWeek: 1, acknowledgeMedian: 200, closeMedian: 60, closedWithTarget: 1, withinTargetShare: 1 });
    expect(s.byDepartment.get(9)).toMatchObject({ acknowledgeMedian: 300, closedInPeriod: 0 });
    expect(s.byDistrict.get(0)).toMatchObject({ newInPeriod: 4, open: 0 });
    expect(s.byCategory.get(5)).toMatchObject({ closeMedian: 70, withinTargetShare: null });
  });
  it('puts bars oldest first and clamps the partial oldest bar', () => {
    expect(weeklySeries(data, 3)).toEqual({ created: [3, 0, 1], closed: [0, 0, 2] });
  });
  it('unpacks rows without losing or inventing numbers', () => {
    expect([...unpack('1 2 3 -1,40 5 0 12', 4).values]).toEqual([1, 2, 3, -1, 40, 5, 0, 12]);
    expect(() => unpack('1 2 3,4 5', 3)).toThrow();
  });
});

describe('chart scale', () => {
  it('rounds up to 1, 2, 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 12, 250, 5000, 5001].map(niceMax)).toEqual([1, 1, 5, 10, 20, 500, 5000, 10000]);
  });
});
