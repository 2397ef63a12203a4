// Language choice without cookies: ?lang= wins, then Accept-Language, then German.
// Citizen pages, the scan page and the mails speak five languages; the back office (/intern) only
// German and English, so a staff page never mixes a citizen language with German fallbacks.
import { de, type MessageKey, type Messages } from './de.ts';
import { en } from './en.ts';
import { numberFormatsPerLanguage } from '../../domain/formatters.ts';
import { tr } from './tr.ts';
import { ar } from './ar.ts';
import { uk } from './uk.ts';

export type { MessageKey, CitizenKey, CitizenMessages } from './de.ts';
import { LANGUAGES, type Lang } from './languages.ts';
export { LANGUAGES, type Lang } from './languages.ts';
export const DEFAULT_LANG: Lang = 'de';
/** The languages of the back office: its texts exist only in German and English. */
export const STAFF_LANGUAGES: readonly Lang[] = ['de', 'en'];
export type StaffLang = 'de' | 'en';

/** The languages a path's page exists in: the back office under /intern has only German and English. */
export function languagesFor(path: string): readonly Lang[] {
  return path === '/intern' || path.startsWith('/intern/') || path.startsWith('/intern.') ? STAFF_LANGUAGES : LANGUAGES;
}

/** A back-office view's language: under /intern the choice is German or English only. */
export function staffLang(lang: Lang): StaffLang {
  return lang === 'de' ? 'de' : 'en';
}

/** Arabic is written right to left; the layout mirrors with it (CSS logical properties). */
export function direction(lang: Lang): 'ltr' | 'rtl' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

// Turkish, Arabic and Ukrainian have every citizen key (typed); staff keys fall back to German.
const tables: Record<Lang, Partial<Messages>> = { de, en, tr, ar, uk };

/** Each language's name in itself (Deutsch, English, Türkçe, العربية, Українська), for the language choice. */
export function languageName(lang: Lang): string {
  return tables[lang]['lang.name'] ?? lang;
}

export function isLang(value: unknown, among: readonly Lang[] = LANGUAGES): value is Lang {
  return typeof value === 'string' && (among as readonly string[]).includes(value);
}

/** Picks the best supported language from an Accept-Language header, honouring q-values. */
export function fromAcceptLanguage(header: string | undefined | null, among: readonly Lang[] = LANGUAGES): Lang | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((x) => x.base && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((x) => x.base).find((base) => isLang(base, among)) ?? null;
}

/** `among`: the languages the page exists in (STAFF_LANGUAGES under /intern). */
export function pickLanguage(query: string | undefined, acceptLanguage: string | undefined | null, among: readonly Lang[] = LANGUAGES): Lang {
  if (isLang(query, among)) return query;
  return fromAcceptLanguage(acceptLanguage, among) ?? DEFAULT_LANG;
}

/**
 * A parameter is literal text, a number, another message (e.g. a state's label) to translate too, or a
 * quantity `{ count }` written with the language's digit grouping ("40.000.000" / "40,000,000"). A plain
 * number is written as it is, since report numbers must read the same everywhere.
 */
export type MessageParam = string | number | { key: MessageKey } | { count: number };
export type MessageParams = Record<string, MessageParam>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const COUNTS = numberFormatsPerLanguage({ maximumFractionDigits: 2 });

export function translator(lang: Lang): Translate {
  const table = tables[lang];
  const t: Translate = (key, params) => {
    const text = table[key] ?? de[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => {
      const value = params[name];
      if (value === undefined) return m;
      if (typeof value !== 'object') return String(value);
      return 'key' in value ? t(value.key) : COUNTS[lang].format(value.count);
    });
  };
  return t;
}
