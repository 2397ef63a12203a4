// The login's second step: one field for the code from the authenticator app. Shown to a session
// that has given its password but not yet its code; the navigation offers only "Abmelden".
import type { MessageKey } from '../../i18n/index.ts';
import type { Page } from '../page.ts';
import { StaffLayout } from './layout.tsx';

export interface CodePageData {
  csrfToken: string;
  target: string | null;
  error: MessageKey | null;
}

export function CodeEntryPage({ page, data }: { page: Page; data: CodePageData }) {
  const { t } = page;
  const title = data.error ? `${t('staff.account.errorTitle')}: ${t('staff.account.codeTitle')}` : t('staff.account.codeTitle');
  return (
    <StaffLayout page={page} user={null} csrfToken={data.csrfToken} title={title} styles={['staff-account.css']}>
      <h1>{t('staff.account.codeTitle')}</h1>
      <p class="lead">{t('staff.account.codeLead')}</p>
      <form method="post" action={page.href('/intern/anmelden/code')} class="staff-form">
        <input type="hidden" name="csrf" value={data.csrfToken} />
        {data.target ? <input type="hidden" name="ziel" value={data.target} /> : null}
        <CodeField page={page} error={data.error} autofocus />
        <button type="submit" class="button">
          {t('staff.account.codeSubmit')}
        </button>
      </form>
    </StaffLayout>
  );
}

/** The code input with its hint and, after a refused attempt, the message right at the field. */
export function CodeField({ page, error, autofocus = false }: { page: Page; error: MessageKey | null; autofocus?: boolean }) {
  const { t } = page;
  const described = error ? 'code-error code-hint' : 'code-hint';
  return (
    <div class="account-field">
      <label for="code">{t('staff.account.code')}</label>
      <p class="help" id="code-hint">
        {t('staff.account.codeHint')}
      </p>
      {error ? (
        <p class="field-error" id="code-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      <input
        type="text"
        id="code"
        name="code"
        class="code-input"
        inputmode="numeric"
        autocomplete="one-time-code"
        maxlength={9}
        required
        autofocus={autofocus}
        aria-describedby={described}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}
