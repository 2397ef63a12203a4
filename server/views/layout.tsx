import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { SITE_CSS } from './inline-css.ts';
import { LanguageChoice } from './language-choice.tsx';
import type { Page } from './page.ts';

/** `inlineCss`: the page must be usable after the first round trip, so its styles come with it. */
/** `nav`: list items that replace the citizen navigation (the staff pages bring their own). */
/** `reportAction`: the "Mangel melden" button in the header; every citizen page has it but the scan page, which stays minimal. */
export function Layout(props: { page: Page; title: string; children: Child; inlineCss?: boolean; head?: Child; nav?: Child; reportAction?: boolean }) {
  const { page } = props;
  const { t } = page;
  // Staff pages bring their own navigation and are no place to report from.
  const reportAction = props.nav === undefined && props.reportAction !== false;
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={page.lang} dir={page.dir === 'rtl' ? 'rtl' : undefined}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title === t('site.name') ? props.title : `${props.title} – ${t('site.name')}`}</title>
          {props.inlineCss ? <style>{raw(SITE_CSS)}</style> : <link rel="stylesheet" href="/static/site.css" />}
          <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
          {props.nav === undefined ? (
            <>
              <link rel="manifest" href={page.lang === 'de' ? '/manifest.webmanifest' : `/manifest.webmanifest?lang=${page.lang}`} />
              <meta name="theme-color" content="#a5122a" />
            </>
          ) : null}
          {props.head ?? null}
        </head>
        <body>
          <a class="skip-link" href="#main">
            {t('layout.skip')}
          </a>
          <header class="site-header">
            <div class="wrap header-row">
              <a class="brand" href={page.href('/')}>
                <span class="brand-mark" aria-hidden="true">
                  !
                </span>
                <span>{t('site.name')}</span>
              </a>
              {reportAction ? (
                <a class="header-report" href={page.href('/melden')} aria-current={page.path === '/melden' ? 'page' : undefined}>
                  {t('layout.report')}
                </a>
              ) : null}
              <nav aria-label={t('layout.nav')} class="header-nav">
                <ul>
                  {props.nav ?? (
                    <>
                      <li>
                        <a href={page.href('/karte')} aria-current={page.path === '/karte' ? 'page' : undefined}>
                          {t('layout.map')}
                        </a>
                      </li>
                      <li>
                        <a href={page.href('/ortsbezirke')} aria-current={page.path === '/ortsbezirke' ? 'page' : undefined}>
                          {t('layout.districts')}
                        </a>
                      </li>
                    </>
                  )}
                </ul>
              </nav>
              <LanguageChoice page={page} />
            </div>
          </header>
          <main id="main" tabindex={-1} class="wrap">
            {props.children}
          </main>
          <footer class="site-footer">
            <div class="wrap">
              <nav aria-label={t('layout.footer')}>
                <ul>
                  <li>
                    <a href={page.href('/datenschutz')}>{t('layout.privacy')}</a>
                  </li>
                  <li>
                    <a href={page.href('/barrierefreiheit')}>{t('layout.accessibility')}</a>
                  </li>
                  <li>
                    <a href={page.href('/impressum')}>{t('layout.imprint')}</a>
                  </li>
                  <li>
                    <a href={page.href('/leichte-sprache')}>{t('layout.easyRead')}</a>
                  </li>
                  {props.nav === undefined ? (
                    <li>
                      <a href={page.href('/verlinken')}>{t('layout.linkKit')}</a>
                    </li>
                  ) : null}
                </ul>
              </nav>
              <p>{t('layout.openSource')}</p>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
