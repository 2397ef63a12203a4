// Small pieces shared by the crew and bin pages.
import { CITY_TIME_ZONE } from '../../../domain/formatters.ts';
import type { Page } from '../page.ts';

/**
 * A GET form drops the query of its action, so a language chosen with ?lang= travels as a field;
 * page.href tells whether it was chosen explicitly.
 */
export function LangField({ page }: { page: Page }) {
  return page.href('/') === '/' ? null : <input type="hidden" name="lang" value={page.lang} />;
}

// Built once (domain/formatters.ts says why).
const WALL_CLOCK = new Intl.DateTimeFormat('en-CA', { timeZone: CITY_TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** Mainz wall-clock time of an instant as a datetime-local value ("2026-11-23T06:00"). */
export function localDateTimeValue(iso: string | null): string {
  if (!iso) return '';
  const parts = Object.fromEntries(WALL_CLOCK.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
