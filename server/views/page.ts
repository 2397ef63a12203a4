// What every view needs to know about the request it renders for.
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { direction, languagesFor, type Lang, type Translate } from '../i18n/index.ts';

export interface Page {
  lang: Lang;
  /** 'rtl' for Arabic: <html dir> mirrors the layout. */
  dir: 'ltr' | 'rtl';
  /** The languages this page can be read in (the back office: German and English only). */
  languages: readonly Lang[];
  t: Translate;
  path: string;
  /** Internal link that keeps a language chosen by ?lang= (there is no cookie to remember it). */
  href(path: string): string;
  /** The current page in another language. */
  switchTo(lang: Lang): string;
}

export function pageFor(c: Context<AppEnv>): Page {
  const lang = c.get('lang');
  // Chosen by ?lang= only if the page exists in that language (?lang=tr under /intern is German).
  const explicit = c.req.query('lang') === lang;
  const path = c.req.path;
  const withLang = (target: string, l: Lang) => `${target}${target.includes('?') ? '&' : '?'}lang=${l}`;
  return {
    lang,
    dir: direction(lang),
    languages: languagesFor(path),
    t: c.get('t'),
    path,
    href: (target) => (explicit ? withLang(target, lang) : target),
    switchTo: (l) => withLang(path, l),
  };
}
