// The pure part: reading the query into a selection, and writing a selection back into links.
import { describe, expect, it } from 'vitest';
import { emptyQueueValues, hasQueueFilters, parseQueueQuery, queueQueryString, statesToCount } from '../../domain/queue-filter.ts';

const catalogue = { categories: ['gully', 'ampel'], districts: ['Altstadt', 'Hartenberg-Münchfeld'], departments: ['tiefbau', 'licht'] };
const parse = (query: string) => parseQueueQuery(new URLSearchParams(query), catalogue);

describe('parseQueueQuery', () => {
  it('defaults to the open states, due first, page 1', () => {
    const { selection, errors } = parse('');
    expect(errors).toEqual([]);
    expect(selection).toEqual({
      states: ['new', 'acknowledged', 'in_progress'],
      statesChosen: false,
      categorySlug: undefined,
      districtName: undefined,
      source: undefined,
      olderThanDays: undefined,
      overdueOnly: false,
      departmentSlug: undefined,
      mine: false,
      priority: undefined,
      sort: 'due',
      page: 1,
    });
  });

  it('reads every parameter, states in the order of the state table', () => {
    const { selection } = parse('status=done&status=new&kategorie=gully&ortsbezirk=Hartenberg-M%C3%BCnchfeld&quelle=sensor&alter=30&ueberfaellig=1&fachamt=licht&mir=1&prioritaet=dringend&sortierung=unterstuetzt&seite=7');
    expect(selection).toEqual({
      states: ['new', 'done'],
      statesChosen: true,
      categorySlug: 'gully',
      districtName: 'Hartenberg-Münchfeld',
      source: 'sensor',
      olderThanDays: 30,
      overdueOnly: true,
      departmentSlug: 'licht',
      mine: true,
      priority: 2,
      sort: 'supported',
      page: 7,
    });
  });

  it('collects every error with its field and keeps the values', () => {
    const { selection, errors, values } = parse('status=neu&kategorie=GULLY&seite=0&mir=ja&quelle=qr');
    expect(selection).toBeNull();
    expect(errors.map((e) => [e.field, e.key])).toEqual([
      ['status', 'staff.queue.error.status'],
      ['kategorie', 'staff.queue.error.category'],
      ['mir', 'staff.queue.error.flag'],
      ['seite', 'staff.queue.error.page'],
    ]);
    expect(values).toMatchObject({ status: ['neu'], kategorie: 'GULLY', seite: '0', mir: 'ja', quelle: 'qr' });
  });

  it('trims values and treats empty ones as not given', () => {
    expect(parse('kategorie=%20gully%20&ortsbezirk=&status=').selection).toMatchObject({ categorySlug: 'gully', districtName: undefined, statesChosen: false });
  });
});

describe('statesToCount', () => {
  it('counts the open states always and a closed state only when selected', () => {
    expect(statesToCount({ states: ['new'] })).toEqual(['new', 'acknowledged', 'in_progress']);
    expect(statesToCount({ states: ['duplicate', 'done'] })).toEqual(['new', 'acknowledged', 'in_progress', 'done', 'duplicate']);
  });
});

describe('queueQueryString', () => {
  it('writes only what is set, repeats status, and applies overrides', () => {
    const values = { ...emptyQueueValues(), status: ['new', 'done'], kategorie: 'gully', seite: '3' };
    expect(queueQueryString(values)).toBe('?status=new&status=done&kategorie=gully&seite=3');
    expect(queueQueryString(values, { seite: null, status: ['acknowledged'], lang: 'en' })).toBe('?status=acknowledged&kategorie=gully&lang=en');
    expect(queueQueryString(emptyQueueValues())).toBe('');
    expect(queueQueryString({ ...emptyQueueValues(), ortsbezirk: 'Hartenberg-Münchfeld' })).toBe('?ortsbezirk=Hartenberg-M%C3%BCnchfeld');
  });

  it('hasQueueFilters ignores sort and page', () => {
    expect(hasQueueFilters({ ...emptyQueueValues(), sortierung: 'neueste', seite: '2' })).toBe(false);
    expect(hasQueueFilters({ ...emptyQueueValues(), mir: '1' })).toBe(true);
  });
});
