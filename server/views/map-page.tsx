// /karte: filters and the link to the list for everyone, the map for those with JavaScript.
import type { Config } from '../config.ts';
import type { BBox, Point } from '../domain/geo.ts';
import { Layout } from './layout.tsx';
import { MapFilterForm, filterQuery, type MapFilterChoices, type MapFilterValues } from './map-filters.tsx';
import { MapAssets, MapBox } from './map.tsx';
import type { Page } from './page.ts';

export interface MapPageData {
  values: MapFilterValues;
  choices: MapFilterChoices;
  center: Point;
  bounds: BBox | null;
  config: Pick<Config, 'tileUrl' | 'tileAttribution'>;
}

export function MapPage({ page, data }: { page: Page; data: MapPageData }) {
  const { t } = page;
  const query = filterQuery(data.values);
  return (
    <Layout page={page} title={t('map.title')} head={<MapAssets />}>
      <h1>{t('map.title')}</h1>
      <p class="lead">{t('map.lead')}</p>
      <MapFilterForm page={page} action="/karte" values={data.values} choices={data.choices} />
      <p class="view-switch">
        <a href={page.href(`/karte/liste${query}`)}>{t('map.toList')}</a>
      </p>
      <MapBox
        page={page}
        mode="browse"
        center={data.center}
        zoom={12}
        bounds={data.bounds}
        config={data.config}
        skipTo="after-map"
        // The map's texts follow the page, whatever language the browser would ask for on its own.
        geojsonUrl={`/karte.geojson${filterQuery(data.values, { lang: page.lang })}`}
      />
      <p id="after-map" class="open-data" tabindex={-1}>
        {t('map.openData')} <a href="/open-data/reports.geojson">GeoJSON</a>, <a href="/open-data/reports.csv">CSV</a>
      </p>
    </Layout>
  );
}
