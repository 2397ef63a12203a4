// GET /intern/meldungen: the filter form first, then the counts per state, then the results.
// A "skip to results" link comes before the form so keyboard users need not tab through it.
import type { QueueCatalogueRows, QueueRow } from '../../../db/staff-queue.ts';
import { queueQueryString, type QueueField, type QueueFieldError, type QueueFilterValues, type QueueSelection } from '../../../domain/queue-filter.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { StaffUser } from '../../staff/access.ts';
import type { Page } from '../page.ts';
import { formatState } from '../staff.tsx';
import { StaffLayout } from './layout.tsx';
import { QueueFilterForm } from './queue-filter-form.tsx';
import { QueuePagination, QueueTable, countText } from './queue-table.tsx';

export interface QueueListData {
  user: StaffUser;
  csrfToken: string;
  values: QueueFilterValues;
  errors: readonly QueueFieldError[];
  catalogue: QueueCatalogueRows;
  departments: QueueCatalogueRows['departments'];
  allDepartments: boolean;
  now: Date;
  /** null on a 422: nothing was queried. */
  result: null | {
    selection: QueueSelection;
    /** Every state; a number where it was counted, null for the closed states nobody asked for. */
    counts: Array<{ state: string; count: number | null; capped: boolean }>;
    total: number;
    /** The total is a lower bound: a closed state's count stopped at the cap. */
    capped: boolean;
    /** null when capped. */
    pages: number | null;
    hasNext: boolean;
    rows: QueueRow[];
  };
}

/** A department column pays off when rows of several departments can appear together. */
export function showsSeveralDepartments(data: Pick<QueueListData, 'departments' | 'values'>): boolean {
  return data.departments.length > 1 && data.values.fachamt === '';
}

/** Where an error summary's link should land: the field itself. */
function fieldTarget(field: QueueField): string {
  if (field === 'status') return '#filter-status-new';
  if (field === 'seite') return '#filter-seite-error';
  return `#filter-${field}`;
}

export function QueueErrorSummary({ page, errors }: { page: Page; errors: readonly QueueFieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{page.t('staff.queue.errorSummary', { count: errors.length })}</h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={fieldTarget(e.field)}>{page.t(e.key, e.params)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Links to the same selection elsewhere: list, map, CSV. */
export function QueueViews({ page, values, current }: { page: Page; values: QueueFilterValues; current: 'list' | 'map' }) {
  const { t } = page;
  const query = queueQueryString(values, { seite: null });
  return (
    <nav class="queue-views" aria-label={t('staff.queue.views')}>
      <ul>
        <li>{current === 'list' ? <a href={page.href(`/intern/meldungen/karte${query}`)}>{t('staff.queue.toMap')}</a> : <a href={page.href(`/intern/meldungen${query}`)}>{t('staff.queue.toList')}</a>}</li>
        <li>
          <a href={page.href(`/intern/meldungen.csv${query}`)} download>
            {t('staff.queue.toCsv')}
          </a>
        </li>
      </ul>
    </nav>
  );
}

function StateCounts({ page, data }: { page: Page; data: QueueListData }) {
  const { t } = page;
  const result = data.result!;
  return (
    <section class="state-counts" aria-labelledby="counts-title">
      <h2 id="counts-title">{t('staff.queue.counts')}</h2>
      <p class="help">{t('staff.queue.countsHelp')}</p>
      <ul>
        {result.counts.map(({ state, count, capped }) => {
          const selected = result.selection.statesChosen && result.selection.states.length === 1 && result.selection.states[0] === state;
          const name = formatState(page, state);
          const label =
            count === null
              ? t('staff.queue.countShow', { state: name })
              : t(capped ? 'staff.queue.countMore' : 'staff.queue.countLink', { state: name, count: countText(page, count) });
          const href = page.href(`/intern/meldungen${queueQueryString(data.values, { status: [state], seite: null })}`);
          return (
            <li>
              <a href={href} aria-current={selected ? 'true' : undefined}>
                {label}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Results({ page, data }: { page: Page; data: QueueListData }) {
  const { t } = page;
  const result = data.result!;
  const { selection, total, pages, rows, capped, hasNext } = result;
  const link = (n: number) => page.href(`/intern/meldungen${queueQueryString(data.values, { seite: n === 1 ? null : String(n) })}`);
  const sortName = t(`staff.queue.sort.${selection.sort}` as MessageKey);
  return (
    <section aria-labelledby="results" class="queue-results">
      <h2 id="results" tabindex={-1}>
        {t('staff.queue.results')}
      </h2>
      <p role="status">
        {capped
          ? t('staff.queue.totalMore', { total: countText(page, total), page: selection.page })
          : total === 1
            ? t('staff.queue.totalOne')
            : selection.page > (pages ?? 1)
              ? t('staff.queue.totalOnly', { total: countText(page, total) })
              : t('staff.queue.total', { total: countText(page, total), page: selection.page, pages: pages ?? 1 })}
      </p>
      <QueueViews page={page} values={data.values} current="list" />
      {total === 0 ? (
        <p class="notice">{t('staff.queue.empty')}</p>
      ) : rows.length === 0 ? (
        <p class="notice">
          {pages === null ? t('staff.queue.pastEndUnknown') : pages === 1 ? t('staff.queue.pastEndOne') : t('staff.queue.pastEnd', { pages })} <a href={link(1)}>{t('staff.queue.toFirstPage')}</a>
        </p>
      ) : (
        <>
          <p class="help keyboard-hint" hidden>
            {t('staff.queue.keyboardHint')}
          </p>
          <QueueTable showDepartment={showsSeveralDepartments(data)} page={page} rows={rows} now={data.now} caption={t('staff.queue.tableCaption', { sort: sortName })} />
        </>
      )}
      <QueuePagination page={page} current={selection.page} pages={pages} hasNext={hasNext} link={link} />
    </section>
  );
}

export function QueuePage({ page, data, forwarded = null }: { page: Page; data: QueueListData; forwarded?: number | null }) {
  const { t } = page;
  const invalid = data.errors.length > 0;
  return (
    <StaffLayout
      page={page}
      user={data.user}
      csrfToken={data.csrfToken}
      title={t(invalid ? 'staff.queue.titleInvalid' : 'staff.queue.title')}
      styles={['staff-queue.css']}
      head={<script defer src="/static/staff-queue.js"></script>}
    >
      {data.result ? (
        <p class="skip-results">
          <a href="#results">{t('staff.queue.skipToResults')}</a>
        </p>
      ) : null}
      <h1>{t('staff.queue.title')}</h1>
      {forwarded !== null ? (
        <p class="status" role="status">
          {t('staff.queue.forwarded', { number: forwarded })}
        </p>
      ) : null}
      <p class="lead">{t(data.allDepartments ? 'staff.queue.leadAll' : 'staff.queue.lead')}</p>
      <QueueErrorSummary page={page} errors={data.errors} />
      <QueueFilterForm
        page={page}
        action="/intern/meldungen"
        values={data.values}
        errors={data.errors}
        catalogue={data.catalogue}
        departments={data.departments}
        allDepartments={data.allDepartments}
      />
      {data.result ? (
        <>
          <StateCounts page={page} data={data} />
          <Results page={page} data={data} />
        </>
      ) : null}
      <p class="see-also">
        <a href={page.href('/intern/ueberfaellig')}>{t('staff.queue.toOverdue')}</a>
      </p>
    </StaffLayout>
  );
}
