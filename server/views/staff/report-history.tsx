// A report's whole history for staff: every event with its label (never the raw code), who did it,
// what changed, the text, and whether the public sees it.
import type { ReportChoices } from '../../../db/report-choices.ts';
import type { ReportEvent } from '../../../db/schema.ts';
import { DATE_TIME } from '../../../domain/formatters.ts';
import { priorityKey } from '../../../domain/priority.ts';
import { describeActor, eventLabelKey, parseDetail } from '../../../domain/report-events.ts';
import type { Page } from '../page.ts';
import { formatState } from '../staff.tsx';
import { reportPaths } from '../../paths.ts';

interface Names {
  staff: ReadonlyMap<number, string>;
  choices: ReportChoices;
}

// One formatter per language, built once (domain/formatters.ts): constructing an Intl.DateTimeFormat
// per row cost ~0.5 ms, which made a report with 200 events take 100 ms to render.
const FORMATTERS = DATE_TIME;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function reportLink(page: Page, id: number) {
  return <a href={page.href(reportPaths.page(id))}>{page.t('staff.report.numberShort', { number: id })}</a>;
}

/** What changed, in words: states, priorities, people, departments, categories, places, the other report. */
function EventChange({ page, event, names }: { page: Page; event: ReportEvent; names: Names }) {
  const { t } = page;
  const d = parseDetail(event.detail);
  const arrow = (from: string, to: string) => `${from} → ${to}`;
  const person = (v: unknown) => {
    const id = num(v);
    return id === null ? t('staff.report.assign.nobody') : (names.staff.get(id) ?? t('staff.report.actor.unknownStaff'));
  };
  const department = (v: unknown) => names.choices.departments.find((x) => x.id === num(v))?.name ?? '?';
  const category = (v: unknown) => {
    const c = names.choices.categories.find((x) => x.id === num(v));
    return c ? (page.lang === 'en' ? c.nameEn : c.nameDe) : '?';
  };
  const fieldsOf = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  const place = (v: unknown, withAddress: boolean) => {
    const p = fieldsOf(v);
    const lat = num(p['lat']);
    const lon = num(p['lon']);
    const district = num(p['districtId']);
    const point = lat !== null && lon !== null ? `${lat.toFixed(5)}, ${lon.toFixed(5)}` : '?';
    const where = district !== null && names.choices.districts.has(district) ? `${point} (${names.choices.districts.get(district)})` : point;
    // The address only when it was changed; a removed one reads "–".
    return withAddress ? `${where}, ${typeof p['address'] === 'string' ? `„${p['address']}“` : '–'}` : where;
  };
  switch (event.type) {
    case 'priority_changed':
      return <>{arrow(t(priorityKey(num(d['from']) ?? 0)), t(priorityKey(num(d['to']) ?? 0)))}</>;
    case 'assigned':
      return <>{arrow(person(d['from']), person(d['to']))}</>;
    case 'forwarded':
      return <>{arrow(department(d['from']), department(d['to']))}</>;
    case 'category_changed':
      return <>{arrow(category(d['from']), category(d['to']))}</>;
    case 'location_changed': {
      const reworded = (fieldsOf(d['from'])['address'] ?? null) !== (fieldsOf(d['to'])['address'] ?? null);
      return <>{arrow(place(d['from'], reworded), place(d['to'], reworded))}</>;
    }
    case 'merged_into':
      return num(d['target']) === null ? null : <>{t('staff.report.history.into')} {reportLink(page, num(d['target'])!)}</>;
    case 'duplicate_merged':
      return num(d['duplicate']) === null ? null : <>{reportLink(page, num(d['duplicate'])!)}</>;
    default:
      if (!event.to_state) return null;
      return <>{event.from_state ? arrow(formatState(page, event.from_state), formatState(page, event.to_state)) : formatState(page, event.to_state)}</>;
  }
}

export function ReportHistory({ page, events, names }: { page: Page; events: ReportEvent[]; names: Names }) {
  const { t } = page;
  return (
    // Focusable and named: on a phone the table scrolls sideways, and keyboard users must be able to scroll it.
    <div class="table-scroll" id="verlauf" tabindex={0} role="region" aria-label={t('staff.report.history')}>
      <table class="history">
        <caption class="visually-hidden">{t('staff.report.history.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.report.when')}</th>
            <th scope="col">{t('staff.report.event')}</th>
            <th scope="col">{t('staff.report.history.who')}</th>
            <th scope="col">{t('staff.report.text')}</th>
            <th scope="col">{t('staff.report.visibility')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const actor = describeActor(e.type, e.actor, names.staff);
            const change = <EventChange page={page} event={e} names={names} />;
            return (
              <tr class={e.public ? 'event-public' : undefined} data-type={e.type}>
                <td>{FORMATTERS[page.lang].format(new Date(e.created_at))}</td>
                <td>
                  <strong>{t(eventLabelKey(e.type))}</strong>
                  <span class="event-change">{change}</span>
                </td>
                <td>{'name' in actor ? actor.name : t(actor.key)}</td>
                <td class="event-body">{e.body ?? ''}</td>
                <td>
                  <span class={e.public ? 'badge badge-public' : 'badge'}>{t(e.public ? 'staff.report.public' : 'staff.report.internal')}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
