// What the five-language tests of the citizens issue (issue 11) check on every page they reach: the
// text of a message as the translation table has it for that language (HTML-escaped as the page writes
// it), <html lang dir>, and that no German sentence of the table leaks into a page in another language.
import { expect } from 'vitest';
import { de } from '../../server/i18n/de.ts';
import { LANGUAGES, translator, type Lang, type MessageKey, type MessageParams } from '../../server/i18n/index.ts';

export { LANGUAGES, translator, type Lang };

/** As Hono's JSX writes text and attribute values. */
export const esc = (s: string) => s.replace(/[&<>'"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&quot;' })[c]!);

/** `?lang=…` to append to a path that has no query yet, or `&lang=…` after one. */
export const withLang = (path: string, lang: Lang) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

/** The page carries the language's text for `key`; a page in another language does not carry the German one. */
export function expectSays(html: string, lang: Lang, key: MessageKey, params?: MessageParams) {
  const text = translator(lang)(key, params);
  expect(html, `${lang}: ${key}`).toContain(esc(text));
  const german = translator('de')(key, params);
  if (lang !== 'de' && german !== text) expect(html, `${lang}: the German ${key} leaks`).not.toContain(esc(german));
}

export function expectNotSays(html: string, lang: Lang, key: MessageKey, params?: MessageParams) {
  expect(html, `${lang}: ${key} must not be shown`).not.toContain(esc(translator(lang)(key, params)));
}

/** <html lang="…">, and dir="rtl" for Arabic only. */
export function expectHtmlLang(html: string, lang: Lang) {
  expect(html, `${lang}: <html>`).toContain(lang === 'ar' ? '<html lang="ar" dir="rtl">' : `<html lang="${lang}">`);
}

// The German table's sentences, cut at their placeholders: a fragment of 20 characters or more is German
// prose that no page in another language may show (names such as "Stadtmelder Mainz" are shorter).
const GERMAN_FRAGMENTS = Object.entries(de)
  .filter(([key]) => !key.startsWith('staff.') && !key.startsWith('stickers.'))
  .flatMap(([, text]) => text.split(/\{\w+\}/))
  .map((part) => part.trim())
  .filter((part) => part.length >= 20);

/** No German sentence of the table on a page in another language (the leak a missing key or a hard-coded text makes). */
export function expectNoGerman(html: string, lang: Lang) {
  if (lang === 'de') return;
  const leaked = GERMAN_FRAGMENTS.filter((part) => html.includes(esc(part)));
  expect(leaked, `${lang}: German text on the page`).toEqual([]);
}

/** Everything every page of these tests must be: in its language, with its direction, without German. */
export function expectPage(html: string, lang: Lang) {
  expectHtmlLang(html, lang);
  expectNoGerman(html, lang);
}

export const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regular expression for the language's text of `key` with any value in its placeholders, as the page writes it. */
export function sayingRe(lang: Lang, key: MessageKey): string {
  return translator(lang)(key)
    .split(/\{\w+\}/)
    .map((part) => reEscape(esc(part)))
    .join('[^<]+?');
}
