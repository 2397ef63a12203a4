// The header's language choice: every language the page exists in, each named in itself (a reader
// who needs Türkçe or العربية finds their own word, not a German "Sprache"). Plain links, so it works
// without JavaScript; each carries lang and hreflang (and dir where its script runs the other way), and
// the current language is marked, not linked.
import { direction, languageName } from '../i18n/index.ts';
import type { Page } from './page.ts';

export function LanguageChoice({ page }: { page: Page }) {
  return (
    <nav class="lang-choice wrap" aria-label={page.t('layout.language')}>
      <ul>
        {page.languages.map((l) => {
          const dir = direction(l) === page.dir ? undefined : direction(l);
          return (
            <li>
              {l === page.lang ? (
                <span lang={l} dir={dir} aria-current="true">
                  {languageName(l)}
                </span>
              ) : (
                <a href={page.switchTo(l)} hreflang={l} lang={l} dir={dir}>
                  {languageName(l)}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
