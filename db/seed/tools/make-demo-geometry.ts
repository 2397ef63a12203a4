// Generates the approximate Mainz demo geometry committed in db/seed/*.geojson: a hand-drawn city
// boundary along the Rhine and one Voronoi cell per Ortsbezirk around its approximate centre.
// It is demo geometry, not official borders; the files say so in their properties.
// Run: npx tsx db/seed/tools/make-demo-geometry.ts
import { writeFileSync } from 'node:fs';
import type { Position, Ring } from '../../../domain/geo.ts';
import { parseNamedAreas } from '../../../domain/geojson.ts';

const boundary: Ring = [
  [8.335, 49.945], [8.318, 49.962], [8.305, 49.983], [8.291, 49.994], [8.283, 50.001], [8.272, 50.013],
  [8.255, 50.022], [8.236, 50.028], [8.205, 50.031], [8.183, 50.022], [8.160, 50.004], [8.136, 49.987],
  [8.142, 49.968], [8.163, 49.953], [8.190, 49.948], [8.212, 49.947], [8.238, 49.932], [8.254, 49.910],
  [8.278, 49.899], [8.304, 49.912], [8.322, 49.929], [8.335, 49.945],
];

const centres: Array<[string, number, number]> = [
  ['Altstadt', 8.274, 49.997], ['Neustadt', 8.258, 50.008], ['Oberstadt', 8.262, 49.987],
  ['Hartenberg-Münchfeld', 8.240, 50.000], ['Mombach', 8.225, 50.018], ['Gonsenheim', 8.203, 50.008],
  ['Finthen', 8.163, 49.983], ['Drais', 8.190, 49.987], ['Lerchenberg', 8.188, 49.962],
  ['Bretzenheim', 8.235, 49.982], ['Marienborn', 8.215, 49.965], ['Hechtsheim', 8.268, 49.955],
  ['Ebersheim', 8.280, 49.918], ['Laubenheim', 8.312, 49.945], ['Weisenau', 8.295, 49.976],
];

const K = Math.cos((50 * Math.PI) / 180); // one degree of longitude is shorter than one of latitude here

/** Sutherland–Hodgman against the half-plane of points nearer to a than to b. */
function clipNearer(ring: Position[], a: Position, b: Position): Position[] {
  const side = (p: Position) =>
    (p[0] - (a[0] + b[0]) / 2) * (b[0] - a[0]) * K * K + (p[1] - (a[1] + b[1]) / 2) * (b[1] - a[1]);
  const out: Position[] = [];
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % ring.length]!;
    const sp = side(p);
    const sq = side(q);
    if (sp <= 0) out.push(p);
    if ((sp < 0 && sq > 0) || (sp > 0 && sq < 0)) {
      const t = sp / (sp - sq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

const round = (p: Position): Position => [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];
const close = (ring: Position[]): Ring => {
  const r = ring.map(round).filter((p, i, all) => i === 0 || p[0] !== all[i - 1]![0] || p[1] !== all[i - 1]![1]);
  return [...r, r[0]!];
};

const features = centres.map(([name, lon, lat]) => {
  let cell: Position[] = boundary.slice(0, -1);
  for (const [other, olon, olat] of centres) if (other !== name) cell = clipNearer(cell, [lon, lat], [olon, olat]);
  return {
    type: 'Feature',
    properties: { name, approximate: true, source: 'Stadtmelder demo geometry (Voronoi cells), not official' },
    geometry: { type: 'Polygon', coordinates: [close(cell)] },
  };
});

const districts = JSON.stringify({ type: 'FeatureCollection', features }, null, 1);
const city = JSON.stringify(
  {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { name: 'Mainz', approximate: true, source: 'Stadtmelder demo geometry, not official' },
        geometry: { type: 'Polygon', coordinates: [boundary] },
      },
    ],
  },
  null,
  1,
);
// Refuse to write geometry that the importer would refuse.
parseNamedAreas(districts, 'name');
parseNamedAreas(city, 'name');
writeFileSync(new URL('../mainz-districts.geojson', import.meta.url), districts + '\n');
writeFileSync(new URL('../mainz-boundary.geojson', import.meta.url), city + '\n');
console.log(`wrote ${features.length} districts and the boundary`);
