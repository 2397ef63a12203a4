// /intern/konto: whether the second factor is on, the way to set it up (QR code, the key in groups,
// a code to confirm) and the way to switch it off (password or a current code).
import type { MessageKey } from '../../i18n/index.ts';
import type { StaffUser } from '../../staff/access.ts';
import type { Page } from '../page.ts';
import { dateTime } from '../staff.tsx';
import { CodeField } from './account-code.tsx';
import { StaffLayout } from './layout.tsx';

export interface AccountPageData {
  user: StaffUser;
  csrfToken: string;
  enabledAt: string | null;
  notice: 'enabled' | 'disabled' | null;
  /** After a refused attempt to switch the factor off. */
  disableError: MessageKey | null;
}

export function AccountPage({ page, data }: { page: Page; data: AccountPageData }) {
  const { t } = page;
  const title = data.disableError ? `${t('staff.account.errorTitle')}: ${t('staff.account.title')}` : t('staff.account.title');
  return (
    <StaffLayout page={page} user={data.user} csrfToken={data.csrfToken} title={title} styles={['staff-account.css']}>
      <h1>{t('staff.account.title')}</h1>
      <p class="lead">{t('staff.account.signedInAs', { name: data.user.displayName, login: data.user.login, role: { key: `staff.role.${data.user.role}` } })}</p>
      {data.notice ? (
        <p class="status" role="status">
          {t(data.notice === 'enabled' ? 'staff.account.enabled' : 'staff.account.disabled')}
        </p>
      ) : null}
      <section aria-labelledby="factor-title" class="account-section">
        <h2 id="factor-title">{t('staff.account.factorTitle')}</h2>
        {data.enabledAt ? (
          <>
            <p>
              <span class="factor-badge factor-on">✓</span> {t('staff.account.factorOn', { since: dateTime(data.enabledAt, page) })}
            </p>
            <h3>{t('staff.account.disableTitle')}</h3>
            <p>{t('staff.account.disableLead')}</p>
            <form method="post" action={page.href('/intern/konto/zweiter-faktor/abschalten')} class="staff-form account-confirm">
              <input type="hidden" name="csrf" value={data.csrfToken} />
              <label for="confirm">{t('staff.account.passwordOrCode')}</label>
              {data.disableError ? (
                <p class="field-error" id="confirm-error" role="alert">
                  {t(data.disableError)}
                </p>
              ) : null}
              <input
                type="password"
                id="confirm"
                name="bestaetigung"
                autocomplete="current-password"
                required
                aria-describedby={data.disableError ? 'confirm-error' : undefined}
                aria-invalid={data.disableError ? 'true' : undefined}
              />
              <button type="submit" class="button button-secondary">
                {t('staff.account.disable')}
              </button>
            </form>
          </>
        ) : (
          <>
            <p>{t('staff.account.factorOff')}</p>
            <form method="post" action={page.href('/intern/konto/zweiter-faktor/einrichten')} class="staff-form">
              <input type="hidden" name="csrf" value={data.csrfToken} />
              <button type="submit" class="button">
                {t('staff.account.setUp')}
              </button>
            </form>
          </>
        )}
      </section>
    </StaffLayout>
  );
}

export interface SetupPageData {
  user: StaffUser;
  csrfToken: string;
  /** The QR code as an SVG data: URL (the CSP allows data: images, not inline SVG styles). */
  qrDataUrl: string;
  /** The key in groups of four. */
  groupedSecret: string;
  error: MessageKey | null;
}

export function SetupPage({ page, data }: { page: Page; data: SetupPageData }) {
  const { t } = page;
  const title = data.error ? `${t('staff.account.errorTitle')}: ${t('staff.account.setupTitle')}` : t('staff.account.setupTitle');
  return (
    <StaffLayout page={page} user={data.user} csrfToken={data.csrfToken} title={title} styles={['staff-account.css']}>
      <h1>{t('staff.account.setupTitle')}</h1>
      <ol class="setup-steps">
        <li>
          <p>{t('staff.account.setupStep1')}</p>
          <img class="totp-qr" src={data.qrDataUrl} width={220} height={220} alt={t('staff.account.qrAlt', { login: data.user.login })} />
          <p>{t('staff.account.setupManual')}</p>
          <p class="totp-secret">
            {t('staff.account.secretLabel')}:{' '}
            <code>{data.groupedSecret}</code>
          </p>
        </li>
        <li>
          <p>{t('staff.account.setupStep2')}</p>
          <form method="post" action={page.href('/intern/konto/zweiter-faktor/bestaetigen')} class="staff-form">
            <input type="hidden" name="csrf" value={data.csrfToken} />
            <CodeField page={page} error={data.error} />
            <button type="submit" class="button">
              {t('staff.account.confirm')}
            </button>
          </form>
        </li>
      </ol>
      <p>
        <a href={page.href('/intern/konto')}>{t('staff.account.cancel')}</a>
      </p>
    </StaffLayout>
  );
}
