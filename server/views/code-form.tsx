// The code-entry form: on /code and on every page about a code that did not work.
import type { Page } from './page.ts';

export const EXAMPLE_CODE = 'K7M 4QX2';

export function CodeForm({ page, value }: { page: Page; value?: string }) {
  const { t } = page;
  return (
    <form method="get" action="/code" class="code-form">
      {page.lang !== 'de' ? <input type="hidden" name="lang" value={page.lang} /> : null}
      <label for="code">{t('code.label')}</label>
      <input id="code" name="code" type="text" value={value ?? ''} autocomplete="off" autocapitalize="characters" spellcheck={false} maxlength={20} />
      <button type="submit" class="button">
        {t('code.submit')}
      </button>
      <p>
        <a href={page.href('/melden')}>{t('code.mapLink')}</a>
      </p>
    </form>
  );
}
