// /verlinken: what the city (and anyone else) needs to point people to the form: a button snippet
// for a website, the QR poster for citizen offices, and how to put Stadtmelder on a home screen.
import { Layout } from './layout.tsx';
import type { Page } from './page.ts';

/** The snippet: plain HTML with inline styles (it lives on foreign pages), no script, no image from us. */
export function buttonSnippet(formUrl: string, label: string): string {
  const style = 'display:inline-block;padding:14px 22px;background:#a5122a;color:#fff;font:700 18px/1.3 system-ui,sans-serif;border-radius:8px;text-decoration:none';
  return `<a href="${formUrl}" style="${style}">${label}</a>`;
}

export function LinkKitPage({ page, formUrl }: { page: Page; formUrl: string }) {
  const { t } = page;
  const snippet = buttonSnippet(formUrl, t('layout.report'));
  return (
    <Layout page={page} title={t('linkKit.title')}>
      <h1>{t('linkKit.title')}</h1>
      <p class="lead">{t('linkKit.lead')}</p>
      <section aria-labelledby="knopf">
        <h2 id="knopf">{t('linkKit.buttonTitle')}</h2>
        <p>{t('linkKit.buttonLead')}</p>
        <p class="snippet-preview">
          <a href={page.href('/melden')} class="button button-large">
            {t('layout.report')}
          </a>
        </p>
        <label for="snippet">{t('linkKit.snippetLabel')}</label>
        <textarea id="snippet" class="snippet" rows={7} readonly>
          {snippet}
        </textarea>
      </section>
      <section aria-labelledby="plakat">
        <h2 id="plakat">{t('linkKit.posterTitle')}</h2>
        <p>{t('linkKit.posterLead')}</p>
        <p>
          <a href={page.href('/verlinken/plakat.pdf')}>{t('linkKit.posterLink')}</a>
        </p>
      </section>
      <section aria-labelledby="startbildschirm">
        <h2 id="startbildschirm">{t('linkKit.homeScreenTitle')}</h2>
        <p>{t('linkKit.homeScreenLead')}</p>
      </section>
    </Layout>
  );
}
