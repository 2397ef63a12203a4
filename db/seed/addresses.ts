// Demo addresses for the demo streets (db/seed/places.ts), so that the embedded geocoder has something
// to find in a fresh installation. MADE UP: the streets exist in Mainz, but the house positions are laid
// out along a straight line inside the demo's approximate district geometry, and the postcodes are the
// districts' main ones. They are stored with source 'demo'; `npm run import -- addresses FILE` replaces
// them with the city's real addresses.
import { bboxOf, geometryContains, type AreaGeometry } from '../../domain/geo.ts';
import type { AddressRecord } from '../../domain/address-files.ts';
import { streetsByDistrict } from './places.ts';

export const DEMO_HOUSES_PER_STREET = 30;

/** Each district's main postcode (demo: several districts have more than one). */
const POSTCODES: Record<string, string> = {
  Altstadt: '55116', Neustadt: '55118', Oberstadt: '55131', 'Hartenberg-Münchfeld': '55122', Mombach: '55120', Gonsenheim: '55124', Finthen: '55126',
  Drais: '55127', Lerchenberg: '55127', Bretzenheim: '55128', Marienborn: '55127', Hechtsheim: '55129', Ebersheim: '55129', Laubenheim: '55130', Weisenau: '55130',
};

/** Streets of the demo besides the bins' places: the ones the issue's examples name, and a second Kirchstraße (one name, two districts). */
const EXTRA_STREETS: Record<string, string[]> = { Altstadt: ['Rheinstraße', 'Große Bleiche'], Marienborn: ['Kirchstraße'] };

/** Places in streetsByDistrict that are streets with house numbers ("Breite Straße", not "Stadtpark"). */
const isStreet = (name: string) => !name.includes(',') && /(straße|platz|ring|weg|wall|hof|garten|terrassen|quelle|berg|wingert)$/i.test(name) && !/^(Sportplatz|Bahnhof|Rheinufer)/.test(name);

/**
 * For each demo street: houses 1 to DEMO_HOUSES_PER_STREET along a line of about 400 m through a
 * random point of the district, odd numbers on one side and even on the other, 12a after 12 now and
 * then. Houses that would fall outside the district are left out.
 */
export function makeDemoAddresses(districts: { name: string; geometry: AreaGeometry }[], random: () => number): AddressRecord[] {
  const out: AddressRecord[] = [];
  for (const district of districts) {
    const streets = [...(streetsByDistrict[district.name] ?? []).filter(isStreet), ...(EXTRA_STREETS[district.name] ?? [])];
    const box = bboxOf(district.geometry);
    for (const street of streets) {
      let start = { lon: 0, lat: 0 };
      do start = { lon: box.minLon + random() * (box.maxLon - box.minLon), lat: box.minLat + random() * (box.maxLat - box.minLat) };
      while (!geometryContains(start, district.geometry));
      const angle = random() * Math.PI;
      // Metres to degrees at Mainz's latitude.
      const east = (m: number) => m / (111_320 * Math.cos((50 * Math.PI) / 180));
      const north = (m: number) => m / 111_320;
      const along = { x: Math.cos(angle), y: Math.sin(angle) };
      for (let n = 1; n <= DEMO_HOUSES_PER_STREET; n++) {
        const d = Math.floor((n - 1) / 2) * 28;
        const side = n % 2 ? 12 : -12;
        const house = (number: string, extra: number) => {
          const point = {
            lon: Math.round((start.lon + east(along.x * (d + extra) - along.y * side)) * 1e7) / 1e7,
            lat: Math.round((start.lat + north(along.y * (d + extra) + along.x * side)) * 1e7) / 1e7,
          };
          if (geometryContains(point, district.geometry)) out.push({ street, houseNumber: number, postcode: POSTCODES[district.name] ?? null, city: 'Mainz', ...point });
        };
        house(String(n), 0);
        if (random() < 0.1) house(`${n}a`, 10);
      }
    }
  }
  return out;
}
