// The frame of every back-office page: the navigation a role may use, the logout button (a POST
// with the session's CSRF token) and the area's own stylesheet next to the site's.
import type { Child } from 'hono/jsx';
import type { MessageKey } from '../../i18n/index.ts';
import type { StaffUser } from '../../staff/access.ts';
import { Layout } from '../layout.tsx';
import type { Page } from '../page.ts';

interface NavItem {
  path: string;
  key: MessageKey;
  roles: readonly StaffUser['role'][];
}

const OFFICE = ['admin', 'dispatcher', 'staff'] as const;

/** The back office's sections, in the order of the navigation; each names the roles that may open it. */
export const STAFF_NAV: readonly NavItem[] = [
  { path: '/intern', key: 'staff.home', roles: ['admin', 'dispatcher', 'staff', 'crew'] },
  { path: '/intern/meldungen', key: 'staff.nav.queue', roles: OFFICE },
  { path: '/intern/zentrale', key: 'staff.nav.triage', roles: ['admin', 'dispatcher'] },
  { path: '/intern/ueberfaellig', key: 'staff.nav.overdue', roles: OFFICE },
  { path: '/intern/kolonne', key: 'staff.nav.crew', roles: ['admin', 'dispatcher', 'staff', 'crew'] },
  { path: '/intern/papierkoerbe', key: 'staff.nav.bins', roles: OFFICE },
  { path: '/intern/kennzahlen', key: 'staff.nav.kpi', roles: OFFICE },
  { path: '/intern/verwaltung', key: 'staff.nav.admin', roles: ['admin'] },
  { path: '/intern/konto', key: 'staff.nav.account', roles: ['admin', 'dispatcher', 'staff', 'crew'] },
];

/** The section a path belongs to: the longest matching prefix, so /intern/meldungen/7 marks "Meldungen". */
function currentSection(path: string): string | undefined {
  return STAFF_NAV.map((n) => n.path)
    .filter((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}.`))
    .sort((a, b) => b.length - a.length)[0];
}

function StaffNav({ page, user, csrfToken }: { page: Page; user: StaffUser | null; csrfToken: string }) {
  const section = currentSection(page.path);
  const items = user ? STAFF_NAV.filter((n) => n.roles.includes(user.role)) : [];
  return (
    <>
      {items.map((n) => (
        <li>
          <a href={page.href(n.path)} aria-current={n.path === page.path ? 'page' : n.path === section ? 'true' : undefined}>
            {page.t(n.key)}
          </a>
        </li>
      ))}
      <li>
        <form method="post" action={page.href('/intern/abmelden')}>
          <input type="hidden" name="csrf" value={csrfToken} />
          <button type="submit" class="link-button">
            {page.t('staff.logout')}
          </button>
        </form>
      </li>
    </>
  );
}

export interface StaffLayoutProps {
  page: Page;
  /** The logged-in account; null only on pages before the second factor, which show no sections. */
  user: StaffUser | null;
  csrfToken: string;
  title: string;
  /** Extra stylesheets under /static/, e.g. ['staff-queue.css']. */
  styles?: readonly string[];
  /** More elements for <head> (a map page's scripts). */
  head?: Child;
  children: Child;
}

export function StaffLayout(props: StaffLayoutProps) {
  return (
    <Layout
      page={props.page}
      title={props.title}
      head={
        <>
          <link rel="stylesheet" href="/static/staff.css" />
          {(props.styles ?? []).map((s) => (
            <link rel="stylesheet" href={`/static/${s}`} />
          ))}
          {props.head ?? null}
        </>
      }
      nav={<StaffNav page={props.page} user={props.user} csrfToken={props.csrfToken} />}
    >
      {props.children}
    </Layout>
  );
}
