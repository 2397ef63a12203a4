// One bin as staff see it: its facts and place, open tasks, the history of reports and of the bin
// itself (edits, new codes, emptyings), and, for those who may change it, edit / new code / retire.
import type { BinReportEntry, StaffBin } from '../../../db/staff-bins.ts';
import type { BinEvent } from '../../../db/schema.ts';
import { OPEN_STATES } from '../../../domain/states.ts';
import type { StaffUser } from '../../staff/access.ts';
import type { Page } from '../page.ts';
import { dateTime, formatState } from '../staff.tsx';
import { BinEditForm, type BinEditFormData } from './bins-edit-form.tsx';
import { BinMiniMap, type MiniMapDistrict } from './bins-minimap.tsx';
import { StaffLayout } from './layout.tsx';
import { reportPaths } from '../../paths.ts';

export interface BinDetailData {
  user: StaffUser;
  csrfToken: string;
  bin: StaffBin;
  /** Name of the department that handles the bin when it has none of its own. */
  routedDepartmentName: string;
  reports: BinReportEntry[];
  events: BinEvent[];
  /** Display names of staff accounts named in the history, by id. */
  actors: Map<number, string>;
  canChange: boolean;
  form: BinEditFormData;
  notice: { key: 'staff.bins.saved' | 'staff.bins.nothingChanged' | 'staff.bins.reissued' | 'staff.bins.retiredDone'; params?: Record<string, string | number> } | null;
  /** The newest code_reissued event's codes, for the link to print the new sticker. */
  newCode: string | null;
  /** Retiring was asked for without ticking the confirmation. */
  retireUnconfirmed: boolean;
  districts: MiniMapDistrict[];
}

interface HistoryRow {
  at: string;
  what: string;
  who: string;
  reportId: number | null;
}

function actorName(actor: string | null, data: BinDetailData, page: Page): string {
  const staffId = actor?.startsWith('staff:') ? Number(actor.slice(6)) : NaN;
  if (Number.isInteger(staffId)) return data.actors.get(staffId) ?? actor!;
  return actor ?? page.t('staff.bins.actorSystem');
}

function eventText(page: Page, e: BinEvent): string {
  const body = e.body ? (JSON.parse(e.body) as Record<string, unknown>) : {};
  const { t } = page;
  if (e.type === 'edited') {
    const fields = Object.keys(body)
      .filter((f) => f !== 'district_id')
      .map((f) => t(`staff.bins.field.${f}` as 'staff.bins.field.bin_type'));
    return t('staff.bins.event.edited', { fields: fields.join(', ') });
  }
  if (e.type === 'code_reissued') return t('staff.bins.event.code_reissued', { from: String(body['from']), to: String(body['to']) });
  const count = Array.isArray(body['reports']) ? body['reports'].length : 0;
  return t(e.type === 'retired' ? 'staff.bins.event.retired' : 'staff.bins.event.emptied', { count });
}

function historyOf(page: Page, data: BinDetailData): HistoryRow[] {
  const rows: HistoryRow[] = [
    ...data.reports.map((r) => ({
      at: r.created_at,
      what: page.t('staff.bins.event.report', { id: r.id, category: r.category_name, state: formatState(page, r.state), presses: r.support_count }),
      who: '–',
      reportId: r.id,
    })),
    ...data.events.map((e) => ({ at: e.created_at, what: eventText(page, e), who: actorName(e.actor, data, page), reportId: null })),
  ];
  return rows.sort((a, b) => b.at.localeCompare(a.at));
}

function Facts({ page, data }: { page: Page; data: BinDetailData }) {
  const { t } = page;
  const { bin } = data;
  return (
    <dl class="facts">
      <dt>{t('staff.bins.code')}</dt>
      <dd class="bins-code">{bin.code}</dd>
      <dt>{t('staff.bins.status')}</dt>
      <dd>{t(bin.active ? 'staff.bins.active' : 'staff.bins.retired')}</dd>
      <dt>{t('staff.bins.description')}</dt>
      <dd>{bin.description || '–'}</dd>
      <dt>{t('staff.bins.district')}</dt>
      <dd>{bin.district_name ?? '–'}</dd>
      <dt>{t('staff.bins.coordinates')}</dt>
      <dd>
        {bin.lat.toFixed(5)}, {bin.lon.toFixed(5)} (<a href={`geo:${bin.lat.toFixed(6)},${bin.lon.toFixed(6)}`}>{t('staff.bins.openInMaps')}</a>)
      </dd>
      <dt>{t('staff.bins.type')}</dt>
      <dd>{bin.bin_type}</dd>
      <dt>{t('staff.bins.volume')}</dt>
      <dd>{bin.volume_l ?? '–'}</dd>
      <dt>{t('staff.bins.department')}</dt>
      <dd>{bin.department_name ?? t('staff.bins.departmentByRouting', { name: data.routedDepartmentName })}</dd>
      <dt>{t('staff.bins.externalRef')}</dt>
      <dd>{bin.external_ref ?? '–'}</dd>
      <dt>{t('staff.bins.lastEmptied')}</dt>
      <dd>{bin.last_emptied_at ? dateTime(bin.last_emptied_at, page) : t('staff.bins.never')}</dd>
      <dt>{t('staff.bins.nextEmptying')}</dt>
      <dd>{bin.next_emptying_at ? dateTime(bin.next_emptying_at, page) : '–'}</dd>
      {bin.flagged_at ? (
        <>
          <dt>{t('staff.bins.flagged')}</dt>
          <dd>
            {dateTime(bin.flagged_at, page)}: {bin.flag_reason}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function Actions({ page, data }: { page: Page; data: BinDetailData }) {
  const { t } = page;
  const base = `/intern/papierkoerbe/${data.bin.id}`;
  return (
    <>
      <BinEditForm page={page} data={data.form} action={page.href(base)} csrfToken={data.csrfToken} />
      <section aria-labelledby="reissue-title" class="bins-action">
        <h2 id="reissue-title">{t('staff.bins.reissue')}</h2>
        <p>{t('staff.bins.reissueHelp')}</p>
        <form method="post" action={page.href(`${base}/neuer-code`)}>
          <input type="hidden" name="csrf" value={data.csrfToken} />
          <button type="submit" class="button button-secondary bins-button">
            {t('staff.bins.reissueButton')}
          </button>
        </form>
      </section>
      <section aria-labelledby="retire-title" class="bins-action">
        <h2 id="retire-title">{t('staff.bins.retire')}</h2>
        <p>{t('staff.bins.retireHelp', { state: { key: 'state.no_action' } })}</p>
        <form method="post" action={page.href(`${base}/ausmustern`)}>
          <input type="hidden" name="csrf" value={data.csrfToken} />
          {data.retireUnconfirmed ? (
            <p class="field-error" id="retire-error">
              {t('staff.bins.error.retireUnconfirmed')}
            </p>
          ) : null}
          <label class="bins-inline">
            <input
              type="checkbox"
              name="bestaetigt"
              value="1"
              id="retire-confirm"
              aria-invalid={data.retireUnconfirmed ? 'true' : undefined}
              aria-describedby={data.retireUnconfirmed ? 'retire-error' : undefined}
            />{' '}
            {t('staff.bins.retireConfirm', { code: data.bin.code })}
          </label>
          <button type="submit" class="button button-secondary bins-button">
            {t('staff.bins.retireButton')}
          </button>
        </form>
      </section>
    </>
  );
}

export function BinDetailPage({ page, data }: { page: Page; data: BinDetailData }) {
  const { t } = page;
  const { bin } = data;
  const heading = t('staff.bins.detailTitle', { code: bin.code });
  const hasErrors = Object.keys(data.form.errors).length > 0;
  const open = data.reports.filter((r) => (OPEN_STATES as readonly string[]).includes(r.state));
  const history = historyOf(page, data);
  return (
    <StaffLayout page={page} user={data.user} csrfToken={data.csrfToken} title={hasErrors ? `${t('staff.bins.errorTitle')}: ${heading}` : heading} styles={['staff-bins.css']}>
      <p>
        <a href={page.href('/intern/papierkoerbe')}>{t('staff.bins.back')}</a>
      </p>
      <h1>{heading}</h1>
      {data.notice ? (
        <div class="flash" role="status">
          <p>{t(data.notice.key, data.notice.params)}</p>
          {data.newCode ? (
            <p>
              <a href={`/intern/aufkleber.pdf?format=3659&codes=${data.newCode}`}>{t('staff.bins.printNew', { code: data.newCode })}</a>
            </p>
          ) : null}
        </div>
      ) : null}
      {!bin.active && bin.retired_at ? <p class="notice">{t('staff.bins.retiredSince', { when: dateTime(bin.retired_at, page) })}</p> : null}
      <h2>{t('staff.bins.facts')}</h2>
      <div class="bins-facts-row">
        <Facts page={page} data={data} />
        <BinMiniMap page={page} point={{ lat: bin.lat, lon: bin.lon }} districts={data.districts} districtId={bin.district_id} />
      </div>
      <h2>{t('staff.bins.openTasksTitle')}</h2>
      {open.length ? (
        <ul>
          {open.map((r) => (
            <li>
              <a href={page.href(reportPaths.page(r.id))}>{t('staff.bins.report', { id: r.id })}</a>: {r.category_name}, {formatState(page, r.state)} ({r.support_count})
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('staff.bins.noOpenTasks')}</p>
      )}
      <h2>{t('staff.bins.history')}</h2>
      {history.length ? (
        <div class="table-scroll">
          <table class="bins-history">
            <thead>
              <tr>
                <th scope="col">{t('staff.bins.when')}</th>
                <th scope="col">{t('staff.bins.what')}</th>
                <th scope="col">{t('staff.bins.who')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((row) => (
                <tr>
                  <td>{dateTime(row.at, page)}</td>
                  <td>{row.reportId !== null ? <a href={page.href(reportPaths.page(row.reportId))}>{row.what}</a> : row.what}</td>
                  <td>{row.who}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('staff.bins.historyEmpty')}</p>
      )}
      {data.canChange && bin.active ? <Actions page={page} data={data} /> : null}
      {!data.canChange ? <p class="notice">{t('staff.bins.readOnly')}</p> : null}
    </StaffLayout>
  );
}
