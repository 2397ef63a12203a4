// The bin register as a searchable, paged table. Checkboxes in the table belong to the print form
// above it (form="print-form"), so searching and printing are two plain GET forms without script.
import type { BinListRow } from '../../../db/staff-bins.ts';
import type { StaffUser } from '../../staff/access.ts';
import type { Page } from '../page.ts';
import { LangField } from './bins-common.tsx';
import { StaffLayout } from './layout.tsx';

export interface BinListData {
  user: StaffUser;
  csrfToken: string;
  q: string;
  includeRetired: boolean;
  rows: BinListRow[];
  total: number;
  page: number;
  pages: number;
  formats: { id: string; name: string }[];
  print: { format: string; selected: ReadonlySet<number>; error: 'staff.bins.error.printNone' | 'staff.bins.error.printFormat' | 'staff.bins.error.printBins' | null };
}

function listHref(page: Page, data: BinListData, pageNumber: number): string {
  const params = new URLSearchParams();
  if (data.q) params.set('q', data.q);
  if (data.includeRetired) params.set('ausgemustert', '1');
  if (pageNumber > 1) params.set('seite', String(pageNumber));
  const query = params.toString();
  return page.href(`/intern/papierkoerbe${query ? `?${query}` : ''}`);
}

function Pagination({ page, data }: { page: Page; data: BinListData }) {
  const { t } = page;
  if (data.pages <= 1) return null;
  return (
    <nav class="bins-pages" aria-label={t('staff.bins.pagination')}>
      {data.page > 1 ? (
        <a href={listHref(page, data, data.page - 1)} rel="prev">
          {t('staff.bins.previous')}
        </a>
      ) : null}
      <span>{t('staff.bins.pageOf', { page: data.page, pages: data.pages })}</span>
      {data.page < data.pages ? (
        <a href={listHref(page, data, data.page + 1)} rel="next">
          {t('staff.bins.next')}
        </a>
      ) : null}
    </nav>
  );
}

function BinTable({ page, data }: { page: Page; data: BinListData }) {
  const { t } = page;
  return (
    <div class="table-scroll">
      <table class="bins-table">
        <caption>{t('staff.bins.tableCaption', { page: data.page })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.bins.select')}</th>
            <th scope="col">{t('staff.bins.code')}</th>
            <th scope="col">{t('staff.bins.description')}</th>
            <th scope="col">{t('staff.bins.district')}</th>
            <th scope="col">{t('staff.bins.type')}</th>
            <th scope="col">{t('staff.bins.department')}</th>
            <th scope="col" class="num">
              {t('staff.bins.openTasks')}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((bin) => (
            <tr>
              <td>
                {bin.active ? (
                  <input
                    type="checkbox"
                    form="print-form"
                    name="bin"
                    value={String(bin.id)}
                    checked={data.print.selected.has(bin.id)}
                    aria-label={t('staff.bins.selectBin', { code: bin.code })}
                    class="bins-check"
                  />
                ) : null}
              </td>
              <td>
                <a href={page.href(`/intern/papierkoerbe/${bin.id}`)} class="bins-code">
                  {bin.code}
                </a>
                {/* Retired bins are listed only when asked for; they say so where the eye is. */}
                {bin.active ? null : <span class="bins-retired"> ({t('staff.bins.retired')})</span>}
              </td>
              <td>{bin.description}</td>
              <td>{bin.district_name ?? '–'}</td>
              <td>{bin.bin_type}</td>
              <td>{bin.department_name ?? '–'}</td>
              <td class="num">{bin.open_tasks}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BinListPage({ page, data }: { page: Page; data: BinListData }) {
  const { t } = page;
  const printError = data.print.error;
  const title = printError ? `${t('staff.bins.errorTitle')}: ${t('staff.bins.title')}` : t('staff.bins.title');
  return (
    <StaffLayout page={page} user={data.user} csrfToken={data.csrfToken} title={title} styles={['staff-bins.css']}>
      <h1>{t('staff.bins.title')}</h1>
      <p class="lead">{t('staff.bins.lead')}</p>
      <form method="get" action="/intern/papierkoerbe" class="bins-search" role="search">
        <LangField page={page} />
        <label for="q">{t('staff.bins.searchLabel')}</label>
        <div class="bins-search-row">
          <input type="search" id="q" name="q" value={data.q} maxlength={100} />
          <button type="submit" class="button bins-button">
            {t('staff.bins.searchButton')}
          </button>
        </div>
        <label class="bins-inline">
          <input type="checkbox" name="ausgemustert" value="1" checked={data.includeRetired} /> {t('staff.bins.includeRetired')}
        </label>
      </form>
      <p role="status">{data.total ? t('staff.bins.count', { count: data.total }) : t('staff.bins.none')}</p>
      <form method="get" action="/intern/papierkoerbe/aufkleber.pdf" id="print-form" class="bins-print">
        <LangField page={page} />
        {/* The list comes back as it was when the selection is refused. */}
        {data.q ? <input type="hidden" name="q" value={data.q} /> : null}
        {data.includeRetired ? <input type="hidden" name="ausgemustert" value="1" /> : null}
        {data.page > 1 ? <input type="hidden" name="seite" value={String(data.page)} /> : null}
        <fieldset aria-describedby={printError ? 'print-error' : 'print-help'}>
          <legend>{t('staff.bins.print')}</legend>
          <p class="help" id="print-help">
            {t('staff.bins.printHelp')}
          </p>
          {printError ? (
            <p class="field-error" id="print-error" role="alert">
              {t(printError)}
            </p>
          ) : null}
          <label for="format">{t('staff.bins.format')}</label>
          <select id="format" name="format" aria-invalid={printError === 'staff.bins.error.printFormat' ? 'true' : undefined}>
            {data.formats.map((f) => (
              <option value={f.id} selected={f.id === data.print.format}>
                {f.name}
              </option>
            ))}
          </select>
          <button type="submit" class="button bins-button">
            {t('staff.bins.printButton')}
          </button>
        </fieldset>
      </form>
      {data.rows.length ? <BinTable page={page} data={data} /> : null}
      <Pagination page={page} data={data} />
    </StaffLayout>
  );
}
