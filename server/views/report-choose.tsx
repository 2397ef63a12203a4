// Step one of /melden: the category, grouped, each with its one-line help. A plain list of links,
// so the notice of the chosen category can come before the rest of the form without JavaScript.
import type { Category } from '../../db/schema.ts';
import { Layout } from './layout.tsx';
import { OfflineDrafts } from './offline-drafts.tsx';
import type { Page } from './page.ts';

/** Categories in their display order, grouped by their group label in the page's language. */
export function groupByLabel(page: Page, categories: Category[]): Array<[string, Category[]]> {
  const groups = new Map<string, Category[]>();
  for (const c of categories) {
    const label = page.lang === 'en' ? c.group_en : c.group_de;
    groups.set(label, [...(groups.get(label) ?? []), c]);
  }
  return [...groups];
}

export function ChooseCategoryPage({ page, categories }: { page: Page; categories: Category[] }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('report.chooseTitle')}>
      <h1>{t('report.chooseTitle')}</h1>
      <p class="lead">{t('report.chooseLead')}</p>
      <p class="notice notice-danger">{t('home.emergency')}</p>
      <OfflineDrafts page={page} />
      {groupByLabel(page, categories).map(([label, items]) => (
        <section class="choose-group" aria-label={label}>
          <h2>{label}</h2>
          <ul class="choose-list">
            {items.map((c) => (
              <li>
                <a href={page.href(`/melden/${c.slug}`)} class="choose-link">
                  <strong>{page.lang === 'en' ? c.name_en : c.name_de}</strong>
                  <span class="help">{page.lang === 'en' ? c.help_en : c.help_de}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p class="muted">{t('report.binHint')}</p>
    </Layout>
  );
}
