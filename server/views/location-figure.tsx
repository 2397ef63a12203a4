// Where a report is, without a map library or tiles: its district's outline drawn on the server with a
// dot at the place. Every browser shows it, with or without JavaScript (the tiled map needs both).
import type { DistrictRow } from '../../db/districts.ts';
import type { Point } from '../../domain/geo.ts';
import { pathOf, projector } from './districts.tsx';
import type { Page } from './page.ts';

const WIDTH = 320;

export function LocationFigure({ page, district, point }: { page: Page; district: DistrictRow; point: Point }) {
  const { height, project } = projector([district.geometry], WIDTH);
  const [x, y] = project(point);
  return (
    <svg class="location-figure" viewBox={`-8 -8 ${WIDTH + 16} ${height + 16}`} role="img" aria-label={page.t('map.staticLabel', { district: district.name })}>
      <path d={pathOf(district.geometry, project)} class="location-district" fill-rule="evenodd" />
      <circle cx={x} cy={y} r="12" class="location-ring" />
      <circle cx={x} cy={y} r="5" class="location-dot" />
    </svg>
  );
}
