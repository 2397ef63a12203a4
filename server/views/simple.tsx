// Pages that are a heading and a few paragraphs: legal placeholders and errors.
import type { MessageKey } from '../i18n/index.ts';
import { Layout } from './layout.tsx';
import type { Page } from './page.ts';

export function TextPage({ page, titleKey, leadKey }: { page: Page; titleKey: MessageKey; leadKey: MessageKey }) {
  const { t } = page;
  return (
    <Layout page={page} title={t(titleKey)}>
      <h1>{t(titleKey)}</h1>
      <p class="lead">{t(leadKey)}</p>
      <p class="notice">{t('legal.placeholder')}</p>
    </Layout>
  );
}

export function ErrorPage({ page, status, message }: { page: Page; status: number; message: string }) {
  const { t } = page;
  return (
    <Layout page={page} title={`${t('error.title')} ${status}`}>
      <h1>
        {t('error.title')} {status}
      </h1>
      <p class="lead" role="alert">
        {message}
      </p>
      <p>
        <a href={page.href('/')}>{t('error.back')}</a>
      </p>
    </Layout>
  );
}

export function renderErrorPage(page: Page, status: number, message: string) {
  return <ErrorPage page={page} status={status} message={message} />;
}
