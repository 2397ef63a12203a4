// The row layout shared by the queue, its map fallback, the central desk and the escalation list.
// Overdue is said in words and with a symbol, never by colour alone.
import type { QueueRow } from '../../../db/staff-queue.ts';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import type { Page } from '../page.ts';
import { formatState } from '../staff.tsx';
import { OPEN_STATES } from '../../../domain/states.ts';
import { DATE_TIME, numberFormatsPerLanguage } from '../../../domain/formatters.ts';
import { reportPaths } from '../../paths.ts';

const COUNT = numberFormatsPerLanguage({});

/** Date and time as views/staff.tsx's dateTime writes it (one formatter per language, see domain/formatters.ts). */
export function queueDateTime(iso: string, page: Pick<Page, 'lang'>): string {
  return DATE_TIME[page.lang].format(new Date(iso));
}

/** "3 Tage", "5 Std.", "12 Min.": how long something took or is late, coarse enough to read at a glance. */
export function durationWords(ms: number, t: Translate): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (days >= 2) return t('staff.queue.days', { n: days });
  if (days === 1) return t('staff.queue.day');
  if (hours >= 1) return t('staff.queue.hours', { n: hours });
  return t('staff.queue.minutes', { n: minutes });
}

/** Only an open report can be late; a closed one keeps its due time as a fact, not a warning. */
export function isOverdue(row: Pick<QueueRow, 'due_at' | 'state'>, now: Date): boolean {
  return isOpenState(row.state) && row.due_at !== null && Date.parse(row.due_at) < now.getTime();
}

function isOpenState(state: string): boolean {
  return (OPEN_STATES as readonly string[]).includes(state);
}

export function priorityLabel(page: Page, priority: number): string {
  return page.t(`staff.queue.priority.${priority === 1 || priority === 2 ? priority : 0}` as MessageKey);
}

export function categoryName(page: Page, row: Pick<QueueRow, 'category_name_de' | 'category_name_en'>): string {
  return page.lang === 'en' ? row.category_name_en : row.category_name_de;
}

export function placeText(row: Pick<QueueRow, 'district_name' | 'address'>): string {
  return [row.district_name, row.address].filter(Boolean).join(', ') || '–';
}

function DueCell({ page, row, now }: { page: Page; row: QueueRow; now: Date }) {
  const { t } = page;
  if (row.due_at === null) return <td data-label={t('staff.queue.col.due')}>{t('staff.queue.noDue')}</td>;
  if (!isOpenState(row.state)) return <td class="due" data-label={t('staff.queue.col.due')}>{queueDateTime(row.due_at, page)}</td>;
  const late = Date.parse(row.due_at) - now.getTime();
  if (late < 0) {
    return (
      <td class="due overdue" data-label={t('staff.queue.col.due')}>
        {queueDateTime(row.due_at, page)}
        <br />
        <strong class="overdue-mark">
          <span aria-hidden="true">⚠ </span>
          {t('staff.queue.overdueBy', { duration: durationWords(late, t) })}
        </strong>
      </td>
    );
  }
  return (
    <td class="due" data-label={t('staff.queue.col.due')}>
      {queueDateTime(row.due_at, page)}
      <br />
      <span class="muted">{t('staff.queue.dueLeft', { duration: durationWords(late, t) })}</span>
    </td>
  );
}

export type ReasonOf = (row: QueueRow) => string;

export interface QueueTableProps {
  page: Page;
  rows: readonly QueueRow[];
  now: Date;
  caption: string;
  /** The central desk's extra column: why the report is there. */
  reason?: ReasonOf;
  /** id of the table, e.g. for the "skip to results" link. */
  id?: string;
  /** A department column, for whoever sees the reports of more than one department at once. */
  showDepartment?: boolean;
}

/**
 * One row per report. The number is a link, so every row is reachable with Tab; web/staff-queue.js
 * adds j/k between the rows' links (data-queue-table marks the tables it works on).
 */
export function QueueTable({ page, rows, now, caption, reason, id, showDepartment }: QueueTableProps) {
  const { t } = page;
  return (
    <div class="table-scroll queue-scroll" role="region" aria-label={caption} tabindex={0}>
      <table class="queue-table" id={id} data-queue-table="">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.queue.col.number')}</th>
            <th scope="col">{t('staff.queue.col.category')}</th>
            {showDepartment ? <th scope="col">{t('staff.queue.col.department')}</th> : null}
            {reason ? <th scope="col">{t('staff.queue.col.reason')}</th> : null}
            <th scope="col">{t('staff.queue.col.place')}</th>
            <th scope="col">{t('staff.queue.col.state')}</th>
            <th scope="col">{t('staff.queue.col.priority')}</th>
            <th scope="col">{t('staff.queue.col.assignee')}</th>
            <th scope="col">{t('staff.queue.col.age')}</th>
            <th scope="col">{t('staff.queue.col.due')}</th>
            <th scope="col" class="num">
              {t('staff.queue.col.support')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr class={isOverdue(row, now) ? 'is-overdue' : undefined}>
              <th scope="row" data-label={t('staff.queue.col.number')}>
                <a href={page.href(reportPaths.page(row.id))} class="queue-link">
                  {row.id}
                </a>
              </th>
              <td data-label={t('staff.queue.col.category')}>{categoryName(page, row)}</td>
              {showDepartment ? <td data-label={t('staff.queue.col.department')}>{row.department_name}</td> : null}
              {reason ? <td data-label={t('staff.queue.col.reason')}>{reason(row)}</td> : null}
              <td data-label={t('staff.queue.col.place')}>{placeText(row)}</td>
              <td data-label={t('staff.queue.col.state')}>
                {formatState(page, row.state)}
                {row.hidden ? <span class="tag">{t('staff.queue.hidden')}</span> : null}
              </td>
              <td class={row.priority > 0 ? `priority priority-${row.priority}` : 'priority'} data-label={t('staff.queue.col.priority')}>{priorityLabel(page, row.priority)}</td>
              <td data-label={t('staff.queue.col.assignee')}>{row.assignee_name ?? <span class="muted">{t('staff.queue.nobody')}</span>}</td>
              <td data-label={t('staff.queue.col.age')}>
                <time datetime={row.created_at}>{durationWords(now.getTime() - Date.parse(row.created_at), t)}</time>
              </td>
              <DueCell page={page} row={row} now={now} />
              <td class="num" data-label={t('staff.queue.col.support')}>{row.support_count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A count as people write it: 10.000 in German, 10,000 in English. */
export function countText(page: Pick<Page, 'lang'>, n: number): string {
  return COUNT[page.lang].format(n);
}

export interface QueuePaginationProps {
  page: Page;
  current: number;
  /** null: not known (a capped count); then `hasNext` says whether another page follows. */
  pages: number | null;
  hasNext: boolean;
  /** The address of page n, keeping the selection. */
  link: (n: number) => string;
}

export function QueuePagination({ page, current, pages, hasNext, link }: QueuePaginationProps) {
  const { t } = page;
  if (current <= 1 && !hasNext) return null;
  return (
    <nav class="pagination" aria-label={t('staff.queue.pages')}>
      {pages === null ? <p>{t('staff.queue.pageOnly', { page: current })}</p> : current <= pages ? <p>{t('staff.queue.pageOf', { page: current, pages })}</p> : null}
      <ul>
        {current > 1 ? (
          <li>
            {/* Past the end, "previous" is the last page there is. */}
            <a href={link(pages === null ? current - 1 : Math.min(current - 1, pages))} rel="prev">
              {t('staff.queue.previous')}
            </a>
          </li>
        ) : null}
        {hasNext ? (
          <li>
            <a href={link(current + 1)} rel="next">
              {t('staff.queue.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
