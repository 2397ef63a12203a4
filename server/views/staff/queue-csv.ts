// The queue's CSV export, written for German Excel: UTF-8 with a byte-order mark (so umlauts survive),
// ';' between cells (',' is the decimal separator there), CRLF between rows. No reporter e-mails.
// Text that people typed can start a formula (=HYPERLINK(…), +, -, @): such cells get a leading
// apostrophe, which Excel and LibreOffice show as text (OWASP "CSV injection").
import type { QueueRow } from '../../../db/staff-queue.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { CITY_TIME_ZONE } from '../../domain/time-words.ts';
import type { Page } from '../page.ts';
import { formatState } from '../staff.tsx';
import { categoryName, isOverdue, priorityLabel } from './queue-table.tsx';

const BOM = '\uFEFF';
const SEPARATOR = ';';

/** A cell as text: formula starters defused, then quoted when it holds a separator, quote or line break. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  // Tab and carriage return start formulas in some spreadsheet programs too.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One formatter for all cells: building one costs about 0.3 ms, 20,000 rows would pay it 40,000 times. */
const LOCAL_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: CITY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2026-11-21 11:00" in the city's time: Excel reads it as a date and time. */
function localTime(iso: string | null): string | null {
  if (!iso) return null;
  const parts = LOCAL_PARTS.formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** German Excel reads "49,99" as a number; "49.99" would become text or a date. */
function decimal(n: number, page: Page): string {
  const text = n.toFixed(6);
  return page.lang === 'de' ? text.replace('.', ',') : text;
}

export function queueCsv(page: Page, rows: readonly QueueRow[], now: Date): string {
  const { t } = page;
  const header = ['number', 'category', 'department', 'district', 'address', 'lat', 'lon', 'state', 'priority', 'assignee', 'source', 'created', 'due', 'overdue', 'support', 'description'].map((k) =>
    t(`staff.queue.csv.${k}` as MessageKey),
  );
  const lines = [header.map(csvCell).join(SEPARATOR)];
  for (const r of rows) {
    const cells: Array<string | number | null> = [
      r.id,
      categoryName(page, r),
      r.department_name,
      r.district_name,
      r.address,
      decimal(r.lat, page),
      decimal(r.lon, page),
      formatState(page, r.state),
      priorityLabel(page, r.priority),
      r.assignee_name,
      t(`staff.queue.source.${r.source}` as MessageKey),
      localTime(r.created_at),
      localTime(r.due_at),
      t(isOverdue(r, now) ? 'staff.queue.csv.yes' : 'staff.queue.csv.no'),
      r.support_count,
      r.description,
    ];
    lines.push(cells.map(csvCell).join(SEPARATOR));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
