// The queue's selection as it arrives in the URL: German parameter names, validated at the edge.
// Pure: the catalogue (which category slugs, district names, department slugs exist) is a parameter,
// so the route decides where it comes from and tests need no database.
// An invalid value is never silently ignored: it comes back as a field error for a 422 page that
// shows the message at the field and keeps what the person typed.
import type { MessageKey, MessageParams } from '../server/i18n/index.ts';
import { CLOSED_STATES, OPEN_STATES, STATES, isReportState, type ReportState } from './states.ts';

export const QUEUE_PAGE_SIZE = 50;
/** "older than N days" choices of the age filter. */
export const AGE_CHOICES = [1, 3, 7, 30] as const;
export const SOURCES = ['qr', 'web', 'api', 'sensor'] as const;
export type QueueSource = (typeof SOURCES)[number];
/** URL value → sort. The URL speaks German like the rest of the back office. */
export const SORTS = { faellig: 'due', aelteste: 'oldest', neueste: 'newest', unterstuetzt: 'supported' } as const;
export type QueueSortParam = keyof typeof SORTS;
export type QueueSort = (typeof SORTS)[QueueSortParam];
export const DEFAULT_SORT: QueueSortParam = 'faellig';
/** URL value → reports.priority (0 normal, 1 high, 2 urgent). */
export const PRIORITIES = { normal: 0, hoch: 1, dringend: 2 } as const;
export type QueuePriorityParam = keyof typeof PRIORITIES;
/** Guards against absurd page numbers before any query runs. */
const MAX_PAGE = 100_000;

/** The parameters exactly as given (trimmed), for links and for re-rendering the form. */
export interface QueueFilterValues {
  status: string[];
  kategorie: string;
  ortsbezirk: string;
  quelle: string;
  alter: string;
  ueberfaellig: string;
  fachamt: string;
  mir: string;
  prioritaet: string;
  sortierung: string;
  seite: string;
}

export type QueueField = keyof QueueFilterValues;
export const SINGLE_FIELDS = ['kategorie', 'ortsbezirk', 'quelle', 'alter', 'ueberfaellig', 'fachamt', 'mir', 'prioritaet', 'sortierung', 'seite'] as const;

/** What the queries need, once the values are known to be valid. */
export interface QueueSelection {
  states: ReportState[];
  /** false: the default (the open states), no status parameter was given. */
  statesChosen: boolean;
  categorySlug?: string;
  districtName?: string;
  source?: QueueSource;
  olderThanDays?: number;
  overdueOnly: boolean;
  departmentSlug?: string;
  mine: boolean;
  priority?: number;
  sort: QueueSort;
  page: number;
}

export interface QueueFieldError {
  field: QueueField;
  key: MessageKey;
  params?: MessageParams;
}

export interface QueueCatalogue {
  categories: readonly string[];
  districts: readonly string[];
  departments: readonly string[];
}

export type ParsedQueueQuery = { values: QueueFilterValues; selection: QueueSelection; errors: [] } | { values: QueueFilterValues; selection: null; errors: QueueFieldError[] };

export function emptyQueueValues(): QueueFilterValues {
  return { status: [], kategorie: '', ortsbezirk: '', quelle: '', alter: '', ueberfaellig: '', fachamt: '', mir: '', prioritaet: '', sortierung: '', seite: '' };
}

/** Reads the values from the URL's query; a repeated single-valued parameter is an error of its own. */
function readValues(params: URLSearchParams): { values: QueueFilterValues; errors: QueueFieldError[] } {
  const values = emptyQueueValues();
  const errors: QueueFieldError[] = [];
  // Several `status` parameters are the checkboxes; an empty one is a form sent with nothing ticked.
  values.status = params.getAll('status').map((s) => s.trim()).filter((s) => s !== '');
  for (const field of SINGLE_FIELDS) {
    const all = params.getAll(field).map((v) => v.trim());
    const given = all.filter((v) => v !== '');
    values[field] = given[0] ?? '';
    if (given.length > 1) errors.push({ field, key: 'staff.queue.error.repeated', params: { name: field } });
  }
  return { values, errors };
}

/** "1" (a ticked checkbox) or nothing; anything else is a mistake in a hand-made URL. */
function flag(values: QueueFilterValues, field: 'ueberfaellig' | 'mir', errors: QueueFieldError[]): boolean {
  if (values[field] === '') return false;
  if (values[field] === '1') return true;
  errors.push({ field, key: 'staff.queue.error.flag', params: { value: values[field] } });
  return false;
}

function oneOf<T extends string>(values: QueueFilterValues, field: QueueField, allowed: readonly string[], errors: QueueFieldError[], key: MessageKey): T | undefined {
  const value = values[field] as string;
  if (value === '') return undefined;
  if (allowed.includes(value)) return value as T;
  errors.push({ field, key, params: { value } });
  return undefined;
}

export function parseQueueQuery(params: URLSearchParams, catalogue: QueueCatalogue): ParsedQueueQuery {
  const { values, errors } = readValues(params);

  const unknownStates = values.status.filter((s) => !isReportState(s));
  if (unknownStates.length > 0) errors.push({ field: 'status', key: 'staff.queue.error.status', params: { value: unknownStates.join(', ') } });
  const chosen = new Set(values.status.filter(isReportState));
  // Keep the order of the state table, whatever order the URL had: counts and links read the same.
  const states = chosen.size > 0 ? STATES.filter((s) => chosen.has(s)) : [...OPEN_STATES];

  const categorySlug = oneOf<string>(values, 'kategorie', catalogue.categories, errors, 'staff.queue.error.category');
  const districtName = oneOf<string>(values, 'ortsbezirk', catalogue.districts, errors, 'staff.queue.error.district');
  const source = oneOf<QueueSource>(values, 'quelle', SOURCES, errors, 'staff.queue.error.source');
  const age = oneOf<string>(values, 'alter', AGE_CHOICES.map(String), errors, 'staff.queue.error.age');
  const departmentSlug = oneOf<string>(values, 'fachamt', catalogue.departments, errors, 'staff.queue.error.department');
  const priority = oneOf<QueuePriorityParam>(values, 'prioritaet', Object.keys(PRIORITIES), errors, 'staff.queue.error.priority');
  const sort = oneOf<QueueSortParam>(values, 'sortierung', Object.keys(SORTS), errors, 'staff.queue.error.sort');
  const overdueOnly = flag(values, 'ueberfaellig', errors);
  const mine = flag(values, 'mir', errors);

  let page = 1;
  if (values.seite !== '') {
    if (/^[1-9]\d{0,5}$/.test(values.seite) && Number(values.seite) <= MAX_PAGE) page = Number(values.seite);
    else errors.push({ field: 'seite', key: 'staff.queue.error.page', params: { value: values.seite } });
  }

  if (errors.length > 0) return { values, selection: null, errors };
  return {
    values,
    errors: [],
    selection: {
      states,
      statesChosen: chosen.size > 0,
      categorySlug,
      districtName,
      source,
      olderThanDays: age === undefined ? undefined : Number(age),
      overdueOnly,
      departmentSlug,
      mine,
      priority: priority === undefined ? undefined : PRIORITIES[priority],
      sort: SORTS[sort ?? DEFAULT_SORT],
      page,
    },
  };
}

/** Closed states are counted only when the selection asks for them (see docs/decisions/015-queue.md). */
export function statesToCount(selection: Pick<QueueSelection, 'states'>): ReportState[] {
  return STATES.filter((s) => (OPEN_STATES as readonly string[]).includes(s) || selection.states.includes(s));
}

export function isClosedState(state: string): boolean {
  return (CLOSED_STATES as readonly string[]).includes(state);
}

/**
 * `?a=…&b=…` from values: empty values are left out, `overrides` replace fields (null removes one).
 * Links between list, map, CSV and the count links are built with it, so each keeps the selection.
 */
export function queueQueryString(values: QueueFilterValues, overrides: Partial<Record<QueueField | 'lang', string | string[] | null>> = {}): string {
  const params = new URLSearchParams();
  const merged: Record<string, string | string[] | null> = { ...values, ...overrides };
  for (const [name, value] of Object.entries(merged)) {
    if (value === null || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (v !== '') params.append(name, v);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** True when anything other than the page and the sort narrows the default selection. */
export function hasQueueFilters(values: QueueFilterValues): boolean {
  return values.status.length > 0 || (['kategorie', 'ortsbezirk', 'quelle', 'alter', 'ueberfaellig', 'fachamt', 'mir', 'prioritaet'] as const).some((f) => values[f] !== '');
}
