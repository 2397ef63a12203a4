// Bins from GeoJSON: a FeatureCollection of Points, either with the CSV column names as properties
// or an OpenStreetMap export of amenity=waste_basket nodes from overpass-turbo. Overpass writes the
// node id as "@id" (newer) or as "id" and the tags flat, or (older) type/id with the tags nested under
// "tags"; all of these are read.
import { BinFileError, type BinFileReading } from './bin-file.ts';
import { candidateFromValues, DEFAULT_BIN_TYPE, type BinCandidate, type RawBinValues, type RawValue } from './bin-values.ts';

export const DOG_BAG_BIN_TYPE = 'Papierkorb mit Hundekotbeutelspender';

type Properties = Record<string, unknown>;

const OSM_ID = /^(node|way|relation)\/\d+$/;

function osmIdOf(feature: { id?: unknown }, props: Properties): string | null {
  for (const id of [props['@id'], feature.id, props.id]) {
    if (typeof id === 'string' && OSM_ID.test(id)) return id;
  }
  if (typeof props.type === 'string' && typeof props.id === 'number' && OSM_ID.test(`${props.type}/${props.id}`)) return `${props.type}/${props.id}`;
  return null;
}

function raw(value: unknown): RawValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value) ? (value as RawValue) : JSON.stringify(value);
}

/** The [lon, lat] of a Point, or why there is none. */
function pointOf(geometry: unknown): { lat: number; lon: number } | string {
  if (!geometry || typeof geometry !== 'object') return 'has no geometry';
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type !== 'Point') return `geometry is not a Point (${String(type)}); export nodes, or ways as their centre`;
  if (!Array.isArray(coordinates) || coordinates.length < 2 || !coordinates.slice(0, 2).every((c) => typeof c === 'number' && Number.isFinite(c))) {
    return 'coordinates are not a [longitude, latitude] pair of numbers';
  }
  return { lon: coordinates[0] as number, lat: coordinates[1] as number };
}

function osmValues(osmId: string | null, tags: Properties): { values: RawBinValues; problems: string[] } {
  const problems: string[] = [];
  if (tags.amenity === undefined) problems.push('has no amenity=waste_basket tag');
  else if (tags.amenity !== 'waste_basket') problems.push(`amenity is ${JSON.stringify(tags.amenity)}, not "waste_basket"`);
  const vending = typeof tags.vending === 'string' ? tags.vending.split(';').map((v) => v.trim()) : [];
  const ref = raw(tags.ref);
  return {
    values: {
      ref: ref !== null && ref !== undefined && String(ref).trim() !== '' ? ref : osmId ? `osm:${osmId}` : undefined,
      description: raw(tags.description ?? tags.name),
      type: vending.includes('excrement_bags') ? DOG_BAG_BIN_TYPE : DEFAULT_BIN_TYPE,
    },
    problems,
  };
}

function plainValues(props: Properties): RawBinValues {
  return {
    ref: raw(props.ref),
    description: raw(props.description),
    type: raw(props.type ?? props.bin_type),
    volume_l: raw(props.volume_l),
    department: raw(props.department),
    next_emptying: raw(props.next_emptying ?? props.next_emptying_at),
    active: raw(props.active),
  };
}

function candidateFromFeature(feature: unknown, index: number): BinCandidate {
  if (!feature || typeof feature !== 'object' || (feature as { type?: unknown }).type !== 'Feature') {
    return { where: `feature ${index + 1}`, ref: '', lat: Number.NaN, lon: Number.NaN, fields: {}, problems: ['is not a GeoJSON Feature'] };
  }
  const f = feature as { id?: unknown; properties?: unknown; geometry?: unknown };
  const props: Properties = f.properties && typeof f.properties === 'object' ? (f.properties as Properties) : {};
  const osmId = osmIdOf(f, props);
  const tags = props.tags && typeof props.tags === 'object' ? (props.tags as Properties) : props;
  const isOsm = osmId !== null || 'amenity' in tags;
  const where = `feature ${index + 1}${osmId ? ` (${osmId})` : ''}`;

  const point = pointOf(f.geometry);
  const { values, problems } = isOsm ? osmValues(osmId, tags) : { values: plainValues(props), problems: [] };
  const candidate = candidateFromValues(where, values, { decimalComma: false, location: typeof point === 'string' ? null : point });
  if (typeof point === 'string') problems.push(point);
  return { ...candidate, problems: [...problems, ...candidate.problems] };
}

export function readBinGeoJson(text: string): BinFileReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new BinFileError([`not valid JSON: ${(err as Error).message}`]);
  }
  const collection = data as { type?: unknown; features?: unknown } | null;
  if (!collection || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new BinFileError(['not a GeoJSON FeatureCollection (expected "type": "FeatureCollection" with "features")']);
  }
  if (collection.features.length === 0) throw new BinFileError(['the FeatureCollection has no features']);
  return { candidates: collection.features.map(candidateFromFeature), warnings: [] };
}
