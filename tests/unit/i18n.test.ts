import { describe, expect, it } from 'vitest';
import { de } from '../../server/i18n/de.ts';
import { en } from '../../server/i18n/en.ts';
import { fromAcceptLanguage, pickLanguage, translator } from '../../server/i18n/index.ts';

describe('language choice', () => {
  it.each([
    [undefined, undefined, 'de'],
    [undefined, 'en-US,en;q=0.9', 'en'],
    [undefined, 'fr-FR, en;q=0.5, de;q=0.8', 'de'],
    [undefined, 'fr-FR, it', 'de'],
    [undefined, 'de;q=0, en;q=0.1', 'en'],
    [undefined, '*', 'de'],
    ['en', 'de-DE', 'en'],
    ['de', 'en-US', 'de'],
    ['xx', 'en', 'en'],
  ])('?lang=%s with Accept-Language %s -> %s', (query, header, expected) => {
    expect(pickLanguage(query, header)).toBe(expected);
  });

  it('ignores malformed headers', () => {
    expect(fromAcceptLanguage(';;,q=abc')).toBeNull();
  });
});

describe('translation tables', () => {
  it('has an English text for every German key and nothing empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
    for (const [key, text] of [...Object.entries(de), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });
  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(de) as (keyof typeof de)[]) expect(names(en[key]), key).toEqual(names(de[key]));
  });
  it('fills placeholders', () => {
    expect(translator('de')('error.transition', { from: { key: 'state.done' }, to: { key: 'state.new' } })).toBe(
      'Der Status kann nicht von „Erledigt“ zu „Neu“ wechseln.',
    );
    expect(translator('en')('districts.lead', { count: 15 })).toContain('Mainz has 15 districts');
  });
  it('writes a large number with the digit grouping of the language when it is given as { count }', () => {
    const params = { name: 'a.png', width: { count: 40_000_000 }, height: { count: 1 }, maxEdge: { count: 12_000 }, maxAspect: 10 };
    expect(translator('de')('photo.badDimensions', params)).toBe('„a.png“ hat ungewöhnliche Maße (40.000.000 × 1 Bildpunkte): höchstens 12.000 Bildpunkte an einer Seite und ein Seitenverhältnis bis 10 : 1.');
    expect(translator('en')('photo.badDimensions', params)).toBe('“a.png” has unusual dimensions (40,000,000 × 1 pixels): at most 12,000 pixels on a side and an aspect ratio up to 10 : 1.');
    // A plain number stays as it is: report numbers and years are never grouped.
    expect(translator('de')('report.statusTitle', { id: 12345 })).toBe('Meldung Nr. 12345');
  });
});
