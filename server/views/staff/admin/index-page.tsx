// /intern/verwaltung: the sections of the administration, each with a line on what it is for.
import type { MessageKey } from '../../../i18n/index.ts';
import { AdminLayout, type AdminFrame } from './parts.tsx';

const SECTIONS: ReadonlyArray<{ path: string; name: MessageKey; text: MessageKey }> = [
  { path: '/intern/verwaltung/aemter', name: 'staff.admin.departments.title', text: 'staff.admin.index.departments' },
  { path: '/intern/verwaltung/kategorien', name: 'staff.admin.categories.title', text: 'staff.admin.index.categories' },
  { path: '/intern/verwaltung/vorlagen', name: 'staff.admin.templates.title', text: 'staff.admin.index.templates' },
  { path: '/intern/verwaltung/ortsbezirke', name: 'staff.admin.districts.title', text: 'staff.admin.index.districts' },
  { path: '/intern/verwaltung/zustaendigkeit', name: 'staff.admin.routing.title', text: 'staff.admin.index.routing' },
  { path: '/intern/verwaltung/konten', name: 'staff.admin.accounts.title', text: 'staff.admin.index.accounts' },
  { path: '/intern/verwaltung/api-schluessel', name: 'staff.admin.apiKeys.title', text: 'staff.admin.index.apiKeys' },
];

export function AdminIndexPage(props: AdminFrame) {
  const { page } = props;
  const { t } = page;
  return (
    <AdminLayout {...props} title={t('staff.admin.title')} back={{ href: '/intern', label: t('staff.admin.backToStart') }}>
      <p class="lead">{t('staff.admin.lead')}</p>
      <ul class="admin-sections">
        {SECTIONS.map((s) => (
          <li>
            <a href={page.href(s.path)}>{t(s.name)}</a>
            <p>{t(s.text)}</p>
          </li>
        ))}
      </ul>
    </AdminLayout>
  );
}
