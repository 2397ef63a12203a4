import { describe, expect, it } from 'vitest';
import { categories } from '../../db/seed/catalogue.ts';
import { ar } from '../../server/i18n/ar.ts';
import { CATALOGUE_TRANSLATIONS, catalogueText } from '../../server/i18n/catalogue.ts';
import { de } from '../../server/i18n/de.ts';
import { en } from '../../server/i18n/en.ts';
import { direction, fromAcceptLanguage, languageName, languagesFor, LANGUAGES, pickLanguage, translator } from '../../server/i18n/index.ts';
import { tr } from '../../server/i18n/tr.ts';
import { uk } from '../../server/i18n/uk.ts';

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
    [undefined, 'tr-TR,tr;q=0.9,en;q=0.8', 'tr'],
    [undefined, 'ar-EG,ar;q=0.9', 'ar'],
    [undefined, 'uk-UA,uk;q=0.9,ru;q=0.8', 'uk'],
    [undefined, 'fr, uk;q=0.4, de;q=0.3', 'uk'],
    ['ar', 'tr-TR', 'ar'],
  ])('?lang=%s with Accept-Language %s -> %s', (query, header, expected) => {
    expect(pickLanguage(query, header)).toBe(expected);
  });

  it('offers only German and English under /intern, where the back office has no other texts', () => {
    expect(languagesFor('/intern/meldungen')).toEqual(['de', 'en']);
    expect(languagesFor('/m/7')).toEqual(LANGUAGES);
    expect(pickLanguage('tr', 'ar-EG, en;q=0.5', languagesFor('/intern'))).toBe('en');
    expect(pickLanguage(undefined, 'uk-UA', languagesFor('/intern/konto'))).toBe('de');
  });

  it('ignores malformed headers', () => {
    expect(fromAcceptLanguage(';;,q=abc')).toBeNull();
  });

  it('writes Arabic right to left and names each language in itself', () => {
    expect(LANGUAGES.map(direction)).toEqual(['ltr', 'ltr', 'ltr', 'rtl', 'ltr']);
    expect(LANGUAGES.map(languageName)).toEqual(['Deutsch', 'English', 'Türkçe', 'العربية', 'Українська']);
  });
});

const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
const citizenKeys = Object.keys(de)
  .filter((k) => !k.startsWith('staff.') && !k.startsWith('stickers.'))
  .sort();

describe('translation tables', () => {
  it('has an English text for every German key and nothing empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
    for (const [key, text] of [...Object.entries(de), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });
  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(de) as (keyof typeof de)[]) expect(names(en[key]), key).toEqual(names(de[key]));
  });

  // Turkish, Arabic and Ukrainian have exactly the citizen keys: every one (a page, the scan page or a
  // mail never falls back to German) and no stray ones (a key renamed in German must be renamed here).
  it.each([
    ['tr', tr],
    ['ar', ar],
    ['uk', uk],
  ] as const)('%s has every citizen key, no other, none empty, with German placeholders', (_lang, table) => {
    expect(Object.keys(table).sort()).toEqual(citizenKeys);
    for (const [key, text] of Object.entries(table)) {
      expect(text.trim(), key).not.toBe('');
      expect(names(text), key).toEqual(names(de[key as keyof typeof de]));
    }
  });

  it('fills placeholders', () => {
    expect(translator('de')('error.transition', { from: { key: 'state.done' }, to: { key: 'state.new' } })).toBe(
      'Der Status kann nicht von „Erledigt“ zu „Neu“ wechseln.',
    );
    expect(translator('en')('districts.lead', { count: 15 })).toContain('Mainz has 15 districts');
    expect(translator('uk')('mail.status.subject', { id: 7, state: { key: 'state.done' } })).toBe('Ваше повідомлення № 7: Виконано');
  });

  it('falls back to German for back-office keys in the citizen-only languages', () => {
    expect(translator('tr')('staff.logout')).toBe(de['staff.logout']);
  });
});

describe('category texts', () => {
  const demoTexts = [...new Set(categories.flatMap((c) => [c.group_de, c.name_de, c.help_de, c.notice_de ?? null]).filter((x): x is string => x !== null))].sort();

  it.each(Object.entries(CATALOGUE_TRANSLATIONS))('%s translates every text of the demo catalogue and nothing else', (_lang, table) => {
    expect(Object.keys(table).sort()).toEqual(demoTexts);
    for (const [source, text] of Object.entries(table)) expect(text.trim(), source).not.toBe('');
  });

  it('shows the columns in German and English, a translation of an unchanged German text, else English', () => {
    const pothole = categories.find((c) => c.slug === 'strassenschaden')!;
    expect(catalogueText('de', pothole.name_de, pothole.name_en)).toBe('Straßenschaden / Schlagloch');
    expect(catalogueText('en', pothole.name_de, pothole.name_en)).toBe('Road damage / pothole');
    expect(catalogueText('tr', pothole.name_de, pothole.name_en)).toBe('Yol hasarı / çukur');
    // The city renamed it: the old translation would be wrong, English is right.
    expect(catalogueText('uk', 'Schlagloch in der Fahrbahn', 'Pothole in the road')).toBe('Pothole in the road');
    expect(catalogueText('ar', null, null)).toBeNull();
    expect(catalogueText('ar', 'constructor', 'Constructor')).toBe('Constructor');
  });
  it('writes a large number with the digit grouping of the language when it is given as { count }', () => {
    const params = { name: 'a.png', width: { count: 40_000_000 }, height: { count: 1 }, maxEdge: { count: 12_000 }, maxAspect: 10 };
    expect(translator('de')('photo.badDimensions', params)).toBe('„a.png“ hat ungewöhnliche Maße (40.000.000 × 1 Bildpunkte): höchstens 12.000 Bildpunkte an einer Seite und ein Seitenverhältnis bis 10 : 1.');
    expect(translator('en')('photo.badDimensions', params)).toBe('“a.png” has unusual dimensions (40,000,000 × 1 pixels): at most 12,000 pixels on a side and an aspect ratio up to 10 : 1.');
    // A plain number stays as it is: report numbers and years are never grouped.
    expect(translator('de')('report.statusTitle', { id: 12345 })).toBe('Meldung Nr. 12345');
  });
});
