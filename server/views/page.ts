// What every view needs to know about the request it renders for.
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { isLang, type Lang, type Translate } from '../i18n/index.ts';

export interface Page {
  lang: Lang;
  t: Translate;
  path: string;
  /** Internal link that keeps a language chosen by ?lang= (there is no cookie to remember it). */
  href(path: string): string;
  /** The current page in another language. */
  switchTo(lang: Lang): string;
}

export function pageFor(c: Context<AppEnv>): Page {
  const lang = c.get('lang');
  const explicit = isLang(c.req.query('lang'));
  const path = c.req.path;
  const withLang = (target: string, l: Lang) => `${target}${target.includes('?') ? '&' : '?'}lang=${l}`;
  return {
    lang,
    t: c.get('t'),
    path,
    href: (target) => (explicit ? withLang(target, lang) : target),
    switchTo: (l) => withLang(path, l),
  };
}
