import { Layout } from './layout.tsx';
import { CodeForm, EXAMPLE_CODE } from './code-form.tsx';
import type { Page } from './page.ts';

export function CodeEntryPage({ page, value, error }: { page: Page; value?: string; error?: string }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('code.title')} inlineCss>
      <h1>{t('code.title')}</h1>
      <p class="lead">{t('code.lead', { example: EXAMPLE_CODE })}</p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <CodeForm page={page} value={value} />
    </Layout>
  );
}
