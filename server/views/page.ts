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

/**
 * The page whose form posts to this path: the public report page for its buttons, the subscription
 * page for its confirmation, the staff report page for its actions (the redaction form posts to its
 * own page). Any other path is returned as it is: most forms post to their own page's address.
 */
export function formPageOf(path: string): string {
  return path
    .replace(/^(\/m\/\d+)\/(ich-auch|nicht-behoben)$/, '$1')
    .replace(/^(\/abo\/[^/]+)\/bestaetigen$/, '$1')
    .replace(/^(\/intern\/meldungen\/\d+)\/(?!fotos\/\d+\/schwaerzen$)[^?]+$/, '$1');
}

export function pageFor(c: Context<AppEnv>): Page {
  const lang = c.get('lang');
  // Chosen by ?lang= only if the page exists in that language (?lang=tr under /intern is German).
  const explicit = c.req.query('lang') === lang;
  const path = c.req.path;
  // A page answering a form post (an error, a limit) switches language to the form's page: the post's
  // own address may have no page to GET.
  const switchPath = c.req.method === 'GET' || c.req.method === 'HEAD' ? path : formPageOf(path);
  const withLang = (target: string, l: Lang) => `${target}${target.includes('?') ? '&' : '?'}lang=${l}`;
  return {
    lang,
    dir: direction(lang),
    languages: languagesFor(path),
    t: c.get('t'),
    path,
    href: (target) => (explicit ? withLang(target, lang) : target),
    switchTo: (l) => withLang(switchPath, l),
  };
}
