// A small server-rendered map of a bin: its district and the neighbouring ones, and a dot where the
// bin stands. No tiles and no script (the bin page is not a map page, so its CSP stays strict);
// the coordinates and the geo: link next to it say the same in words.
import { bboxOf, polygonsOf, type AreaGeometry, type Point } from '../../../domain/geo.ts';
import type { Page } from '../page.ts';

export interface MiniMapDistrict {
  id: number;
  name: string;
  geometry: AreaGeometry;
}

const WIDTH = 320;

export function BinMiniMap({ page, point, districts, districtId }: { page: Page; point: Point; districts: MiniMapDistrict[]; districtId: number | null }) {
  const own = districts.find((d) => d.id === districtId);
  // The bin's district with a margin, or 1.5 km around the bin when it is in none.
  const box = own ? bboxOf(own.geometry) : { minLon: point.lon - 0.02, maxLon: point.lon + 0.02, minLat: point.lat - 0.013, maxLat: point.lat + 0.013 };
  const k = Math.cos((((box.minLat + box.maxLat) / 2) * Math.PI) / 180);
  const margin = Math.max((box.maxLon - box.minLon) * k, box.maxLat - box.minLat) * 0.1;
  const minLon = box.minLon - margin / k;
  const maxLat = box.maxLat + margin;
  const scale = WIDTH / ((box.maxLon - box.minLon) * k + 2 * margin);
  const height = Math.ceil((box.maxLat - box.minLat + 2 * margin) * scale);
  const x = (lon: number) => ((lon - minLon) * k * scale).toFixed(1);
  const y = (lat: number) => ((maxLat - lat) * scale).toFixed(1);
  const path = (g: AreaGeometry) =>
    polygonsOf(g)
      .flatMap((rings) => rings.map((ring) => 'M' + ring.map(([lon, lat]) => `${x(lon)} ${y(lat)}`).join('L') + 'Z'))
      .join('');
  const label = page.t('staff.bins.mapLabel', { district: own?.name ?? '–' });
  return (
    <figure class="bins-minimap">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby="bin-map-title">
        <title id="bin-map-title">{label}</title>
        {districts.map((d) => (
          <path d={path(d.geometry)} class={d.id === districtId ? 'bins-map-own' : 'bins-map-other'} fill-rule="evenodd" />
        ))}
        <circle cx={x(point.lon)} cy={y(point.lat)} r="7" class="bins-map-dot" />
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}
