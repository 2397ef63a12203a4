// /karte/liste: the same reports as the map, as a server-rendered list with pages. It needs no
// JavaScript and is the way to the reports for everyone who cannot use a map.
import type { PublicListEntry } from '../../db/public-reports.ts';
import { stateLabel } from '../../domain/states.ts';
import { CITY_TIME_ZONE, dateFormatsPerLanguage } from '../../domain/formatters.ts';
import type { Lang } from '../i18n/index.ts';
import { Layout } from './layout.tsx';
import { MapFilterForm, filterQuery, type MapFilterChoices, type MapFilterValues } from './map-filters.tsx';
import { MapStyles } from './map.tsx';
import type { Page } from './page.ts';
import { catalogueText } from '../i18n/catalogue.ts';

export interface MapListData {
  values: MapFilterValues;
  choices: MapFilterChoices;
  entries: PublicListEntry[];
  total: number;
  pageNumber: number;
  pages: number;
}

const DESCRIPTION_CHARS = 200;
const DAY = dateFormatsPerLanguage({ timeZone: CITY_TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });

function day(iso: string, lang: Lang): string {
  return DAY[lang].format(new Date(iso));
}

function shorten(text: string): string {
  return text.length <= DESCRIPTION_CHARS ? text : `${text.slice(0, DESCRIPTION_CHARS - 1).trimEnd()}…`;
}

function Entry({ page, entry }: { page: Page; entry: PublicListEntry }) {
  const { t } = page;
  const category = catalogueText(page.lang, entry.name_de, entry.name_en);
  const place = [entry.district_name ?? t('list.noDistrict'), entry.address].filter(Boolean).join(', ');
  const label = stateLabel(entry.state);
  return (
    <li class="report-entry">
      <h3>
        <a href={page.href(`/m/${entry.id}`)}>{t('list.entry', { category, id: entry.id })}</a>
      </h3>
      <dl class="report-facts">
        <div>
          <dt>{t('list.place')}</dt>
          <dd>{place}</dd>
        </div>
        <div>
          <dt>{t('list.state')}</dt>
          <dd>{typeof label === 'object' ? t(label.key) : label}</dd>
        </div>
        <div>
          <dt>{t('list.created')}</dt>
          <dd>
            <time datetime={entry.created_at}>{day(entry.created_at, page.lang)}</time>
          </dd>
        </div>
      </dl>
      {entry.description ? <p class="report-text">{shorten(entry.description)}</p> : null}
    </li>
  );
}

function Pagination({ page, data }: { page: Page; data: MapListData }) {
  const { t } = page;
  if (data.pages <= 1) return null;
  const link = (n: number) => page.href(`/karte/liste${filterQuery(data.values, n > 1 ? { seite: String(n) } : {})}`);
  return (
    <nav class="pagination" aria-label={t('list.pages')}>
      <p>{t('list.page', { page: data.pageNumber, pages: data.pages })}</p>
      <ul>
        {data.pageNumber > 1 && data.pageNumber <= data.pages ? (
          <li>
            <a href={link(data.pageNumber - 1)} rel="prev">
              {t('list.prev')}
            </a>
          </li>
        ) : null}
        {data.pageNumber < data.pages ? (
          <li>
            <a href={link(data.pageNumber + 1)} rel="next">
              {t('list.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export function MapListPage({ page, data }: { page: Page; data: MapListData }) {
  const { t } = page;
  const beyondLast = data.entries.length === 0 && data.total > 0;
  return (
    <Layout page={page} title={t('list.title')} head={<MapStyles />}>
      <h1>{t('list.title')}</h1>
      <p class="lead">{t('map.lead')}</p>
      <MapFilterForm page={page} action="/karte/liste" values={data.values} choices={data.choices} />
      <p class="view-switch">
        <a href={page.href(`/karte${filterQuery(data.values)}`)}>{t('map.toMap')}</a>
      </p>
      <section aria-labelledby="results-title">
        <h2 id="results-title">{data.total === 1 ? t('list.countOne') : t('list.count', { count: data.total })}</h2>
        {data.total === 0 ? <p>{t('list.empty')}</p> : null}
        {beyondLast ? (
          <p>
            {t('list.pageEmpty')} <a href={page.href(`/karte/liste${filterQuery(data.values)}`)}>{t('list.firstPage')}</a>
          </p>
        ) : null}
        {data.entries.length ? (
          <ol class="report-list">
            {data.entries.map((entry) => (
              <Entry page={page} entry={entry} />
            ))}
          </ol>
        ) : null}
        <Pagination page={page} data={data} />
      </section>
    </Layout>
  );
}
