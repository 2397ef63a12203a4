// The two address files a city has: an OpenStreetMap export of addr:* features (GeoJSON, from
// overpass-turbo or osmtogeojson) and the official house coordinates HK-DE (semicolon text with the
// coordinates in ETRS89/UTM). Both are read completely before anything is written: a file with a
// broken row is refused with one line per problem (the first MAX_PROBLEMS of them), never half imported.
// Features that are not addresses (a building without a number, a way of addr:interpolation) are
// skipped and counted, since every real OSM export has them.
import { parseCsv } from './bin-csv.ts';
import { labelPoint, type AreaGeometry } from './geo.ts';
import { utmToLonLat } from './utm.ts';

export interface AddressRecord {
  street: string;
  houseNumber: string;
  postcode: string | null;
  city: string | null;
  lat: number;
  lon: number;
}

export interface AddressFileReading {
  format: 'osm' | 'hk-de';
  addresses: AddressRecord[];
  /** Features or rows left out, with why ("12 without addr:street"). */
  skipped: string[];
}

export class AddressFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const MAX_PROBLEMS = 20;
/** Longer than any German street name or house number; longer ones are not addresses. */
const STREET_MAX = 120;
const NUMBER_MAX = 20;

function refuseIf(problems: string[]): void {
  if (!problems.length) return;
  const shown = problems.slice(0, MAX_PROBLEMS);
  if (problems.length > MAX_PROBLEMS) shown.push(`… and ${problems.length - MAX_PROBLEMS} more problems`);
  throw new AddressFileError(shown);
}

const clean = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : typeof v === 'number' ? String(v) : '');

/** OSM JSON or the HK-DE text, told apart by their first character. */
export function readAddressFile(text: string): AddressFileReading {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (!body.trim()) throw new AddressFileError(['the file is empty']);
  return /^\s*[{[]/.test(body) ? readOsmGeoJson(body) : readHkDe(body);
}

// ── OpenStreetMap ────────────────────────────────────────────────────────────

const inRange = (lon: unknown, lat: unknown): lon is number =>
  typeof lon === 'number' && typeof lat === 'number' && Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;

/** A point for a Point, or a point inside a Polygon/MultiPolygon (a building); a string says why not. */
function pointOfGeometry(geometry: unknown): { lat: number; lon: number } | string {
  if (!geometry || typeof geometry !== 'object') return 'has no geometry';
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type === 'Point') {
    const [lon, lat] = Array.isArray(coordinates) ? (coordinates as unknown[]) : [];
    return inRange(lon, lat) ? { lon, lat: lat as number } : 'coordinates are not a [longitude, latitude] pair in degrees (projected coordinates?)';
  }
  if (type === 'Polygon' || type === 'MultiPolygon') {
    const rings = (type === 'Polygon' ? [coordinates] : Array.isArray(coordinates) ? coordinates : []) as unknown[];
    const positions = rings.flatMap((polygon) => (Array.isArray(polygon) ? polygon : [])).flatMap((ring) => (Array.isArray(ring) ? ring : [])) as unknown[];
    if (!positions.length || !positions.every((p) => Array.isArray(p) && inRange(p[0], p[1]))) return 'coordinates are not [longitude, latitude] pairs in degrees (projected coordinates?)';
    const shells = rings.every((polygon) => Array.isArray(polygon) && Array.isArray(polygon[0]) && (polygon[0] as unknown[]).length >= 4);
    if (!shells) return 'a ring has fewer than 4 positions';
    return labelPoint({ type, coordinates } as AreaGeometry);
  }
  return `geometry type ${String(type)}`;
}

function readOsmGeoJson(text: string): AddressFileReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new AddressFileError([`not valid JSON (${(err as Error).message})`]);
  }
  const features = (data as { type?: unknown; features?: unknown }).features;
  if ((data as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray(features)) throw new AddressFileError(['not a GeoJSON FeatureCollection']);
  const problems: string[] = [];
  const skips = new Map<string, number>();
  const skip = (why: string) => skips.set(why, (skips.get(why) ?? 0) + 1);
  const addresses: AddressRecord[] = [];
  features.forEach((feature: unknown, index) => {
    const f = (feature ?? {}) as { properties?: unknown; geometry?: unknown };
    const props = (f.properties && typeof f.properties === 'object' ? f.properties : {}) as Record<string, unknown>;
    // overpass-turbo writes the tags flat; older exports nest them under "tags".
    const tags = (props.tags && typeof props.tags === 'object' ? props.tags : props) as Record<string, unknown>;
    const number = clean(tags['addr:housenumber']);
    // Addresses without a street name ("Am Markt 3" in some villages) carry addr:place instead.
    const street = clean(tags['addr:street']) || clean(tags['addr:place']);
    if (!number) return skip('without addr:housenumber');
    if (!street) return skip('without addr:street or addr:place');
    const where = `feature ${index + 1} ("${street} ${number}")`;
    if (street.length > STREET_MAX || number.length > NUMBER_MAX) return void problems.push(`${where}: street or house number is too long`);
    const point = pointOfGeometry(f.geometry);
    if (typeof point === 'string') {
      if (point.startsWith('geometry type')) return skip(`with ${point} (export nodes and buildings, or ways as their centre)`);
      return void problems.push(`${where}: ${point}`);
    }
    const postcode = clean(tags['addr:postcode']);
    if (postcode && !/^\d{5}$/.test(postcode)) return void problems.push(`${where}: addr:postcode "${postcode}" is not five digits`);
    // "12;14" (one building, two numbers) becomes two addresses at the same point.
    for (const n of number.split(/\s*[;,]\s*/).filter(Boolean)) addresses.push({ street, houseNumber: n, postcode: postcode || null, city: clean(tags['addr:city']) || null, ...point });
  });
  refuseIf(problems);
  if (!addresses.length) throw new AddressFileError([`no feature has addr:street and addr:housenumber (${features.length} features read)`]);
  return { format: 'osm', addresses, skipped: [...skips].map(([why, n]) => `${n} ${n === 1 ? 'feature' : 'features'} ${why}`) };
}

// ── HK-DE ────────────────────────────────────────────────────────────────────

// The 18 fields of the HK-DE format (Datenformatbeschreibung Hauskoordinaten Deutschland, AdV/ZSHH):
// NBA;OI;QUA;LAN;RBZ;KRS;GMD;OTT;SSS;HNR;ADZ;EAST;NORTH;STN;PLZ;ONM;ZON;POT. The east value carries the
// zone in front (32447969,943 is zone 32, 447969.943 m); the numbers have a decimal comma.
const HKDE_FIELDS = ['NBA', 'OI', 'QUA', 'LAN', 'RBZ', 'KRS', 'GMD', 'OTT', 'SSS', 'HNR', 'ADZ', 'EAST', 'NORTH', 'STN', 'PLZ', 'ONM', 'ZON', 'POT'] as const;
const COLUMN_NAMES: Record<string, (typeof HKDE_FIELDS)[number]> = { OST: 'EAST', OSTWERT: 'EAST', RECHTSWERT: 'EAST', NORD: 'NORTH', NORDWERT: 'NORTH', HOCHWERT: 'NORTH' };

const number = (text: string) => (/^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : NaN);

/** East value (with or without its zone in front) and north value to longitude/latitude, or why not. */
export function hkDePoint(eastText: string, northText: string): { lon: number; lat: number } | string {
  let east = number(eastText);
  const north = number(northText);
  if (!Number.isFinite(east) || !Number.isFinite(north)) return `coordinates "${eastText}", "${northText}" are not numbers`;
  let zone = 32;
  if (east >= 1_000_000) {
    zone = Math.floor(east / 1_000_000);
    east -= zone * 1_000_000;
  }
  // Germany lies in zones 32 and 33; the EPSG:25832 files of a city in zone 32 may run into 33's area.
  if (zone < 31 || zone > 33) return `east value "${eastText}" names UTM zone ${zone}, not Germany's 32 (or 31, 33)`;
  if (east < 100_000 || east > 900_000 || north < 5_000_000 || north > 6_200_000) return `coordinates "${eastText}", "${northText}" are not ETRS89/UTM (EPSG:25832) metres in Germany`;
  const p = utmToLonLat(east, north, zone);
  return { lon: Math.round(p.lon * 1e7) / 1e7, lat: Math.round(p.lat * 1e7) / 1e7 };
}

function readHkDe(text: string): AddressFileReading {
  const table = parseCsv(text);
  if (table.separator !== ';') throw new AddressFileError(['not an HK-DE file: its fields are not separated by ";" (and it is not GeoJSON either)']);
  // Official files have no header; a file prepared by hand may name the fields.
  const headerNames = table.header.map((h) => COLUMN_NAMES[h.toUpperCase()] ?? h.toUpperCase());
  const hasHeader = ['HNR', 'STN'].every((name) => headerNames.includes(name));
  const index = (field: (typeof HKDE_FIELDS)[number]) => (hasHeader ? headerNames.indexOf(field) : HKDE_FIELDS.indexOf(field));
  if (hasHeader) {
    const missing = ['HNR', 'STN', 'EAST', 'NORTH'].filter((f) => !headerNames.includes(f));
    if (missing.length) throw new AddressFileError([`line ${table.headerLine}: the header lacks ${missing.join(', ')}`]);
  }
  const records = hasHeader ? table.records : [{ line: table.headerLine, cells: table.header }, ...table.records];
  const problems: string[] = [];
  const addresses: AddressRecord[] = [];
  let deletions = 0;
  for (const { line, cells } of records) {
    if (!hasHeader && cells.length !== HKDE_FIELDS.length) {
      problems.push(`line ${line}: ${cells.length} fields, HK-DE has ${HKDE_FIELDS.length} (NBA;OI;QUA;…;HNR;ADZ;EAST;NORTH;STN;PLZ;ONM;ZON;POT)`);
      continue;
    }
    const cell = (field: (typeof HKDE_FIELDS)[number]) => {
      const i = index(field);
      return i >= 0 ? (cells[i] ?? '').trim() : '';
    };
    // NBA "L": a record the cadastre deleted (update deliveries).
    if (cell('NBA').toUpperCase() === 'L') {
      deletions++;
      continue;
    }
    const street = cell('STN');
    const houseNumber = `${cell('HNR')}${cell('ADZ')}`;
    if (!street || !cell('HNR')) {
      problems.push(`line ${line}: street (STN) or house number (HNR) is empty`);
      continue;
    }
    if (street.length > STREET_MAX || houseNumber.length > NUMBER_MAX) {
      problems.push(`line ${line}: street or house number is too long`);
      continue;
    }
    const point = hkDePoint(cell('EAST'), cell('NORTH'));
    if (typeof point === 'string') {
      problems.push(`line ${line}: ${point}`);
      continue;
    }
    const postcode = cell('PLZ');
    if (postcode && !/^\d{5}$/.test(postcode)) {
      problems.push(`line ${line}: postcode (PLZ) "${postcode}" is not five digits`);
      continue;
    }
    addresses.push({ street, houseNumber, postcode: postcode || null, city: cell('ONM') || null, ...point });
  }
  refuseIf(problems);
  if (!addresses.length) throw new AddressFileError(['the file holds no addresses']);
  return { format: 'hk-de', addresses, skipped: deletions ? [`${deletions} records marked as deleted (NBA "L")`] : [] };
}
