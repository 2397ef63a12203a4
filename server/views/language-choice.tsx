// The header's language choice: a disclosure (works without JavaScript) whose button shows a globe and
// the current language, opening onto every language the page exists in, each named in itself (a
// reader who needs Türkçe or العربية finds their own word, not a German "Sprache"). Each link carries
// lang and hreflang (and dir where its script runs the other way); the current language is marked,
// not linked. Closed, it takes one line of the header on a phone.
import { direction, languageName } from '../i18n/index.ts';
import type { Page } from './page.ts';

export function LanguageChoice({ page }: { page: Page }) {
  const dirOf = (l: Page['lang']) => (direction(l) === page.dir ? undefined : direction(l));
  return (
    <nav class="lang-choice" aria-label={page.t('layout.language')}>
      <details>
        <summary>
          <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
            <circle cx="10" cy="10" r="8.5" />
            <path d="M1.5 10h17M10 1.5c-4.5 4.7-4.5 12.3 0 17M10 1.5c4.5 4.7 4.5 12.3 0 17" />
          </svg>
          {languageName(page.lang)}
        </summary>
        <ul>
          {page.languages.map((l) => (
            <li>
              {l === page.lang ? (
                <span lang={l} dir={dirOf(l)} aria-current="true">
                  {languageName(l)}
                </span>
              ) : (
                <a href={page.switchTo(l)} hreflang={l} lang={l} dir={dirOf(l)}>
                  {languageName(l)}
                </a>
              )}
            </li>
          ))}
        </ul>
      </details>
    </nav>
  );
}
