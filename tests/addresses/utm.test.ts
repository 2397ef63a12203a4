// The UTM inverse against reference points computed independently of this code: with PROJ 9.1.1
// (Debian's proj-bin), which implements the extended transverse Mercator of Poder and Engsager, by
//   printf "LON LAT\n" | cs2cs -f "%.4f" +proj=longlat +ellps=GRS80 +to +proj=utm +zone=32 +ellps=GRS80
// and checked against `cs2cs EPSG:4326 EPSG:25832` (same values). The points span Germany within and
// beyond zone 32 (Aachen's west at 6° E to Passau's east at 13° E), so an error that grows away from
// the central meridian would show.
import { describe, expect, it } from 'vitest';
import { distanceMeters } from '../../domain/geo.ts';
import { utmToLonLat } from '../../domain/utm.ts';

const REFERENCE: Array<{ name: string; lon: number; lat: number; easting: number; northing: number }> = [
  { name: 'Mainz, near the cathedral', lon: 8.274, lat: 50.0, easting: 447969.9435, northing: 5538883.2269 },
  { name: 'Mainz, west of the old town', lon: 8.2473, lat: 50.0012, easting: 446057.8029, northing: 5539035.5625 },
  { name: 'the central meridian (9° E)', lon: 9.0, lat: 50.0, easting: 500000.0, northing: 5538630.7027 },
  { name: 'near Aachen, 3° west of it', lon: 6.0, lat: 51.0, easting: 289511.143, northing: 5654109.1786 },
  { name: 'near Bad Reichenhall, 3° east of it', lon: 12.0, lat: 47.5, easting: 725931.392, northing: 5265092.549 },
  { name: 'near Flensburg', lon: 9.43, lat: 54.78, easting: 527656.6798, northing: 6070395.2701 },
  { name: 'near Passau, 4° east (zone 33 in use there)', lon: 13.0, lat: 48.0, easting: 798356.8177, northing: 5324045.7861 },
];

describe('UTM zone 32N (EPSG:25832) to WGS 84', () => {
  it.each(REFERENCE)('$name is within a centimetre of PROJ', ({ lon, lat, easting, northing }) => {
    const got = utmToLonLat(easting, northing, 32);
    // A centimetre, far inside the 1 m the house coordinates need; a wrong constant or a missing
    // series term shows as metres.
    expect(distanceMeters(got, { lon, lat })).toBeLessThan(0.01);
    expect(Math.abs(got.lon - lon)).toBeLessThan(1e-6);
    expect(Math.abs(got.lat - lat)).toBeLessThan(1e-6);
  });

  it('a wrong zone lands 6° away, so the zone matters', () => {
    const got = utmToLonLat(447969.9435, 5538883.2269, 33);
    expect(got.lon).toBeCloseTo(14.274, 3);
  });
});
