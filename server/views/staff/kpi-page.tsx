// The Kennzahlen dashboard: a GET filter form (department, category, period), the key figures of the
// selection, two charts, and the same figures per department, category and district, then the bins
// reported full most often. A bad filter value re-renders the form with the message at the field.
import type { KpiReport } from '../../../db/kpi-report.ts';
import type { KpiFieldError, KpiFilterValues } from '../../routes/staff-kpi.tsx';
import type { StaffUser } from '../../staff/access.ts';
import type { Page } from '../page.ts';
import { FlowChart, OpenChart } from './kpi-charts.tsx';
import { durationWords, formatCount, formatDay, formatShare } from './kpi-format.tsx';
import { FigureTable, FullBinsTable } from './kpi-tables.tsx';
import { StaffLayout } from './layout.tsx';

export interface KpiPageData {
  user: StaffUser;
  csrfToken: string;
  values: KpiFilterValues;
  errors: readonly KpiFieldError[];
  options: { departments: { slug: string; name: string }[]; categories: { slug: string; name: string }[]; periods: readonly number[]; defaultPeriod: number };
  /** null when the filters had errors. */
  report: KpiReport | null;
  /** The selection's query string ('' or '?…'), for the CSV link. */
  query: string;
}

function FieldError({ page, errors, field }: { page: Page; errors: readonly KpiFieldError[]; field: KpiFieldError['field'] }) {
  const error = errors.find((e) => e.field === field);
  return error ? (
    <p class="field-error" id={`${field}-error`}>
      {page.t(error.key)}
    </p>
  ) : null;
}

function FilterForm({ page, data }: { page: Page; data: KpiPageData }) {
  const { t } = page;
  const invalid = (field: KpiFieldError['field']) => data.errors.some((e) => e.field === field);
  const describedBy = (field: KpiFieldError['field']) => (invalid(field) ? `${field}-error` : undefined);
  const selectedPeriod = data.values.zeitraum || String(data.options.defaultPeriod);
  // A GET form drops the query of its action, so a language chosen by ?lang= travels as a field.
  const explicitLang = page.href('/intern') !== '/intern';
  return (
    <form method="get" action="/intern/kennzahlen" class="kpi-filter">
      {explicitLang ? <input type="hidden" name="lang" value={page.lang} /> : null}
      <fieldset>
        <legend>{t('staff.kpi.filter.legend')}</legend>
        <div class="kpi-fields">
          <div>
            <label for="fachamt">{t('staff.kpi.filter.department')}</label>
            <FieldError page={page} errors={data.errors} field="fachamt" />
            <select id="fachamt" name="fachamt" aria-invalid={invalid('fachamt') ? 'true' : undefined} aria-describedby={describedBy('fachamt')}>
              <option value="">{t(data.options.departments.length > 1 ? 'staff.kpi.filter.allDepartments' : 'staff.kpi.filter.myDepartments')}</option>
              {data.options.departments.map((d) => (
                <option value={d.slug} selected={d.slug === data.values.fachamt}>
                  {d.name}
                </option>
              ))}
              {invalid('fachamt') ? (
                <option value={data.values.fachamt} selected>
                  {data.values.fachamt}
                </option>
              ) : null}
            </select>
          </div>
          <div>
            <label for="kategorie">{t('staff.kpi.filter.category')}</label>
            <FieldError page={page} errors={data.errors} field="kategorie" />
            <select id="kategorie" name="kategorie" aria-invalid={invalid('kategorie') ? 'true' : undefined} aria-describedby={describedBy('kategorie')}>
              <option value="">{t('staff.kpi.filter.allCategories')}</option>
              {data.options.categories.map((c) => (
                <option value={c.slug} selected={c.slug === data.values.kategorie}>
                  {c.name}
                </option>
              ))}
              {invalid('kategorie') ? (
                <option value={data.values.kategorie} selected>
                  {data.values.kategorie}
                </option>
              ) : null}
            </select>
          </div>
          <div>
            <label for="zeitraum">{t('staff.kpi.filter.period')}</label>
            <FieldError page={page} errors={data.errors} field="zeitraum" />
            <select id="zeitraum" name="zeitraum" aria-invalid={invalid('zeitraum') ? 'true' : undefined} aria-describedby={describedBy('zeitraum')}>
              {data.options.periods.map((days) => (
                <option value={String(days)} selected={String(days) === selectedPeriod}>
                  {t('staff.kpi.filter.lastDays', { n: days })}
                </option>
              ))}
              {invalid('zeitraum') ? (
                <option value={data.values.zeitraum} selected>
                  {data.values.zeitraum}
                </option>
              ) : null}
            </select>
          </div>
        </div>
        <button type="submit" class="button kpi-submit">
          {t('staff.kpi.filter.submit')}
        </button>
      </fieldset>
    </form>
  );
}

function KeyFigures({ page, report }: { page: Page; report: KpiReport }) {
  const { t, lang } = page;
  const f = report.total;
  const card = (label: string, value: string, note?: string, warn = false) => (
    <div class={warn ? 'kpi-card kpi-card-warn' : 'kpi-card'}>
      <dt>{label}</dt>
      <dd class="kpi-value">{value}</dd>
      {note ? <dd class="kpi-note">{note}</dd> : null}
    </div>
  );
  return (
    <dl class="kpi-cards">
      {card(t('staff.kpi.card.open'), formatCount(f.open, lang))}
      {card(t('staff.kpi.card.newWeek'), formatCount(f.newThisWeek, lang), t('staff.kpi.card.newPeriodNote', { n: formatCount(f.newInPeriod, lang) }))}
      {card(t('staff.kpi.card.ackMedian'), durationWords(f.acknowledgeMedian, t), t('staff.kpi.card.ofN', { n: formatCount(f.acknowledgedInPeriod, lang) }))}
      {card(t('staff.kpi.card.closeMedian'), durationWords(f.closeMedian, t), t('staff.kpi.card.ofN', { n: formatCount(f.closedInPeriod, lang) }))}
      {card(
        t('staff.kpi.card.within'),
        formatShare(f.withinTargetShare, lang),
        t('staff.kpi.card.withinNote', { n: formatCount(f.closedWithinTarget, lang), total: formatCount(f.closedWithTarget, lang) }),
      )}
      {card(t('staff.kpi.card.overdue'), formatCount(f.overdue, lang), undefined, f.overdue > 0)}
    </dl>
  );
}

function Results({ page, report, query }: { page: Page; report: KpiReport; query: string }) {
  const { t, lang } = page;
  const f = report.total;
  const empty = f.open === 0 && f.newInPeriod === 0 && f.closedInPeriod === 0 && f.acknowledgedInPeriod === 0;
  const csvHref = `/intern/kennzahlen.csv${query}${query ? '&' : '?'}lang=${lang}`;
  return (
    <>
      <p class="kpi-period">
        {t('staff.kpi.periodLine', { from: formatDay(report.from, lang), to: formatDay(report.scope.now, lang), days: report.scope.periodDays })}{' '}
        <a href={csvHref} download>
          {t('staff.kpi.csvLink')}
        </a>
      </p>
      <h2 id="kennzahlen-ueberblick">{t('staff.kpi.overview')}</h2>
      <KeyFigures page={page} report={report} />
      <p class="help">{t('staff.kpi.explain')}</p>
      {empty ? (
        <p class="notice" role="status">
          {t('staff.kpi.empty')}
        </p>
      ) : (
        <>
          <h2>{t('staff.kpi.charts')}</h2>
          <div class="kpi-charts">
            <FlowChart page={page} report={report} />
            <OpenChart page={page} report={report} />
          </div>
          <h2 id="kpi-departments-title">{t('staff.kpi.byDepartment')}</h2>
          <FigureTable page={page} id="kpi-departments" headingId="kpi-departments-title" nameHeader={t('staff.kpi.col.department')} rows={report.departments} />
          <h2 id="kpi-categories-title">{t('staff.kpi.byCategory')}</h2>
          <FigureTable page={page} id="kpi-categories" headingId="kpi-categories-title" nameHeader={t('staff.kpi.col.category')} rows={report.categories} />
          <h2 id="kpi-districts-title">{t('staff.kpi.byDistrict')}</h2>
          <FigureTable page={page} id="kpi-districts" headingId="kpi-districts-title" nameHeader={t('staff.kpi.col.district')} rows={report.districts} />
        </>
      )}
      {report.fullBins ? (
        <>
          <h2 id="kpi-bins-title">{t('staff.kpi.bins.title')}</h2>
          <p class="help">{t('staff.kpi.bins.explain')}</p>
          <FullBinsTable page={page} bins={report.fullBins} />
        </>
      ) : null}
    </>
  );
}

export function KpiPage({ page, data }: { page: Page; data: KpiPageData }) {
  const { t } = page;
  const title = data.errors.length ? `${t('staff.kpi.errorTitle')}: ${t('staff.kpi.title')}` : t('staff.kpi.title');
  return (
    <StaffLayout page={page} user={data.user} csrfToken={data.csrfToken} title={title} styles={['staff-kpi.css']}>
      <h1>{t('staff.kpi.title')}</h1>
      <p class="lead">{t('staff.kpi.lead')}</p>
      {data.errors.length ? (
        <div class="error-summary" role="alert">
          <h2>{t('staff.kpi.errorSummary')}</h2>
          <ul>
            {data.errors.map((e) => (
              <li>
                <a href={`#${e.field}`}>{t(e.key)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <FilterForm page={page} data={data} />
      {data.report ? <Results page={page} report={data.report} query={data.query} /> : null}
    </StaffLayout>
  );
}
