// API keys: the list with prefix, creation, last use and revocation; the form for a new key; and the
// one page that shows a new key in full.
import type { ApiKeyOverview } from '../../../../db/admin-api-keys.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import type { Problems } from '../../../routes/admin/form.ts';
import { dateTime } from '../../staff.tsx';
import { AdminLayout, Csrf, TextField, type AdminFrame } from './parts.tsx';

export function ApiKeyListPage(props: AdminFrame & { keys: ApiKeyOverview[]; name: string; problems: Problems; flash: MessageKey | null }) {
  const { page } = props;
  const { t } = page;
  return (
    <AdminLayout {...props} title={t('staff.admin.apiKeys.title')} problems={props.problems}>
      <p>{t('staff.admin.apiKeys.lead')}</p>
      {props.keys.length === 0 ? (
        <p>{t('staff.admin.apiKeys.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="admin-table">
            <caption>{t('staff.admin.apiKeys.caption', { count: props.keys.filter((k) => !k.revoked_at).length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.admin.apiKeys.name')}</th>
                <th scope="col">{t('staff.admin.apiKeys.prefix')}</th>
                <th scope="col">{t('staff.admin.apiKeys.created')}</th>
                <th scope="col">{t('staff.admin.apiKeys.lastUsed')}</th>
                <th scope="col">{t('staff.admin.apiKeys.revoked')}</th>
                <th scope="col">{t('staff.admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.keys.map((k) => (
                <tr class={k.revoked_at ? 'admin-inactive' : undefined}>
                  <th scope="row" id={`key-${k.id}`}>
                    {k.name}
                  </th>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>
                    {dateTime(k.created_at, page)}
                    {k.created_by_name ? ` (${k.created_by_name})` : ''}
                  </td>
                  <td>{k.last_used_at ? dateTime(k.last_used_at, page) : t('staff.admin.apiKeys.never')}</td>
                  <td>{k.revoked_at ? dateTime(k.revoked_at, page) : '–'}</td>
                  <td>
                    {k.revoked_at ? null : (
                      <form method="post" action={page.href(`/intern/verwaltung/api-schluessel/${k.id}/widerrufen`)} class="admin-inline-form">
                        <Csrf token={props.csrfToken} />
                        <button type="submit" class="admin-button admin-button-danger" aria-describedby={`key-${k.id}`}>
                          {t('staff.admin.apiKeys.revoke')}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="new">{t('staff.admin.apiKeys.new')}</h2>
      <form method="post" action={page.href('/intern/verwaltung/api-schluessel')} class="admin-form" novalidate>
        <Csrf token={props.csrfToken} />
        <fieldset>
          <legend>{t('staff.admin.apiKeys.newLegend')}</legend>
          <TextField page={page} name="name" label={t('staff.admin.apiKeys.name')} help={t('staff.admin.apiKeys.nameHelp')} value={props.name} problems={props.problems} required maxlength={100} />
        </fieldset>
        <button type="submit" class="admin-button">
          {t('staff.admin.apiKeys.create')}
        </button>
      </form>
    </AdminLayout>
  );
}

export function ApiKeyCreatedPage(props: AdminFrame & { name: string; apiKey: string }) {
  const { page } = props;
  const { t } = page;
  return (
    <AdminLayout {...props} title={t('staff.admin.apiKeys.createdTitle')} back={{ href: '/intern/verwaltung/api-schluessel', label: t('staff.admin.apiKeys.back') }}>
      <p class="flash" role="status">
        {t('staff.admin.apiKeys.createdFor', { name: props.name })}
      </p>
      <p class="notice notice-danger">{t('staff.admin.apiKeys.onlyOnce')}</p>
      <label for="api-key" class="admin-key-label">
        {t('staff.admin.apiKeys.key')}
      </label>
      <input id="api-key" class="admin-key" type="text" readonly value={props.apiKey} spellcheck={false} autocomplete="off" />
      <p>{t('staff.admin.apiKeys.usage')}</p>
    </AdminLayout>
  );
}
