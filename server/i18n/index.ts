// Language choice without cookies: ?lang= wins, then Accept-Language, then German.
import { de, type MessageKey, type Messages } from './de.ts';
import { en } from './en.ts';
import { numberFormatsPerLanguage } from '../domain/formatters.ts';

export type { MessageKey } from './de.ts';
export const LANGUAGES = ['de', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'de';

const tables: Record<Lang, Messages> = { de, en };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Picks the best supported language from an Accept-Language header, honouring q-values. */
export function fromAcceptLanguage(header: string | undefined | null): Lang | null {
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
  return ranked.map((x) => x.base).find(isLang) ?? null;
}

export function pickLanguage(query: string | undefined, acceptLanguage: string | undefined | null): Lang {
  if (isLang(query)) return query;
  return fromAcceptLanguage(acceptLanguage) ?? DEFAULT_LANG;
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
