// One bin row of an import file, checked value by value. CSV and GeoJSON readers both end here, so a
// bad value gets the same words whichever format it came in.

/** What the file says about a bin besides ref and location. A missing key means "not given":
 * a new bin gets the default, an existing bin keeps its value. */
export interface BinFields {
  description?: string;
  binType?: string;
  volumeL?: number;
  department?: string;
  nextEmptyingAt?: string;
  active?: boolean;
}

export interface BinCandidate {
  /** Where a person finds the row: "line 3" (CSV, header = line 1) or "feature 2 (node/123)". */
  where: string;
  /** The city's own id (or `osm:node/123`): how a re-import recognises the bin. */
  ref: string;
  lat: number;
  lon: number;
  fields: BinFields;
  /** Empty for a good row. */
  problems: string[];
}

/** Values as the file spells them; undefined when the file has no such column or property. */
export type RawValue = string | number | boolean | null | undefined;
export interface RawBinValues {
  ref?: RawValue;
  lat?: RawValue;
  lon?: RawValue;
  description?: RawValue;
  type?: RawValue;
  volume_l?: RawValue;
  department?: RawValue;
  next_emptying?: RawValue;
  active?: RawValue;
}

export const DEFAULT_BIN_TYPE = 'Papierkorb';
const MAX_REF = 100;
const MAX_TEXT = 200;
const ACTIVE_WORDS = new Map([['1', true], ['true', true], ['yes', true], ['ja', true], ['0', false], ['false', false], ['no', false], ['nein', false]]);

function textOf(value: RawValue): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value.trim() : String(value);
}

/** Accepts `50.0012`; with `decimalComma` (files separated by `;`) also `50,0012`. */
export function parseCoordinate(value: RawValue, decimalComma: boolean): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  let text = textOf(value);
  if (decimalComma && /^[+-]?\d*,\d+$/.test(text)) text = text.replace(',', '.');
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : null;
}

const berlinParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Berlin',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

function berlinOffsetMs(utcMs: number): number {
  const p = Object.fromEntries(berlinParts.formatToParts(new Date(utcMs)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - (utcMs - (utcMs % 1000));
}

/** A wall-clock time in Mainz (written as if it were UTC) as the real UTC instant. */
function mainzWallClockToUtc(wallMs: number): number {
  const guess = wallMs - berlinOffsetMs(wallMs);
  return wallMs - berlinOffsetMs(guess);
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * `2026-11-23`, `2026-11-23T06:00`, `2026-11-23 06:00:00`, `2026-11-23T05:00:00Z`, `…+01:00`. A time
 * without a zone (and a bare date, meaning its midnight) is Mainz local time, as the city's schedule is.
 */
export function parseEmptyingTime(value: RawValue): string | null {
  const m = ISO_DATE_TIME.exec(textOf(value));
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0', zone] = m;
  const wall = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, Number(ms.padEnd(3, '0')));
  const back = new Date(wall);
  // Date.UTC rolls 2026-02-30 over into March; a round trip catches impossible dates and times.
  const asWritten = [+y!, +mo! - 1, +d!, +h, +mi];
  const asRead = [back.getUTCFullYear(), back.getUTCMonth(), back.getUTCDate(), back.getUTCHours(), back.getUTCMinutes()];
  if (asRead.some((value, i) => value !== asWritten[i])) return null;
  if (!zone) return new Date(mainzWallClockToUtc(wall)).toISOString();
  if (zone.toUpperCase() === 'Z') return back.toISOString();
  const [, sign, zh, zm] = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  const offset = (+zh! * 60 + +zm!) * 60_000 * (sign === '-' ? -1 : 1);
  return new Date(wall - offset).toISOString();
}

export interface CandidateOptions {
  /** Files separated by `;` may write lat/lon with a decimal comma. */
  decimalComma: boolean;
  /** Set by readers whose location comes from a geometry rather than lat/lon values; null when
   * the geometry was unusable (the reader has said why). */
  location?: { lat: number; lon: number } | null;
}

/** Checks every value of one row; all problems of the row are collected, not just the first. */
export function candidateFromValues(where: string, raw: RawBinValues, options: CandidateOptions): BinCandidate {
  const problems: string[] = [];
  const fields: BinFields = {};
  const ref = textOf(raw.ref);
  if (!ref) problems.push('ref is missing');
  else if (ref.length > MAX_REF) problems.push(`ref is longer than ${MAX_REF} characters`);

  const coordinate = (name: 'lat' | 'lon', limit: number): number => {
    if (options.location === null) return Number.NaN;
    const value = options.location ? options.location[name] : parseCoordinate(raw[name], options.decimalComma);
    const text = textOf(raw[name]);
    const hint = !options.decimalComma && text.includes(',') ? ' (use a decimal point, or separate the file with ;)' : '';
    if (value === null) problems.push(text ? `${name} "${text}" is not a number${hint}` : `${name} is missing`);
    else if (Math.abs(value) > limit) problems.push(`${name} ${value} is out of range (-${limit} to ${limit})`);
    return value ?? Number.NaN;
  };
  const lat = coordinate('lat', 90);
  const lon = coordinate('lon', 180);

  const description = textOf(raw.description);
  if (description.length > MAX_TEXT) problems.push(`description is longer than ${MAX_TEXT} characters`);
  else if (description) fields.description = description;

  const binType = textOf(raw.type);
  if (binType.length > MAX_TEXT) problems.push(`type is longer than ${MAX_TEXT} characters`);
  else if (binType) fields.binType = binType;

  const volume = textOf(raw.volume_l);
  if (volume && (!/^\d+$/.test(volume) || Number(volume) < 1 || Number(volume) > 100_000)) {
    problems.push(`volume_l "${volume}" is not a whole number of litres`);
  } else if (volume) fields.volumeL = Number(volume);

  const department = textOf(raw.department).toLowerCase();
  if (department) fields.department = department;

  const emptying = textOf(raw.next_emptying);
  if (emptying) {
    const at = parseEmptyingTime(emptying);
    if (at === null) problems.push(`next_emptying "${emptying}" is not an ISO date or date-time (like 2026-11-23 or 2026-11-23T06:00)`);
    else fields.nextEmptyingAt = at;
  }

  const active = raw.active === true || raw.active === false ? String(Number(raw.active)) : textOf(raw.active).toLowerCase();
  if (active) {
    const flag = ACTIVE_WORDS.get(active);
    if (flag === undefined) problems.push(`active "${active}" is not 1 or 0`);
    else fields.active = flag;
  }
  return { where, ref, lat, lon, fields, problems };
}
