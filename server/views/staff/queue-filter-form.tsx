// The queue's filter form: a plain GET form (works without JavaScript, every selection has an address).
// After a 422 it shows each message at its field and keeps every value, the invalid ones included.
import type { Child } from 'hono/jsx';
import type { QueueCatalogueRows } from '../../../db/staff-queue.ts';
import { AGE_CHOICES, PRIORITIES, SORTS, SOURCES, hasQueueFilters, type QueueField, type QueueFieldError, type QueueFilterValues } from '../../../domain/queue-filter.ts';
import { STATES } from '../../../domain/states.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { Page } from '../page.ts';
import { formatState } from '../staff.tsx';

export interface QueueFilterFormProps {
  page: Page;
  /** The page the form sends to: the list or the map. */
  action: string;
  values: QueueFilterValues;
  errors: readonly QueueFieldError[];
  catalogue: QueueCatalogueRows;
  /** The departments this user may choose (all for admin and dispatcher). */
  departments: QueueCatalogueRows['departments'];
  allDepartments: boolean;
}

interface Option {
  value: string;
  label: string;
}

function errorId(field: QueueField) {
  return `filter-${field}-error`;
}

function FieldErrors({ page, field, errors }: { page: Page; field: QueueField; errors: readonly QueueFieldError[] }) {
  const mine = errors.filter((e) => e.field === field);
  if (mine.length === 0) return null;
  return (
    <p class="field-error" id={errorId(field)}>
      {mine.map((e) => page.t(e.key, e.params)).join(' ')}
    </p>
  );
}

/** A select with an empty "all" choice; a value that is not among the options stays, marked invalid. */
function SelectField(props: { page: Page; field: QueueField; label: string; all?: string; options: Option[]; values: QueueFilterValues; errors: readonly QueueFieldError[] }) {
  const { page, field } = props;
  const value = props.values[field] as string;
  const invalid = props.errors.some((e) => e.field === field);
  const known = props.options.some((o) => o.value === value);
  return (
    <div class="field">
      <label for={`filter-${field}`}>{props.label}</label>
      <FieldErrors page={page} field={field} errors={props.errors} />
      <select id={`filter-${field}`} name={field} aria-invalid={invalid ? 'true' : undefined} aria-describedby={invalid ? errorId(field) : undefined}>
        {props.all !== undefined ? <option value="">{props.all}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
        {value !== '' && !known ? (
          <option value={value} selected>
            {page.t('staff.queue.invalidOption', { value })}
          </option>
        ) : null}
      </select>
    </div>
  );
}

function CheckField(props: { page: Page; field: 'ueberfaellig' | 'mir'; label: string; values: QueueFilterValues; errors: readonly QueueFieldError[] }) {
  const { page, field } = props;
  const invalid = props.errors.some((e) => e.field === field);
  return (
    <div class="field check">
      <FieldErrors page={page} field={field} errors={props.errors} />
      <input
        type="checkbox"
        id={`filter-${field}`}
        name={field}
        value="1"
        checked={props.values[field] !== ''}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? errorId(field) : undefined}
      />
      <label for={`filter-${field}`}>{props.label}</label>
    </div>
  );
}

export function QueueFilterForm(props: QueueFilterFormProps): Child {
  const { page, values, errors, catalogue } = props;
  const { t } = page;
  const lang = page.lang === 'en';
  // A language chosen by ?lang= has no cookie to live in: the form carries it on.
  const chosenLang = page.href('/') !== '/';
  const statusInvalid = errors.some((e) => e.field === 'status');
  const pageError = errors.some((e) => e.field === 'seite');
  return (
    <section class="filters queue-filters" aria-labelledby="filters-title">
      <h2 id="filters-title">{t('staff.queue.filters')}</h2>
      <form method="get" action={props.action}>
        {chosenLang ? <input type="hidden" name="lang" value={page.lang} /> : null}
        <div class="queue-filter-grid">
          <fieldset class="state-field" aria-describedby={statusInvalid ? `${errorId('status')} filter-status-help` : 'filter-status-help'}>
            <legend>{t('staff.queue.state')}</legend>
            <p class="help" id="filter-status-help">
              {t('staff.queue.stateHelp')}
            </p>
            <FieldErrors page={page} field="status" errors={errors} />
            <ul class="checks">
              {STATES.map((s) => (
                <li>
                  <input type="checkbox" id={`filter-status-${s}`} name="status" value={s} checked={values.status.includes(s)} />
                  <label for={`filter-status-${s}`}>{formatState(page, s)}</label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div class="queue-filter-fields">
            <SelectField
              page={page}
              field="fachamt"
              label={t('staff.queue.department')}
              all={t(props.allDepartments ? 'staff.queue.allDepartments' : 'staff.queue.myDepartments')}
              options={props.departments.map((d) => ({ value: d.slug, label: d.name }))}
              values={values}
              errors={errors}
            />
            <SelectField
              page={page}
              field="kategorie"
              label={t('staff.queue.category')}
              all={t('staff.queue.allCategories')}
              options={catalogue.categories.map((c) => ({ value: c.slug, label: lang ? c.name_en : c.name_de }))}
              values={values}
              errors={errors}
            />
            <SelectField
              page={page}
              field="ortsbezirk"
              label={t('staff.queue.district')}
              all={t('staff.queue.allDistricts')}
              options={catalogue.districts.map((d) => ({ value: d.name, label: d.name }))}
              values={values}
              errors={errors}
            />
            <SelectField
              page={page}
              field="quelle"
              label={t('staff.queue.source')}
              all={t('staff.queue.allSources')}
              options={SOURCES.map((s) => ({ value: s, label: t(`staff.queue.source.${s}` as MessageKey) }))}
              values={values}
              errors={errors}
            />
            <SelectField
              page={page}
              field="alter"
              label={t('staff.queue.age')}
              all={t('staff.queue.anyAge')}
              options={AGE_CHOICES.map((n) => ({ value: String(n), label: n === 1 ? t('staff.queue.olderThanDay') : t('staff.queue.olderThanDays', { n }) }))}
              values={values}
              errors={errors}
            />
            <SelectField
              page={page}
              field="prioritaet"
              label={t('staff.queue.priority')}
              all={t('staff.queue.anyPriority')}
              options={Object.entries(PRIORITIES).map(([value, n]) => ({ value, label: t(`staff.queue.priority.${n}` as MessageKey) }))}
              values={values}
              errors={errors}
            />
            <SelectField
              page={page}
              field="sortierung"
              label={t('staff.queue.sort')}
              options={Object.entries(SORTS).map(([value, sort]) => ({ value, label: t(`staff.queue.sort.${sort}` as MessageKey) }))}
              values={values}
              errors={errors}
            />
            <CheckField page={page} field="ueberfaellig" label={t('staff.queue.overdueOnly')} values={values} errors={errors} />
            <CheckField page={page} field="mir" label={t('staff.queue.mine')} values={values} errors={errors} />
          </div>
        </div>
        {pageError ? (
          // The page number has no field of its own; a bad one is said here and dropped on the next send.
          <FieldErrors page={page} field="seite" errors={errors} />
        ) : null}
        <p class="filter-actions">
          <button type="submit" class="filter-submit">
            {t('staff.queue.apply')}
          </button>
          {hasQueueFilters(values) || values.sortierung !== '' || errors.length > 0 ? <a href={page.href(props.action)}>{t('staff.queue.reset')}</a> : null}
        </p>
      </form>
    </section>
  );
}
