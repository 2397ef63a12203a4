// /karte: filters and the link to the list for everyone, the map for those with JavaScript.
import type { Config } from '../config.ts';
import type { BBox, Point } from '../../domain/geo.ts';
import { Layout } from './layout.tsx';
import { MapFilterForm, filterQuery, type MapFilterChoices, type MapFilterValues } from './map-filters.tsx';
import type { PublicReport } from '../../db/citizen-reports.ts';
import type { DistrictRow } from '../../db/districts.ts';
import { LocationFigure } from './location-figure.tsx';
import { MapAssets, MapBox, MapStyles } from './map.tsx';
import type { Page } from './page.ts';
import { placeInWords } from './report-page.tsx';

export interface MapPageData {
  values: MapFilterValues;
  choices: MapFilterChoices;
  center: Point;
  bounds: BBox | null;
  config: Pick<Config, 'tileUrl' | 'tileAttribution'>;
  /** /karte?report=N: the map opens on this report, and the page says where it is in words. */
  focus?: { report: PublicReport; district?: DistrictRow };
}

export function MapPage({ page, data }: { page: Page; data: MapPageData }) {
  const { t } = page;
  const query = filterQuery(data.values);
  return (
    <Layout
      page={page}
      title={t('map.title')}
      head={
        <>
          {/* The filters' styles are needed without JavaScript too; the map's own come with its script. */}
          <MapStyles />
          <MapAssets />
        </>
      }
    >
      <h1>{t('map.title')}</h1>
      {data.focus ? (
        <div class="map-focus">
          <p>{t('map.reportFocus', { id: data.focus.report.id, place: placeInWords(page, data.focus.report) })}</p>
          {/* Placed only at its district's centre: the map's point is not the place (issue 11, point 2). */}
          {data.focus.report.locationSource === 'district' ? <p class="muted">{t('report.placeDistrictOnly')}</p> : null}
          {data.focus.district ? <LocationFigure page={page} district={data.focus.district} point={data.focus.report} /> : null}
          <p>
            <a href={page.href(`/m/${data.focus.report.id}`)}>{t('map.reportFocusBack', { id: data.focus.report.id })}</a>
          </p>
        </div>
      ) : null}
      <p class="lead">{t('map.lead')}</p>
      <MapFilterForm page={page} action="/karte" values={data.values} choices={data.choices} />
      <p class="view-switch">
        <a href={page.href(`/karte/liste${query}`)}>{t('map.toList')}</a>
      </p>
      <MapBox
        page={page}
        mode="browse"
        center={data.focus ? { lat: data.focus.report.lat, lon: data.focus.report.lon } : data.center}
        zoom={data.focus ? 17 : 12}
        bounds={data.focus ? null : data.bounds}
        highlight={data.focus?.report.id}
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
