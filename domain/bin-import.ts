// From the text of a bin file to checked candidate rows, without a database: the file is read (CSV
// or GeoJSON, told apart by its first character), refs repeated within the file are marked, and
// checkBinCandidates adds what needs the city's data (boundary, department slugs).
import { CsvError, parseCsv } from './bin-csv.ts';
import { BinFileError, type BinFileReading } from './bin-file.ts';
import { readBinGeoJson } from './bin-geojson.ts';
import { candidateFromValues, type BinCandidate, type RawBinValues } from './bin-values.ts';
import { isInsideCity, type RoutingTable } from './routing.ts';

export { BinFileError, type BinFileReading } from './bin-file.ts';
export type { BinCandidate, BinFields } from './bin-values.ts';

/** Column names as they may appear in the header (any case) and the value each one is. */
const COLUMNS = new Map<string, keyof RawBinValues>([
  ['ref', 'ref'],
  ['lat', 'lat'],
  ['latitude', 'lat'],
  ['lon', 'lon'],
  ['lng', 'lon'],
  ['longitude', 'lon'],
  ['description', 'description'],
  ['type', 'type'],
  ['bin_type', 'type'],
  ['volume_l', 'volume_l'],
  ['department', 'department'],
  ['next_emptying', 'next_emptying'],
  ['next_emptying_at', 'next_emptying'],
  ['active', 'active'],
]);
const REQUIRED_COLUMNS = ['ref', 'lat', 'lon'] as const;

function columnsOf(header: string[], headerLine: number): { columns: Map<keyof RawBinValues, number>; warnings: string[] } {
  const columns = new Map<keyof RawBinValues, number>();
  const warnings: string[] = [];
  const problems: string[] = [];
  header.forEach((name, index) => {
    const key = COLUMNS.get(name.toLowerCase());
    if (!key) warnings.push(`header (line ${headerLine}): column ${name ? `"${name}"` : index + 1} is not used`);
    else if (columns.has(key)) problems.push(`header (line ${headerLine}): column "${name}" repeats column "${header[columns.get(key)!]}"`);
    else columns.set(key, index);
  });
  for (const key of REQUIRED_COLUMNS) {
    if (!columns.has(key)) problems.push(`header (line ${headerLine}): column "${key}" is missing (the header has: ${header.join(', ')})`);
  }
  if (problems.length) throw new BinFileError(problems);
  return { columns, warnings };
}

export function readBinCsv(text: string): BinFileReading {
  let table;
  try {
    table = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) throw new BinFileError([err.message]);
    throw err;
  }
  const { columns, warnings } = columnsOf(table.header, table.headerLine);
  if (table.records.length === 0) throw new BinFileError(['the file has no rows below the header']);
  const decimalComma = table.separator === ';';
  const width = table.header.length;
  const candidates = table.records.map((record) => {
    const raw: RawBinValues = {};
    for (const [key, index] of columns) raw[key] = record.cells[index] ?? '';
    const candidate = candidateFromValues(`line ${record.line}`, raw, { decimalComma });
    // Trailing empty cells are what some spreadsheets write; more values than columns mean a shifted row.
    if (record.cells.slice(width).some((cell) => cell !== '')) {
      const hint = decimalComma ? '' : ' (is there an unquoted decimal comma?)';
      candidate.problems.unshift(`has ${record.cells.length} fields but the header has ${width}${hint}`);
    }
    return candidate;
  });
  return { candidates, warnings };
}

/** The second and later rows with the same ref are bad: one bin cannot be in a file twice. */
function markRepeatedRefs(candidates: BinCandidate[]): BinCandidate[] {
  const firstWhere = new Map<string, string>();
  return candidates.map((c) => {
    if (!c.ref) return c;
    const first = firstWhere.get(c.ref);
    if (first === undefined) {
      firstWhere.set(c.ref, c.where);
      return c;
    }
    return { ...c, problems: [...c.problems, `ref "${c.ref}" is a duplicate (first in ${first})`] };
  });
}

export function readBinFile(text: string): BinFileReading {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const reading = /^\s*[{[]/.test(body) ? readBinGeoJson(body) : readBinCsv(body);
  return { ...reading, candidates: markRepeatedRefs(reading.candidates) };
}

export interface BinCheckContext {
  boundary: RoutingTable['boundary'];
  departmentSlugs: readonly string[];
}

/** Adds the problems that need the city's data; a returned candidate with no problems can be imported. */
export function checkBinCandidates(candidates: BinCandidate[], context: BinCheckContext): BinCandidate[] {
  return candidates.map((c) => {
    const problems = [...c.problems];
    if (Number.isFinite(c.lat) && Number.isFinite(c.lon) && !isInsideCity({ lat: c.lat, lon: c.lon }, context)) {
      const swapped = isInsideCity({ lat: c.lon, lon: c.lat }, context) ? '; are lat and lon swapped?' : '';
      problems.push(`lat ${c.lat}, lon ${c.lon} is outside the city boundary${swapped}`);
    }
    const slug = c.fields.department;
    if (slug !== undefined && !context.departmentSlugs.includes(slug)) {
      problems.push(`department "${slug}" is unknown (known: ${context.departmentSlugs.join(', ')})`);
    }
    return problems.length === c.problems.length ? c : { ...c, problems };
  });
}

export function isGoodCandidate(c: BinCandidate): boolean {
  return c.problems.length === 0;
}
