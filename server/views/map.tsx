// The map widget for every page that shows one: Leaflet and web/map.js from our own /static/, and a
// <div data-map> that the script reads its whole configuration from (the CSP forbids inline scripts).
// Without JavaScript the block stays hidden: every map page must work without it (a list, an address).
import type { Config } from '../config.ts';
import type { BBox, Point } from '../../domain/geo.ts';
import type { Page } from './page.ts';

/**
 * For Layout's `head`: the two scripts (deferred, no inline code). The map's stylesheets are loaded by
 * web/map.js itself, so that a browser without JavaScript, which never sees the map, never loads them.
 */
export function MapAssets() {
  return (
    <>
      <script defer src="/static/leaflet/leaflet.js"></script>
      <script defer src="/static/map.js"></script>
    </>
  );
}

/** Only the stylesheet of the map pages: for the list, which has their filters but no map. */
export function MapStyles() {
  return <link rel="stylesheet" href="/static/map.css" />;
}

export interface MapBoxProps {
  page: Page;
  mode: 'browse' | 'pick';
  /** The map element's id; the help, status and locate button take theirs from it. */
  id?: string;
  /** Where the map opens (pick mode centres on the inputs' values instead when they have some). */
  center: Point;
  zoom: number;
  /** Browse mode: open fitted to this box (the city) instead of center/zoom. Pick mode: the city's box, outside which no pin is set. */
  bounds?: BBox | null;
  /** Browse mode: the report the page is about, ringed on the map and named in the legend. */
  highlight?: number;
  config: Pick<Config, 'tileUrl' | 'tileAttribution'>;
  /** id of the first element after the map: the target of the "skip the map" link. */
  skipTo: string;
  /** Accessible name and the visible help line; each mode has a default from the i18n tables. */
  label?: string;
  help?: string;
  /** Browse mode: /karte.geojson with the page's filters; the script adds bbox. */
  geojsonUrl?: string;
  /** Pick mode: ids of the inputs that receive the coordinates. */
  latInput?: string;
  lonInput?: string;
  /** Pick mode: id of an input that receives where the pin came from, `map` or `gps`. */
  sourceInput?: string;
  /** Pick mode: offer "use my location" (shown only where the browser can locate). Default true. */
  locate?: boolean;
}

const coordinate = (n: number) => String(Math.round(n * 1e6) / 1e6);
const boxAttribute = (b: BBox | null | undefined) => (b ? [b.minLon, b.minLat, b.maxLon, b.maxLat].map(coordinate).join(',') : undefined);

/** What the marks on the map mean, in words beside each sign (never colour alone). Shown with the map. */
export function MapLegend({ page, mode, highlight }: { page: Page; mode: 'browse' | 'pick'; highlight?: number }) {
  const { t } = page;
  const items: Array<[string, string, string]> =
    mode === 'pick'
      ? [['legend-pin', '', t('map.legend.pin')]]
      : [
          ...(highlight ? ([['legend-open legend-this', '!', t('map.legend.this', { id: highlight })]] as Array<[string, string, string]>) : []),
          ['legend-open', '!', t('map.legend.open')],
          ['legend-closed', '✓', t('map.legend.closed')],
          ['legend-cluster', '3', t('map.legend.cluster')],
        ];
  return (
    <div class="map-legend">
      <p class="map-legend-title">{t('map.legend.title')}</p>
      <ul>
        {items.map(([cls, sign, text]) => (
          <li>
            <span class={`legend-sign ${cls}`} aria-hidden="true">
              {sign}
            </span>
            {text}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function MapBox(props: MapBoxProps) {
  const { page, mode } = props;
  const { t } = page;
  const id = props.id ?? 'map';
  const pick = mode === 'pick';
  const locate = pick && props.locate !== false;
  const common = {
    id,
    class: `map map-${mode}`,
    'data-map': mode,
    'data-tiles': props.config.tileUrl,
    'data-attribution': props.config.tileAttribution,
    'data-center': `${coordinate(props.center.lat)},${coordinate(props.center.lon)}`,
    'data-zoom': String(props.zoom),
    'data-status': `${id}-status`,
    'data-text-zoom-in': t('map.zoomIn'),
    'data-text-zoom-out': t('map.zoomOut'),
    'data-text-close': t('map.closePopup'),
    'aria-label': props.label ?? t(pick ? 'map.pickLabel' : 'map.label'),
    'aria-describedby': `${id}-help`,
  };
  const browse = pick
    ? {}
    : {
        role: 'region',
        'data-bounds': boxAttribute(props.bounds),
        'data-highlight': props.highlight ? String(props.highlight) : undefined,
        'data-geojson': props.geojsonUrl ?? '/karte.geojson',
        // A link template rather than a bare path, so that a language chosen by ?lang= stays.
        'data-report-href': page.href('/m/{id}'),
        'data-text-cluster': t('map.cluster'),
        'data-text-details': t('map.details'),
        'data-text-reported-on': t('map.reportedOn'),
        'data-text-in-view': t('map.inView'),
        'data-text-truncated': t('map.truncated'),
        'data-text-load-failed': t('map.loadFailed'),
      };
  const picking = pick
    ? {
        // Arrow keys, Enter and Space belong to the map while it has focus.
        role: 'application',
        'data-lat-input': props.latInput,
        'data-lon-input': props.lonInput,
        'data-source-input': props.sourceInput,
        'data-locate-button': locate ? `${id}-locate` : undefined,
        'data-text-picked': t('map.picked'),
        'data-text-locating': t('map.locating'),
        'data-text-locate-denied': t('map.locateDenied'),
        'data-text-locate-failed': t('map.locateFailed'),
        'data-city-bounds': boxAttribute(props.bounds),
        'data-text-outside': t('map.outside'),
        'data-text-outside-gps': t('map.outsideGps'),
      }
    : {};
  return (
    <div class={`map-block map-block-${mode}`} hidden>
      <a class="map-skip" href={`#${props.skipTo}`}>
        {t('map.skip')}
      </a>
      <p id={`${id}-help`} class="map-help">
        {props.help ?? t(pick ? 'map.pickHelp' : 'map.browseHelp')}
      </p>
      <div {...common} {...browse} {...picking}></div>
      {locate ? (
        <button type="button" id={`${id}-locate`} class="map-locate" hidden>
          {t('map.locate')}
        </button>
      ) : null}
      <p id={`${id}-status`} class="map-status" aria-live="polite"></p>
      <MapLegend page={page} mode={mode} highlight={props.highlight} />
    </div>
  );
}
