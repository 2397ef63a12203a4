// The error page, for every error that reaches a person.
import type { ErrorHints } from '../../domain/errors.ts';
import { CodeForm } from './code-form.tsx';
import { Layout } from './layout.tsx';
import type { Page } from './page.ts';

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
      {hints.pageHref ? (
        <p>
          <a href={page.href(hints.pageHref)}>{t(hints.pageLinkKey ?? 'error.crossSiteOpen')}</a>
        </p>
      ) : null}
      <p>
        <a href={page.href('/')}>{t('error.back')}</a>
      </p>
    </Layout>
  );
}

export function renderErrorPage(page: Page, status: number, message: string, hints?: ErrorHints) {
  return <ErrorPage page={page} status={status} message={message} hints={hints} />;
}
