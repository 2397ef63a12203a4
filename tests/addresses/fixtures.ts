// Address files as a city has them: an overpass-turbo export of addr:* features and HK-DE lines. The
// HK-DE coordinates were computed from the longitude/latitude given here with PROJ (cs2cs, +proj=utm
// +zone=32 +ellps=GRS80; see tests/addresses/utm.test.ts), so an import must land within a metre of them.

export const HKDE_PLACES = [
  { street: 'Große Bleiche', number: '12', addition: '', postcode: '55116', lon: 8.2652, lat: 50.0014, east: '32447340,811', north: '5539045,042' },
  { street: 'Große Bleiche', number: '12', addition: 'a', postcode: '55116', lon: 8.2671, lat: 50.0022, east: '32447477,845', north: '5539132,652' },
  { street: 'Breite Straße', number: '20', addition: '', postcode: '55124', lon: 8.2269, lat: 50.0178, east: '32444614,934', north: '5540896,113' },
];

/** One HK-DE line: NBA;OI;QUA;LAN;RBZ;KRS;GMD;OTT;SSS;HNR;ADZ;EAST;NORTH;STN;PLZ;ONM;ZON;POT. */
export function hkDeLine(p: { street: string; number: string; addition: string; postcode: string; east: string; north: string }, nba = 'N'): string {
  return [nba, 'DERP12345678ABCD', 'A', '07', '3', '15', '000', '0001', '01234', p.number, p.addition, p.east, p.north, p.street, p.postcode, 'Mainz', '', 'Altstadt'].join(';');
}

export const hkDeFile = (lines = HKDE_PLACES.map((p) => hkDeLine(p))) => lines.join('\r\n') + '\r\n';

const point = (lon: number, lat: number, tags: Record<string, string>, id: string) => ({ type: 'Feature', id, properties: { '@id': id, ...tags }, geometry: { type: 'Point', coordinates: [lon, lat] } });

export function osmExport(extra: unknown[] = []) {
  return {
    type: 'FeatureCollection',
    generator: 'overpass-turbo',
    features: [
      point(8.2652, 50.0014, { 'addr:street': 'Große Bleiche', 'addr:housenumber': '12', 'addr:postcode': '55116', 'addr:city': 'Mainz' }, 'node/1'),
      point(8.2671, 50.0022, { 'addr:street': 'Große Bleiche', 'addr:housenumber': '12a', 'addr:postcode': '55116', 'addr:city': 'Mainz' }, 'node/2'),
      // A building: its address lands inside it.
      {
        type: 'Feature',
        id: 'way/3',
        properties: { '@id': 'way/3', building: 'yes', 'addr:street': 'Breite Straße', 'addr:housenumber': '20', 'addr:postcode': '55124', 'addr:city': 'Mainz' },
        geometry: { type: 'Polygon', coordinates: [[[8.2268, 50.0177], [8.227, 50.0177], [8.227, 50.0179], [8.2268, 50.0179], [8.2268, 50.0177]]] },
      },
      // Older exports nest the tags.
      { type: 'Feature', properties: { type: 'node', id: 4, tags: { 'addr:street': 'Kaiser-Wilhelm-Ring', 'addr:housenumber': '5', 'addr:postcode': '55118' } }, geometry: { type: 'Point', coordinates: [8.2601, 50.0071] } },
      // Not addresses: a building without a number, an interpolation line.
      { type: 'Feature', properties: { building: 'yes' }, geometry: { type: 'Polygon', coordinates: [[[8.2, 50], [8.201, 50], [8.201, 50.001], [8.2, 50]]] } },
      { type: 'Feature', properties: { 'addr:interpolation': 'even', 'addr:street': 'Rheinstraße', 'addr:housenumber': '2' }, geometry: { type: 'LineString', coordinates: [[8.27, 50], [8.271, 50.001]] } },
      ...extra,
    ],
  };
}
