// Pages that are a heading and a few paragraphs: legal placeholders and errors.
import type { ErrorHints } from '../domain/errors.ts';
import type { MessageKey } from '../i18n/index.ts';
import { CodeForm } from './code-form.tsx';
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

interface ErrorProps {
  page: Page;
  status: number;
  message: string;
  hints?: ErrorHints;
}

export function ErrorPage({ page, status, message, hints = {} }: ErrorProps) {
  const { t } = page;
  const title = hints.titleKey ? t(hints.titleKey) : `${t('error.title')} ${status}`;
  return (
    <Layout page={page} title={title} inlineCss={hints.codeForm}>
      <h1>{title}</h1>
      <p class="lead" role="alert">
        {message}
      </p>
      {hints.codeForm ? <CodeForm page={page} /> : null}
      <p>
        <a href={page.href('/')}>{t('error.back')}</a>
      </p>
    </Layout>
  );
}

export function renderErrorPage(page: Page, status: number, message: string, hints?: ErrorHints) {
  return <ErrorPage page={page} status={status} message={message} hints={hints} />;
}
