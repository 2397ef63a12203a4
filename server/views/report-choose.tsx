// Step one of /melden: the category, grouped, each with its one-line help. A plain list of links,
// so the notice of the chosen category can come before the rest of the form without JavaScript.
import type { Category } from '../../db/schema.ts';
import { Layout } from './layout.tsx';
import { OfflineDrafts } from './offline-drafts.tsx';
import type { Page } from './page.ts';
import { catalogueText } from '../i18n/catalogue.ts';

/** Categories in their display order, grouped by their group label in the page's language. */
export function groupByLabel(page: Page, categories: Category[]): Array<[string, Category[]]> {
  const groups = new Map<string, Category[]>();
  for (const c of categories) {
    const label = catalogueText(page.lang, c.group_de, c.group_en);
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
                  <strong>{catalogueText(page.lang, c.name_de, c.name_en)}</strong>
                  <span class="help">{catalogueText(page.lang, c.help_de, c.help_en)}</span>
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
