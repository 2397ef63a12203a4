// The districts as a server-rendered SVG: no tiles, no script, readable without a map library,
// and with a table beside it for people who cannot use the picture.
import type { DistrictRow } from '../../db/districts.ts';
import { bboxOf, labelPoint, polygonsOf, type AreaGeometry, type Point } from '../../domain/geo.ts';
import { Layout } from './layout.tsx';
import type { Page } from './page.ts';

export interface DistrictsData {
  boundary: AreaGeometry | null;
  districts: Array<DistrictRow & { bins: number }>;
}

const WIDTH = 640;

export function projector(geometries: AreaGeometry[], WIDTH = 640) {
  const boxes = geometries.map(bboxOf);
  const minLon = Math.min(...boxes.map((b) => b.minLon));
  const maxLon = Math.max(...boxes.map((b) => b.maxLon));
  const minLat = Math.min(...boxes.map((b) => b.minLat));
  const maxLat = Math.max(...boxes.map((b) => b.maxLat));
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = WIDTH / ((maxLon - minLon) * k);
  const height = Math.ceil((maxLat - minLat) * scale);
  const project = (p: Point) => [((p.lon - minLon) * k * scale).toFixed(1), ((maxLat - p.lat) * scale).toFixed(1)] as const;
  return { height, project };
}

export function pathOf(geometry: AreaGeometry, project: (p: Point) => readonly [string, string]): string {
  return polygonsOf(geometry)
    .flatMap((rings) => rings.map((ring) => 'M' + ring.map(([lon, lat]) => project({ lon, lat }).join(' ')).join('L') + 'Z'))
    .join('');
}

export function DistrictsPage({ page, data }: { page: Page; data: DistrictsData }) {
  const { t } = page;
  const geometries = data.boundary ? [data.boundary] : data.districts.map((d) => d.geometry);
  const { height, project } = projector(geometries.length ? geometries : [{ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 1], [0, 0]]] }]);
  const approximate = data.districts.some((d) => d.approximate);
  const mixed = approximate && data.districts.some((d) => !d.approximate);
  return (
    <Layout page={page} title={t('districts.title')}>
      <h1>{t('districts.title')}</h1>
      <p class="lead">{t('districts.lead', { count: data.districts.length })}</p>
      {approximate ? <p class="notice">{t('demo.geometry')}</p> : null}
      <figure class="district-map">
        <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby="district-map-title">
          <title id="district-map-title">{t('districts.mapLabel')}</title>
          {data.districts.map((d, i) => (
            <path d={pathOf(d.geometry, project)} class={`district d${i % 5}`} fill-rule="evenodd" />
          ))}
          {data.boundary ? <path d={pathOf(data.boundary, project)} class="boundary" /> : null}
          {data.districts.map((d) => {
            const [x, y] = project(labelPoint(d.geometry));
            return (
              <text x={x} y={y} class="district-label" text-anchor="middle">
                {d.name}
              </text>
            );
          })}
        </svg>
        {/* What the drawing shows, in words beside each sign (never colour alone), as on every map. */}
        <div class="map-legend district-legend">
          <p class="map-legend-title">{t('map.legend.title')}</p>
          <ul>
            <li>
              <span class="legend-sign legend-district" aria-hidden="true" />
              {t('districts.legendArea')}
            </li>
            {data.boundary ? (
              <li>
                <span class="legend-sign legend-boundary" aria-hidden="true" />
                {t('districts.legendBoundary')}
              </li>
            ) : null}
          </ul>
        </div>
        {approximate ? <figcaption>{t('demo.approximate')}</figcaption> : null}
      </figure>
      <div class="table-scroll">
        <table>
          {/* One status for all rows goes into the caption; a column only when they differ. */}
          <caption>{mixed ? t('districts.title') : `${t('districts.geometry')}: ${approximate ? t('demo.approximate') : t('districts.official')}`}</caption>
          <thead>
            <tr>
              <th scope="col">{t('districts.name')}</th>
              <th scope="col" class="num">
                {t('districts.bins')}
              </th>
              {mixed ? <th scope="col">{t('districts.geometry')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.districts.map((d) => (
              <tr>
                <th scope="row">{d.name}</th>
                <td class="num">{d.bins}</td>
                {mixed ? <td>{d.approximate ? t('demo.approximate') : t('districts.official')}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
