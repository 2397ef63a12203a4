// Intl formatters are built once per language when a module loads, never per call. Building an
// Intl.DateTimeFormat costs ~0.4 ms, and each one holds ~16 KB of ICU memory outside the JavaScript
// heap that V8 frees only in a full garbage collection, which a small heap rarely triggers: built per
// list entry or per scan page, they grew the server's RSS by gigabytes under ordinary GET load, and
// glibc did not give the memory back (decision 028, `npm run bench:memory`,
// tests/request/formatters-once.test.ts). A formatter's format() keeps no state between calls, so one
// instance serves every request.
import { LANGUAGES, type Lang } from '../server/i18n/languages.ts';

export const CITY_TIME_ZONE = 'Europe/Berlin';

/**
 * Arabic keeps Western digits (-u-nu-latn): report numbers, bin codes, house numbers and the times on
 * the city's signs are written so in Mainz, and one page should not mix ٣٧ and 37 (decision 033).
 */
export const LOCALE: Record<Lang, string> = { de: 'de-DE', en: 'en-GB', tr: 'tr-TR', ar: 'ar-u-nu-latn', uk: 'uk-UA' };

function perLanguage<T>(build: (locale: string) => T): Record<Lang, T> {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, build(LOCALE[lang])])) as Record<Lang, T>;
}

/** One DateTimeFormat per language with the same options. */
export function dateFormatsPerLanguage(options: Intl.DateTimeFormatOptions): Record<Lang, Intl.DateTimeFormat> {
  return perLanguage((locale) => new Intl.DateTimeFormat(locale, options));
}

/** One NumberFormat per language with the same options. */
export function numberFormatsPerLanguage(options: Intl.NumberFormatOptions): Record<Lang, Intl.NumberFormat> {
  return perLanguage((locale) => new Intl.NumberFormat(locale, options));
}

/** Date and time as staff pages and department mails write them: "21.11.2026, 11:00" / "21 Nov 2026, 11:00". */
export const DATE_TIME = dateFormatsPerLanguage({ dateStyle: 'medium', timeStyle: 'short', timeZone: CITY_TIME_ZONE });

/**
 * For helpers that take the time zone as a parameter: one formatter per zone, built on first use.
 * Bounded by the IANA zones, since the constructor throws for any other name before it is kept.
 */
export function perTimeZone<T>(build: (timeZone: string) => T): (timeZone: string) => T {
  const byZone = new Map<string, T>();
  return (timeZone) => {
    let formatter = byZone.get(timeZone);
    if (formatter === undefined) {
      formatter = build(timeZone);
      byZone.set(timeZone, formatter);
    }
    return formatter;
  };
}
