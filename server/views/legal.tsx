// A legal page (Datenschutz, Barrierefreiheit, Impressum, Leichte Sprache): the city's Markdown file
// rendered through the safe subset in markdown.ts, inside the common layout.
import { raw } from 'hono/html';
import { direction, type MessageKey } from '../i18n/index.ts';
import { Layout } from './layout.tsx';
import type { LegalText } from './legal-texts.ts';
import { firstHeading, renderMarkdown } from './markdown.ts';
import type { Page } from './page.ts';

export function LegalPage({ page, titleKey, text }: { page: Page; titleKey: MessageKey; text: LegalText }) {
  const { t } = page;
  // Links to our own pages keep a language chosen by ?lang= (before any #fragment).
  const keepLang = (url: string) => {
    if (!url.startsWith('/')) return url;
    const hash = url.indexOf('#');
    return hash < 0 ? page.href(url) : page.href(url.slice(0, hash)) + url.slice(hash);
  };
  const html = renderMarkdown(text.source, { relativeHref: keepLang });
  // A file that does not begin with "# Title" still gets the page's one h1.
  const heading = firstHeading(text.source) === null ? <h1>{t(titleKey)}</h1> : null;
  // A text standing in for a missing translation (English, else German) says so in the reader's
  // language, and is marked with its own language (and direction) for screen readers.
  const standIn = text.lang === page.lang ? undefined : text.lang;
  return (
    <Layout page={page} title={t(titleKey)}>
      {standIn ? <p class="notice">{t(standIn === 'en' ? 'legal.shownInEnglish' : 'legal.shownInGerman')}</p> : null}
      <div class="legal" lang={standIn} dir={standIn && direction(standIn) !== page.dir ? direction(standIn) : undefined}>
        {heading}
        {raw(html)}
      </div>
    </Layout>
  );
}
