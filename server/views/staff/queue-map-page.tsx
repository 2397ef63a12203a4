// GET /intern/meldungen/karte: the queue's selection on our Leaflet map (web/map.js, browse mode),
// fed by /intern/meldungen.geojson with the same query. Without JavaScript the map block stays hidden
// and the first page of the selection is listed below it, so the page works either way.
import type { Config } from '../../config.ts';
import type { BBox, Point } from '../../../domain/geo.ts';
import { queueQueryString } from '../../../domain/queue-filter.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { Page } from '../page.ts';
import { StaffLayout } from './layout.tsx';
import { QueueFilterForm } from './queue-filter-form.tsx';
import { QueueErrorSummary, QueueViews, showsSeveralDepartments, type QueueListData } from './queue-page.tsx';
import { QueueTable, countText } from './queue-table.tsx';

export interface QueueMapData extends QueueListData {
  center: Point;
  bounds: BBox | null;
  config: Pick<Config, 'tileUrl' | 'tileAttribution'>;
  featureLimit: number;
}

const coordinate = (n: number) => String(Math.round(n * 1e6) / 1e6);

/**
 * The map element web/map.js reads its configuration from. The same data- attributes as the public
 * map's MapBox (server/views/map.tsx), but the popups link to the staff report page and the features
 * come from the staff GeoJSON.
 */
function StaffMapBox({ page, data, geojsonUrl }: { page: Page; data: QueueMapData; geojsonUrl: string }) {
  const { t } = page;
  const b = data.bounds;
  return (
    <div class="map-block map-block-browse" hidden>
      <a class="map-skip" href="#map-list">
        {t('map.skip')}
      </a>
      <p id="map-help" class="map-help">
        {t('staff.queue.map.help')}
      </p>
      <div
        id="map"
        class="map map-browse"
        data-map="browse"
        role="region"
        aria-label={t('staff.queue.map.label')}
        aria-describedby="map-help"
        data-tiles={data.config.tileUrl}
        data-attribution={data.config.tileAttribution}
        data-center={`${coordinate(data.center.lat)},${coordinate(data.center.lon)}`}
        data-zoom="12"
        data-bounds={b ? [b.minLon, b.minLat, b.maxLon, b.maxLat].map(coordinate).join(',') : undefined}
        data-status="map-status"
        data-geojson={geojsonUrl}
        data-report-href={page.href('/intern/meldungen/{id}')}
        data-text-zoom-in={t('map.zoomIn')}
        data-text-zoom-out={t('map.zoomOut')}
        data-text-close={t('map.closePopup')}
        data-text-cluster={t('map.cluster')}
        data-text-details={t('staff.queue.map.details')}
        data-text-reported-on={t('map.reportedOn')}
        data-text-in-view={t('map.inView')}
        data-text-truncated={t('staff.queue.map.truncated')}
        data-text-load-failed={t('map.loadFailed')}
      ></div>
      <p id="map-status" class="map-status" aria-live="polite"></p>
    </div>
  );
}

export function QueueMapPage({ page, data }: { page: Page; data: QueueMapData }) {
  const { t } = page;
  const result = data.result;
  // The map's texts follow the page, whatever language the browser would ask for on its own.
  const geojsonUrl = `/intern/meldungen.geojson${queueQueryString(data.values, { seite: null, lang: page.lang })}`;
  return (
    <StaffLayout
      page={page}
      user={data.user}
      csrfToken={data.csrfToken}
      title={t(data.errors.length > 0 ? 'staff.queue.titleInvalid' : 'staff.queue.map.title')}
      styles={['staff-queue.css']}
      head={
        <>
          <link rel="stylesheet" href="/static/leaflet/leaflet.css" />
          <link rel="stylesheet" href="/static/map.css" />
          <script defer src="/static/leaflet/leaflet.js"></script>
          <script defer src="/static/map.js"></script>
        </>
      }
    >
      {result ? (
        <p class="skip-results">
          <a href="#results">{t('staff.queue.skipToResults')}</a>
        </p>
      ) : null}
      <h1>{t('staff.queue.map.title')}</h1>
      <p class="lead">{t('staff.queue.map.lead', { limit: data.featureLimit })}</p>
      <QueueErrorSummary page={page} errors={data.errors} />
      <QueueFilterForm
        page={page}
        action="/intern/meldungen/karte"
        values={data.values}
        errors={data.errors}
        catalogue={data.catalogue}
        departments={data.departments}
        allDepartments={data.allDepartments}
      />
      {result ? (
        <section aria-labelledby="results" class="queue-results">
          <h2 id="results" tabindex={-1}>
            {t('staff.queue.results')}
          </h2>
          <QueueViews page={page} values={data.values} current="map" />
          <StaffMapBox page={page} data={data} geojsonUrl={geojsonUrl} />
          <h3 id="map-list" tabindex={-1}>
            {t('staff.queue.map.listTitle')}
          </h3>
          {result.total === 0 ? (
            <p class="notice">{t('staff.queue.empty')}</p>
          ) : (
            <>
              <p>{t(result.capped ? 'staff.queue.map.listNoteMore' : 'staff.queue.map.listNote', { shown: result.rows.length, total: countText(page, result.total) })}</p>
              <QueueTable showDepartment={showsSeveralDepartments(data)} page={page} rows={result.rows} now={data.now} caption={t('staff.queue.tableCaption', { sort: t(`staff.queue.sort.${result.selection.sort}` as MessageKey) })} />
            </>
          )}
        </section>
      ) : null}
    </StaffLayout>
  );
}
